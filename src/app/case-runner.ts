/**
 * Runs one planned case in a fresh dedicated Worker (worker-host.ts) under a watchdog: past the
 * case's time limit the worker is terminated and the case recorded as `timeout`; a worker that
 * fails to start is an `error` (Comlink alone would wait forever). A case during which the page
 * was hidden is measured again once the page is visible; if it is hidden again, the second
 * result is kept and marked `visibilityLost` — never kept silently.
 */
import * as Comlink from 'comlink';
import { oneLine } from '../measure/one-line.ts';
import type { CaseSpec, Phase, ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { loadReference } from '../suite/load-reference.ts';
import type { CaseWorkerApi } from '../workers/case-worker.ts';
import { measurePageMemory, type PageMemory } from './page-memory.ts';
import { pageVisibility, type VisibilitySource, watchVisibility, whenVisible } from './visibility.ts';
import { hostWorker, WatchdogExpired, WorkerFailed } from './worker-host.ts';

function caseHeader(spec: CaseSpec): Pick<Case, 'model' | 'runtime' | 'backend' | 'options'> {
  return { model: spec.model.id, runtime: spec.runtime, backend: spec.backend, options: spec.options };
}

/** A record for a case that never reached a worker. */
export function unsupportedCase(spec: CaseSpec, reason: string): Case {
  return { ...caseHeader(spec), status: 'unsupported', error: reason };
}

/** Note on a case measured twice because the page was hidden during the first attempt. */
export const REMEASURED_NOTE = 're-measured: the page was hidden during the first attempt';

/** What the page may add to a case beyond what its worker measures. */
export interface CaseRunOptions {
  visibility?: VisibilitySource;
  /** Measure the whole page's memory after the timed runs (`?pageMemory=1`, page-memory.ts). */
  pageMemory?: boolean;
}

/**
 * Whether the browser can measure the page while this case's worker waits: not with a threaded
 * library, whose pool threads sleep in `Atomics.wait` where the measurement cannot reach them (ORT
 * with 2 threads never answered within 10 s here; one thread answered at once).
 */
export function pageMemoryMeasurable(spec: Pick<CaseSpec, 'options'>): boolean {
  return !(Number(spec.options?.threads ?? 1) > 1);
}

/** The case's record with the page's memory figures added (a case that never measured has none). */
function withPageMemory(result: Case, page: PageMemory | undefined): Case {
  if (!page || !('memory' in result || result.timings)) return result;
  return { ...result, memory: { ...result.memory, ...page } } as Case;
}

/** One attempt at the case in its own worker; never throws. */
async function attemptInWorker(
  spec: CaseSpec,
  onProgress: (event: ProgressEvent) => void,
  pageMemory: boolean,
): Promise<Case> {
  const started = performance.now();
  const host = hostWorker<CaseWorkerApi>(
    () =>
      new Worker(new URL('../workers/case-worker.ts', import.meta.url), {
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
  let page: PageMemory | undefined;
  // The page's memory measurement waits outside the case's time limit (it may take up to
  // PAGE_MEMORY_LIMIT_MS, which is not the case's to spend).
  const measured = pageMemory && pageMemoryMeasurable(spec);
  try {
    result = await host.call<Case>((api, watchdog) => {
      const afterTimedRuns = measured
        ? Comlink.proxy(async () => {
            page = await watchdog.paused(measurePageMemory);
          })
        : undefined;
      return api.runCase(spec, Comlink.proxy(track), afterTimedRuns);
    }, limit);
    result = withPageMemory(result, page);
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

/**
 * The visibility guard around attempts at one case: `attempt` runs once while the page is
 * watched; if the page was hidden at any moment, it runs again once the page is visible, and
 * that second result is kept — with a note, and `visibilityLost` when it was hidden again.
 */
export async function measureWhileVisible(
  attempt: () => Promise<Case>,
  visibility: VisibilitySource = pageVisibility,
): Promise<Case> {
  const watched = async () => {
    const watch = watchVisibility(visibility);
    try {
      return { result: await attempt(), lost: watch.lost };
    } finally {
      watch.stop();
    }
  };
  const first = await watched();
  if (!first.lost) return first.result;
  await whenVisible(visibility);
  const second = await watched();
  const notes = [...(second.result.notes ?? []), REMEASURED_NOTE].slice(-20);
  return { ...second.result, notes, ...(second.lost ? { visibilityLost: true } : {}) };
}

export async function runCaseInWorker(
  spec: CaseSpec,
  onProgress: (event: ProgressEvent) => void,
  { visibility = pageVisibility, pageMemory = false }: CaseRunOptions = {},
): Promise<Case> {
  // Loaded with the first case rather than with the page (src/suite/load-reference.ts).
  const reference = spec.reference ?? (await loadReference(spec.model.id));
  const withReference = reference ? { ...spec, reference } : spec;
  const result = await measureWhileVisible(
    () => attemptInWorker(withReference, onProgress, pageMemory),
    visibility,
  );
  return spec.budgetKind ? { ...result, budget: spec.budgetKind } : result;
}
