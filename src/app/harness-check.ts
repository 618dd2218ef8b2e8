/**
 * Automation-only page (harness-check.html) measuring the harness against a bare loop: for each
 * model, the same number of runs through the full harness (fresh worker, adapter, protocol) and
 * through a bare loop calling onnxruntime-web directly, alternated over several rounds on the
 * same page. Results go to `window.harnessCheck` for `npm run bench:harness`.
 */
import * as Comlink from 'comlink';
import { median } from '../measure/stats.ts';
import { modelById } from '../suite/catalog.ts';
import { suiteById } from '../suite/suites.ts';
import type { BareLoopApi } from '../workers/bare-loop-worker.ts';
import { runCaseInWorker } from './case-runner.ts';
import { modelsBaseUrl } from './models-base.ts';
import { effectiveBudget } from './plan.ts';

export interface HarnessCheckRow {
  model: string;
  round: number;
  harnessMedianMs: number;
  bareMedianMs: number;
  runs: number;
}

interface HarnessCheckState {
  state: 'running' | 'done' | 'failed';
  rows: HarnessCheckRow[];
  error?: string;
}

declare global {
  interface Window {
    harnessCheck: HarnessCheckState;
  }
}

const state: HarnessCheckState = { state: 'running', rows: [] };
window.harnessCheck = state;

async function bareLoop(request: Parameters<BareLoopApi['run']>[0]): Promise<number[]> {
  const worker = new Worker(new URL('../workers/bare-loop-worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    return await Comlink.wrap<BareLoopApi>(worker).run(request);
  } finally {
    worker.terminate();
  }
}

async function main(): Promise<void> {
  const search = new URLSearchParams(location.search);
  const models = (search.get('model') ?? 'ppocr-cls,silero-vad').split(',');
  const runs = Number(search.get('runs') ?? 300);
  const rounds = Number(search.get('rounds') ?? 2);
  const base = suiteById('quick').budget;
  const budget = { ...effectiveBudget(base, { runs, caseTimeoutMs: 120_000 }) };
  const modelsBase = modelsBaseUrl();
  const out = document.getElementById('out');
  for (let round = 1; round <= rounds; round++) {
    for (const id of models) {
      const model = modelById(id);
      const result = await runCaseInWorker(
        {
          model,
          runtime: 'ort',
          backend: 'wasm',
          options: { threads: 1 },
          budget,
          modelsBaseUrl: modelsBase,
        },
        () => undefined,
      );
      const harness = result.timings?.warm.samplesMs;
      if (!harness) throw new Error(`harness case ${id} failed: ${result.status} ${result.error ?? ''}`);
      const bare = await bareLoop({
        model,
        modelsBaseUrl: modelsBase,
        warmupRuns: budget.warmupRuns,
        warmupMs: budget.warmupMs,
        runs,
      });
      const row = { model: id, round, harnessMedianMs: median(harness), bareMedianMs: median(bare), runs };
      state.rows.push(row);
      if (out) out.textContent += `${JSON.stringify(row)}\n`;
    }
  }
  state.state = 'done';
}

main().catch((error: unknown) => {
  state.state = 'failed';
  state.error = error instanceof Error ? error.message : String(error);
});
