/**
 * Runs one planned case in a fresh dedicated Worker under a watchdog: past the case's time limit
 * the worker is terminated and the case recorded as `timeout`; a worker that fails to start is an
 * `error` (Comlink alone would wait forever).
 */
import * as Comlink from 'comlink';
import type { CaseWorkerApi } from '../../workers/case-worker.ts';
import type { CaseSpec, Phase, ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { loadReference } from '../suite/load-reference.ts';

function caseHeader(spec: CaseSpec): Pick<Case, 'model' | 'runtime' | 'backend' | 'options'> {
  return { model: spec.model.id, runtime: spec.runtime, backend: spec.backend, options: spec.options };
}

/** A record for a case that never reached a worker. */
export function unsupportedCase(spec: CaseSpec, reason: string): Case {
  return { ...caseHeader(spec), status: 'unsupported', error: reason };
}

export async function runCaseInWorker(
  spec: CaseSpec,
  onProgress: (event: ProgressEvent) => void,
): Promise<Case> {
  // Loaded with the first case rather than with the page (src/suite/load-reference.ts).
  const reference = spec.reference ?? (await loadReference(spec.model.id));
  if (reference) spec = { ...spec, reference };
  const started = performance.now();
  const worker = new Worker(new URL('../../workers/case-worker.ts', import.meta.url), {
    type: 'module',
    name: `${spec.model.id} ${spec.runtime} ${spec.backend}`,
  });
  const api = Comlink.wrap<CaseWorkerApi>(worker);
  let phase: Phase = 'load';
  const track = (event: ProgressEvent) => {
    phase = event.phase;
    onProgress(event);
  };
  const limit = spec.budget.caseTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<Case>((resolve) => {
    worker.addEventListener('error', (event) => {
      resolve({
        ...caseHeader(spec),
        status: 'error',
        error: `worker failed: ${event.message || 'script error'}`,
      });
    });
    timer = setTimeout(() => {
      resolve({
        ...caseHeader(spec),
        status: 'timeout',
        error: `exceeded the ${limit} ms case limit during ${phase}`,
      });
    }, limit);
  });
  try {
    const result = await Promise.race([api.runCase(spec, Comlink.proxy(track)), watchdog]);
    return { ...result, wallMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
