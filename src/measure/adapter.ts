/**
 * The contract every runtime adapter implements. The harness owns the clock: an adapter only
 * loads a model for a backend, runs it (returning outputs already read back to CPU memory) and
 * disposes it; the protocol brackets every call identically for every library.
 */
import type { CaseOptions } from '../schema/run.ts';
import type { InputTensor, TypedData } from '../suite/inputs.ts';
import type { ModelEntry, ModelFormat, RuntimeId, TensorDType } from '../suite/types.ts';

export interface OutputTensor {
  name: string;
  dtype: TensorDType | string;
  shape: number[];
  data: TypedData | Uint8Array | Float64Array;
}

export interface ModelSource {
  id: string;
  format: ModelFormat;
  /** File bytes keyed by the file's path relative to public/models; the first is the entry. */
  files: { path: string; bytes: ArrayBuffer }[];
  /** Output names, in the order the check compares them. */
  outputs: string[];
  /**
   * The catalog entry the files belong to (absent for files made on the fly, as the zoo's tools
   * do). An adapter reads its own per-model settings from it (MediaPipe: the task API,
   * `entry.mediapipe`), so shared code passes the entry and never picks fields for one library.
   */
  entry?: ModelEntry;
}

/** The source of a catalog model: the entry and its files' bytes (keyed by catalog path, entry first). */
export function modelSourceOf(entry: ModelEntry, files: { path: string; bytes: ArrayBuffer }[]): ModelSource {
  return { id: entry.id, format: entry.format, files, outputs: entry.outputs, entry };
}

export interface LoadRequest {
  model: ModelSource;
  backend: string;
  /** Options exactly as the planner chose them (e.g. `{ threads: 2 }`). */
  options: Readonly<CaseOptions>;
}

/** What the library reports about the session it actually made. */
export interface SessionInfo {
  /** Backend the library says it used (may differ from the one requested). */
  actualBackend: string;
  libraryVersion: string;
  /** Options as applied (e.g. the thread count the library really used). */
  options: CaseOptions;
  /** Messages from the library that matter for the numbers. */
  notes: string[];
}

export interface LoadedModel {
  /** One inference: run and read every output back to CPU memory. */
  run(inputs: readonly InputTensor[]): Promise<OutputTensor[]>;
  info(): SessionInfo;
  dispose(): Promise<void>;
}

export interface RuntimeAdapter<Id extends RuntimeId = RuntimeId> {
  readonly id: Id;
  /** Creates a session for the backend; throws `UnsupportedError` when the backend cannot run it. */
  load(request: LoadRequest): Promise<LoadedModel>;
}

/**
 * Marks an {@link UnsupportedError} from any copy of this module: WebKit evaluates a module
 * worker's entry again when a lazily loaded chunk imports from it, so a library's chunk can throw
 * an instance of a second copy of the class, which `instanceof` does not recognise.
 */
const UNSUPPORTED = Symbol.for('webml-atlas/unsupported-error');

/** The browser or library lacks what the case needs: the case is `unsupported`, not `error`. */
export class UnsupportedError extends Error {
  override readonly name = 'UnsupportedError';
  readonly [UNSUPPORTED] = true;
}

/** True for an {@link UnsupportedError} (or subclass) made by any copy of this module. */
export function isUnsupportedError(error: unknown): error is UnsupportedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [UNSUPPORTED]?: unknown })[UNSUPPORTED] === true
  );
}

/** The library ran on another backend than the one requested. */
export class FallbackError extends UnsupportedError {}
