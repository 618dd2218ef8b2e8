/**
 * Runs one planned case in a fresh dedicated Worker (worker-host.ts) under a watchdog: past the
 * case's time limit the worker is terminated and the case recorded as `timeout`; a worker that
 * fails to start is an `error` (Comlink alone would wait forever).
 */
import * as Comlink from 'comlink';
import type { CaseWorkerApi } from '../../workers/case-worker.ts';
import { oneLine } from '../measure/one-line.ts';
import type { CaseSpec, Phase, ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { loadReference } from '../suite/load-reference.ts';
import { hostWorker, WatchdogExpired, WorkerFailed } from './worker-host.ts';

function caseHeader(spec: CaseSpec): Pick<Case, 'model' | 'runtime' | 'backend' | 'options'> {
  return { model: spec.model.id, runtime: spec.runtime, backend: spec.backend, options: spec.options };
}

/** A record for a case that never reached a worker. */
export function unsupportedCase(spec: CaseSpec, reason: string): Case {
  return { ...caseHeader(spec), status: 'unsupported', error: reason };
}

/** One attempt at the case in its own worker; never throws. */
async function attemptInWorker(spec: CaseSpec, onProgress: (event: ProgressEvent) => void): Promise<Case> {
  const started = performance.now();
  const host = hostWorker<CaseWorkerApi>(
    () =>
      new Worker(new URL('../../workers/case-worker.ts', import.meta.url), {
        type: 'module',
        name: `${spec.model.id} ${spec.runtime} ${spec.backend}`,
      }),
  );
  let phase: Phase = 'load';
  const track = (event: ProgressEvent) => {
    phase = event.phase;
    onProgress(event);
  };
  const limit = spec.budget.caseTimeoutMs;
  let result: Case;
  try {
    result = await host.call<Case>((api) => api.runCase(spec, Comlink.proxy(track)), limit);
  } catch (error) {
    result = {
      ...caseHeader(spec),
      ...(error instanceof WatchdogExpired
        ? { status: 'timeout', error: `exceeded the ${limit} ms case limit during ${phase}` }
        : error instanceof WorkerFailed
          ? { status: 'error', error: `worker failed: ${error.message}` }
          : { status: 'error', error: oneLine(error) }),
    };
  } finally {
    host.terminate();
  }
  return { ...result, wallMs: Math.round(performance.now() - started) };
}

export async function runCaseInWorker(
  spec: CaseSpec,
  onProgress: (event: ProgressEvent) => void,
): Promise<Case> {
  // Loaded with the first case rather than with the page (src/suite/load-reference.ts).
  const reference = spec.reference ?? (await loadReference(spec.model.id));
  return attemptInWorker(reference ? { ...spec, reference } : spec, onProgress);
}
