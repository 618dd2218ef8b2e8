/**
 * The measurement protocol of one case, run inside that case's own Worker. Its numbered steps
 * are the procedure in docs/methodology.md. It never throws: every failure becomes a status
 * with a one-line reason, and the session is disposed in `finally`.
 */
import type { Case, CaseOptions } from '../schema/run.ts';
import { makeInputs } from '../suite/inputs.ts';
import type { Budget, CatalogFile, ModelEntry, ModelReference } from '../suite/types.ts';
import {
  FallbackError,
  isUnsupportedError,
  type LoadedModel,
  modelSourceOf,
  type RuntimeAdapter,
  type SessionInfo,
} from './adapter.ts';
import type { CaseObserver } from './case-observer.ts';
import { worseOf } from './check.ts';
import { bracketInfer, type Inference, warmUp } from './inference.ts';
import type { LoadedFiles, StoreStatus } from './model-files.ts';
import { loadModelFilesInBrowser } from './model-store.ts';
import { oneLine } from './one-line.ts';
import type { FaultKind } from './params.ts';
import { judgeOutputs } from './similarity.ts';
import { computeStatistics, isSamples } from './stats.ts';
import { type StopReason, stopReason } from './stopping.ts';
import { runTaskCheck } from './task-check.ts';

/** Everything a worker needs to run one case; plain data, so it crosses postMessage. */
export interface CaseSpec {
  model: ModelEntry;
  runtime: string;
  backend: string;
  options: CaseOptions;
  budget: Budget;
  /** `software-gpu`: `budget` is the short fixed one of a GPU case on a software GPU (recorded on the case). */
  budgetKind?: 'software-gpu';
  /** Absolute URL of the folder holding the model files (public/models/). */
  modelsBaseUrl: string;
  reference?: ModelReference;
  /**
   * Fault injection for the harness's own tests: hang (busy loop) or throw after loading; `crash`
   * is the page's (it reloads itself while the case runs) and the worker ignores it.
   */
  fault?: FaultKind;
}

export type Phase = 'load' | 'init' | 'first' | 'warmup' | 'measure' | 'done';

export interface ProgressEvent {
  phase: Phase;
  /** Measured samples so far (during `measure`). */
  samples?: number;
  /** With `init`: how the device's model store behaved while the files were loaded. */
  modelStore?: StoreStatus;
}

export interface ProtocolHooks {
  now: () => number;
  /**
   * Gets the model's files, checked against the catalog (src/measure/model-files.ts): in a
   * browser the device's model store first, else the network.
   */
  loadFiles: (files: readonly CatalogFile[], baseUrl: string, now: () => number) => Promise<LoadedFiles>;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * The case worker's view of what the case cost (Resource Timing, WebAssembly memory); without
   * one (Node, tools) the record has no `coldStart` or `memory`.
   */
  observer?: CaseObserver;
  /**
   * Awaited once after the timed runs, with the session still open and outside every timed region:
   * the page measures its whole memory there (src/app/page-memory.ts) while the case holds its own.
   */
  afterTimedRuns?: () => Promise<void>;
}

const browserHooks: ProtocolHooks = {
  now: () => performance.now(),
  loadFiles: loadModelFilesInBrowser,
};

/** Marks a phase for DevTools traces, so a trace lines up with the recorded numbers. */
function trace(name: string, start: number, end: number): void {
  try {
    performance.measure(`atlas:${name}`, { start, end });
  } catch {
    // performance.measure with explicit times is missing in some runtimes; tracing is optional.
  }
}

function timed<T>(name: string, now: () => number, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = now();
  return fn().then((value) => {
    const end = now();
    trace(name, start, end);
    return { value, ms: end - start };
  });
}

function spin(): never {
  // Deliberately blocks the worker's thread so only terminate() can end the case.
  for (;;) {
    /* hang */
  }
}

/** What the spec needs to open a session: the model, where its files are, the backend and options. */
export type SessionSpec = Pick<
  CaseSpec,
  'model' | 'runtime' | 'backend' | 'options' | 'modelsBaseUrl' | 'fault'
>;

/** A case's `modelFiles`: each file's path, size and source, without its bytes. */
export function modelFilesOf(load: LoadedFiles): NonNullable<Case['modelFiles']> {
  return load.files.map((f) => ({
    path: f.path,
    bytes: f.bytes.byteLength,
    source: f.source,
    ...(f.refetched ? { refetched: true as const } : {}),
    verifyMs: f.verifyMs,
  }));
}

/**
 * Steps 1 and 2 of the protocol: get every model file (load, timed; checking them against the
 * catalog is timed apart as verify), then let the library create its session for the backend
 * (init, timed). Throws what the adapter throws, and when a file cannot be had or is not the
 * catalog's.
 */
export async function openSession(
  spec: SessionSpec,
  adapter: RuntimeAdapter,
  hooks: Partial<ProtocolHooks> = {},
): Promise<{ session: LoadedModel; load: LoadedFiles; init: { ms: number } }> {
  const { now, loadFiles, onProgress } = { ...browserHooks, ...hooks };
  const { model } = spec;
  // 1. Load: every model file's bytes, from the device's store or the network, each checked
  // against the catalog's size and sha256 (parsing belongs to init).
  onProgress?.({ phase: 'load' });
  const loadStart = now();
  const load = await loadFiles(model.files, spec.modelsBaseUrl, now);
  // The trace's load phase spans the verification too; the record keeps the two apart.
  trace('load', loadStart, now());
  if (spec.fault === 'hang') spin();
  if (spec.fault === 'throw') throw new Error('injected fault');

  // 2. Init: the library creates its session for the requested backend.
  onProgress?.({ phase: 'init', modelStore: load.store });
  const init = await timed('init', now, () =>
    adapter.load({
      model: modelSourceOf(model, load.files),
      backend: spec.backend,
      options: spec.options,
    }),
  );
  return { session: init.value, load, init: { ms: init.ms } };
}

/**
 * One backend per session, never a silent fallback: throws {@link FallbackError} (an
 * `unsupported` case) when the library reports another backend than the one requested.
 */
export function requireBackend(requested: string, info: SessionInfo): void {
  if (info.actualBackend !== requested) {
    throw new FallbackError(`requested ${requested} but the library ran on ${info.actualBackend}`);
  }
}

/** Runs one case end to end and returns its record. */
export async function runProtocol(
  spec: CaseSpec,
  adapter: RuntimeAdapter,
  hooks: Partial<ProtocolHooks> = {},
): Promise<Case> {
  const { now, loadFiles, onProgress, observer, afterTimedRuns } = { ...browserHooks, ...hooks };
  const { model, budget } = spec;
  let record: Case = {
    model: model.id,
    runtime: spec.runtime,
    backend: spec.backend,
    options: { ...spec.options },
    status: 'error',
  };
  let session: LoadedModel | undefined;
  try {
    // 1–2. Load the files, then let the library create its session for the backend.
    const opened = await openSession(spec, adapter, {
      now,
      loadFiles,
      ...(onProgress ? { onProgress } : {}),
    });
    const { load, init } = opened;
    record.modelFiles = modelFilesOf(load);
    session = opened.session;
    const heapAfterInit = observer?.heap();
    const gpuAfterInit = observer?.gpu?.();
    const info = session.info();
    record.actualBackend = info.actualBackend;
    record.libraryVersion = info.libraryVersion;
    record.options = info.options;
    if (info.notes.length) record.notes = info.notes.slice(0, 20);
    requireBackend(spec.backend, info);

    // 3. Inputs: deterministic, made before any timed run (not timed).
    const infer = bracketInfer(session, makeInputs(model.inputs), now);

    // 4. First inference (cold): run + readback of every output, in the one bracket (inference.ts).
    onProgress?.({ phase: 'first' });
    const first = await infer();
    trace('first', first.startMs, first.startMs + first.ms);
    if (observer) {
      const modelUrls = new Map(model.files.map((f) => [new URL(f.path, spec.modelsBaseUrl).href, f.path]));
      const cold = observer.coldStart({
        firstEndMs: first.startMs + first.ms,
        verifyMs: load.verifyMs,
        modelUrls,
        modelFiles: record.modelFiles,
      });
      record.coldStart = cold.coldStart;
      record.modelFiles = cold.modelFiles;
    }

    // 5. Warm-up runs, not recorded: at least warmupRuns runs and at least warmupMs of running.
    onProgress?.({ phase: 'warmup' });
    const warmup = await warmUp(infer, budget, now);

    // 6. Measured runs: each sample is one bracketed run + readback; stop by the stopping rule.
    onProgress?.({ phase: 'measure', samples: 0 });
    const samples: number[] = [];
    let last: Inference = first;
    let stop: StopReason | null = null;
    const measureStart = now();
    let lastReport = measureStart;
    while (stop === null) {
      last = await infer();
      samples.push(last.ms);
      const t1 = last.startMs + last.ms;
      if (t1 - lastReport > 250) {
        onProgress?.({ phase: 'measure', samples: samples.length });
        lastReport = t1;
      }
      stop = stopReason(samples, t1 - measureStart, budget);
    }
    if (!isSamples(samples)) throw new Error('no samples measured');
    trace('measure', measureStart, now());
    const heapPeak = observer?.heap();
    const gpuPeak = observer?.gpu?.();
    // The page's own measurement never fails a case: without it the record simply lacks the figure.
    await afterTimedRuns?.().catch(() => undefined);
    if (heapAfterInit || heapPeak || gpuPeak) {
      record.memory = {
        ...(heapAfterInit ? { wasmHeapInitBytes: heapAfterInit.bytes } : {}),
        ...(heapPeak ? { wasmHeapPeakBytes: heapPeak.bytes, wasmMemories: heapPeak.memories } : {}),
        ...(gpuPeak ? { gpuInitBytes: gpuAfterInit?.liveBytes ?? 0, gpuPeakBytes: gpuPeak.peakBytes } : {}),
      };
    }

    // 7. Statistics over every kept sample.
    const stats = computeStatistics(samples);
    record.timings = {
      loadMs: load.loadMs,
      verifyMs: load.verifyMs,
      initMs: init.ms,
      firstMs: first.ms,
      warmupRuns: warmup.runs,
      warm: { ...stats, samplesMs: samples, stop },
    };

    // 8. Output check on the first and the last measured outputs; the worse one counts.
    if (spec.reference) {
      const worse = worseOf(
        judgeOutputs(first.outputs, spec.reference, model.check, spec.backend),
        judgeOutputs(last.outputs, spec.reference, model.check, spec.backend),
      );
      record.check = { ok: worse.ok, metric: worse.metric, value: worse.value, tolerance: worse.tolerance };
      record.status = worse.ok ? 'ok' : 'wrong';
      if (!worse.ok)
        record.error = worse.detail ?? `${worse.metric} ${worse.value.toPrecision(3)} > ${worse.tolerance}`;
    } else {
      record.status = 'error';
      record.error = `no reference output for ${model.id}; run \`npm run models\` to regenerate references`;
    }

    // 8b. Task check (what the output means on this input), on the first and last outputs too.
    if (model.taskCheck) {
      const context = { inputs: model.inputs, files: new Map(load.files.map((f) => [f.path, f.bytes])) };
      const a = runTaskCheck(model.taskCheck, first.outputs, context);
      const b = runTaskCheck(model.taskCheck, last.outputs, context);
      const worse = a.ok ? b : a;
      record.taskCheck = worse;
      if (!worse.ok && record.status === 'ok') {
        record.status = 'wrong';
        record.error = `task check ${worse.kind} failed: ${worse.detail}`;
      }
    }
  } catch (error) {
    if (isUnsupportedError(error)) {
      // An unsupported case never measured: it carries no timings or checks.
      const {
        timings: _timings,
        check: _check,
        taskCheck: _taskCheck,
        coldStart: _coldStart,
        memory: _memory,
        ...named
      } = record;
      record = { ...named, status: 'unsupported', error: oneLine(error) };
    } else {
      record = { ...record, status: 'error', error: oneLine(error) };
    }
  } finally {
    // 9. Dispose; a failure here is noted but does not change the outcome.
    if (session) {
      await session.dispose().catch((error: unknown) => {
        record.notes = [...(record.notes ?? []), `dispose failed: ${oneLine(error)}`];
      });
    }
    onProgress?.({ phase: 'done' });
  }
  return record;
}
