/**
 * What the case's worker sees around the protocol, for every runtime alike: its own Resource
 * Timing entries, the WebAssembly it ran (wasm-watch.ts) and its GPU allocations (gpu-watch.ts).
 * The protocol asks it for the WASM heap and GPU bytes and, once the first answer is in, for the cold-start breakdown (cold-start.ts).
 */
import type { ColdStart, ModelFileRecord } from '../schema/run.ts';
import { coldStartOf, type TimingEntry } from './cold-start.ts';
import type { GpuFigures, GpuLedger } from './gpu-ledger.ts';
import type { WasmHeap, WasmWatch } from './wasm-watch.ts';

/** The protocol's marks of a first answer, on the worker's clock. */
export interface FirstAnswerMarks {
  firstEndMs: number;
  verifyMs: number;
  /** Absolute URL → catalog path of each model file. */
  modelUrls: ReadonlyMap<string, string>;
  modelFiles: readonly ModelFileRecord[];
}

export interface CaseObserver {
  /** The WASM heap now; undefined when the case's worker has no WebAssembly memory. */
  heap(): WasmHeap | undefined;
  /** GPU allocations so far; undefined when none was seen. */
  gpu?(): GpuFigures | undefined;
  /** The cold-start breakdown and the model files with their downloads' facts. */
  coldStart(marks: FirstAnswerMarks): { coldStart: ColdStart; modelFiles: ModelFileRecord[] };
}

/** Resource entries of this realm; none where Resource Timing is missing. */
function resourceEntries(): TimingEntry[] {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return [];
  return performance.getEntriesByType('resource') as PerformanceResourceTiming[];
}

/**
 * The observer of a case worker: `workerStartMs` is when the case's call arrived and
 * `libraryImportMs` how long importing the adapter took (both on the worker's clock).
 */
export function workerObserver(
  watch: WasmWatch | undefined,
  gpu: GpuLedger | undefined,
  times: { workerStartMs: number; libraryImportMs: number },
): CaseObserver {
  if (typeof performance !== 'undefined' && typeof performance.setResourceTimingBufferSize === 'function')
    performance.setResourceTimingBufferSize(1000);
  return {
    heap: () => watch?.heap(),
    gpu: () => gpu?.figures(),
    coldStart: (marks) =>
      coldStartOf({
        entries: resourceEntries(),
        wasmCalls: watch?.calls() ?? [],
        ...marks,
        ...times,
      }),
  };
}
