/**
 * Interference / resource availability: each backend's session runs the same number of
 * inferences at every load level — k busy CPU workers for k = 0 … cores, then a background
 * WebGPU compute loop — one session at a time, so only the background load competes with it.
 * Headline: how much slower WASM gets with every core busy, and whether the fastest backend
 * changes (flips) as load grows.
 */

import type { InterferenceScenario } from '../../measure/scenarios/catalog.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import type { ScenarioConfig } from '../../schema/scenario.ts';
import { startBackgroundLoad } from './background-load.ts';
import type { ScenarioOutcome, ScenarioRunner } from './context.ts';
import { openAvailable } from './open-available.ts';

interface Level {
  label: string;
  busyWorkers: number;
  gpuLoad: boolean;
}

export const runInterference: ScenarioRunner<InterferenceScenario> = async (def, ctx) => {
  const { inferences, gpuLoad } = def.sizes[ctx.size];
  const cores = Math.max(1, ctx.env.hardwareConcurrency);
  const levels: Level[] = Array.from({ length: cores + 1 }, (_, k) => ({
    label: `${k} busy CPU worker${k === 1 ? '' : 's'}`,
    busyWorkers: k,
    gpuLoad: false,
  }));
  if (gpuLoad && ctx.env.features.webgpu)
    levels.push({ label: 'GPU compute loop', busyWorkers: 0, gpuLoad: true });

  const { sessions, skipped } = await openAvailable(ctx, def.roles);
  const configs: ScenarioConfig[] = [];
  const steps = levels.length * sessions.length;
  let step = 0;
  for (const level of levels) {
    const load = await startBackgroundLoad(ctx, level.busyWorkers, level.gpuLoad);
    try {
      if (level.gpuLoad && !load.gpuRunning) {
        skipped.push(`GPU load level: ${load.gpuError ?? 'did not start'}`);
        continue;
      }
      for (const session of sessions) {
        const { role, backend } = session.placement;
        ctx.progress(`${role} (${backend}) with ${level.label}`, step++ / steps);
        const samples = await session.call((api) => api.loop(inferences));
        configs.push(
          makeConfig(
            `${backend} · ${level.label}`,
            { role, backend, busyWorkers: level.busyWorkers, gpuLoad: level.gpuLoad },
            samples,
          ),
        );
      }
    } finally {
      load.stop();
    }
  }
  return {
    params: {
      inferences,
      cores,
      levels: levels.length,
      ...(skipped.length ? { skipped: skipped.join('; ').slice(0, 200) } : {}),
    },
    placements: sessions.map((s) => s.placement),
    configs,
    ...headlineOf(configs, cores),
  };
};

/** Fastest backend (by median) at each load level, in level order. */
export function fastestPerLevel(
  configs: readonly ScenarioConfig[],
): { level: string; backend: string; medianMs: number }[] {
  const byLevel = new Map<string, ScenarioConfig[]>();
  for (const c of configs) {
    const level = c.label.slice(c.label.indexOf(' · ') + 3);
    byLevel.set(level, [...(byLevel.get(level) ?? []), c]);
  }
  return [...byLevel].map(([level, list]) => {
    const best = list.reduce((a, b) =>
      (b.latency?.medianMs ?? Infinity) < (a.latency?.medianMs ?? Infinity) ? b : a,
    );
    return { level, backend: String(best.params.backend), medianMs: best.latency?.medianMs ?? Number.NaN };
  });
}

function headlineOf(configs: readonly ScenarioConfig[], cores: number): Pick<ScenarioOutcome, 'headline'> {
  const wasm = (k: number) =>
    configs.find(
      (c) => c.params.backend === 'wasm' && c.params.busyWorkers === k && c.params.gpuLoad === false,
    )?.latency?.medianMs;
  const idle = wasm(0);
  const busy = wasm(cores);
  if (idle === undefined || busy === undefined) return {};
  const flips = fastestPerLevel(configs);
  const winners = [...new Set(flips.map((f) => f.backend))];
  const flipText =
    winners.length > 1
      ? `the fastest backend flips: ${flips.map((f) => `${f.level} → ${f.backend}`).join(', ')}`
      : `${winners[0] ?? 'wasm'} stays fastest at every level`;
  return {
    headline: {
      metric: 'wasmSlowdownAllCoresBusy',
      value: busy / idle,
      text: `WASM median ${idle.toFixed(1)} ms idle → ${busy.toFixed(1)} ms with ${cores} busy CPU workers (${(busy / idle).toFixed(2)}×); ${flipText}`,
    },
  };
}
