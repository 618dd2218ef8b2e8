/**
 * The cold-start accounting of one case, pure (no browser globals): from the Resource Timing
 * entries of the case's worker, the WebAssembly compile/instantiate calls it saw
 * (wasm-watch.ts) and the protocol's phase marks, the record's `coldStart` and the download
 * facts of each model file. Library code is found generically — every entry that is not one of
 * the case's model files — so no runtime adapter needs to name its files.
 */
import type { ColdStart, ModelFileRecord } from '../schema/run.ts';

/** The members of a PerformanceResourceTiming this accounting reads (absent where a browser lacks them). */
export interface TimingEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  initiatorType?: string;
  transferSize?: number;
  encodedBodySize?: number;
  decodedBodySize?: number;
}

/** A span of time, ms on the worker's clock. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, merged copy of the intervals (empty and reversed ones dropped). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** Wall time covered by at least one interval: overlaps count once. */
export function unionMs(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** Wall time covered by `a` and by none of `b`. */
export function exclusiveMs(a: readonly Interval[], b: readonly Interval[]): number {
  const holes = mergeIntervals(b);
  let total = 0;
  for (const span of mergeIntervals(a)) {
    let covered = 0;
    for (const h of holes) covered += Math.max(0, Math.min(span.end, h.end) - Math.max(span.start, h.start));
    total += span.end - span.start - covered;
  }
  return total;
}

export type Arrival = 'network' | 'http-cache' | 'revalidated';

/**
 * Who answered a request, from its sizes: nothing transferred but a body → the HTTP cache; fewer
 * bytes transferred than the body → a 304 (headers only, body from the cache); otherwise the
 * server. Undefined where the browser gives no sizes (or zero for everything: an opaque entry).
 */
export function arrivalOf(e: TimingEntry): Arrival | undefined {
  const { transferSize, encodedBodySize, decodedBodySize } = e;
  if (transferSize === undefined || encodedBodySize === undefined) return undefined;
  if (transferSize === 0) return (decodedBodySize ?? encodedBodySize) > 0 ? 'http-cache' : undefined;
  return transferSize < encodedBodySize ? 'revalidated' : 'network';
}

/** The URL without query or fragment (how model URLs are compared). */
function bare(url: string): string {
  return url.replace(/[?#].*$/, '');
}

/** `wasm`, `js` or `other`, by the URL's extension (scripts also by initiator). */
export function codeKind(e: TimingEntry): 'js' | 'wasm' | 'other' {
  const path = bare(e.name).toLowerCase();
  if (path.endsWith('.wasm')) return 'wasm';
  if (/\.(m?js|cjs)$/.test(path) || e.initiatorType === 'script') return 'js';
  return 'other';
}

function pathOf(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = bare(url);
  }
  return path.length > 200 ? path.slice(-200) : path;
}

const known = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Sum of the known values; undefined when none is known. */
function sumKnown(values: readonly (number | undefined)[]): number | undefined {
  const k = values.filter(known);
  return k.length ? k.reduce((a, b) => a + b, 0) : undefined;
}

const span = (e: TimingEntry): Interval => ({
  start: e.startTime,
  end: Math.max(e.startTime, e.responseEnd),
});

export interface ColdStartInput {
  /** Every resource entry of the case's worker. */
  entries: readonly TimingEntry[];
  /** Absolute URL → catalog path of each model file. */
  modelUrls: ReadonlyMap<string, string>;
  /** WebAssembly compile/instantiate calls seen in the worker. */
  wasmCalls: readonly Interval[];
  /** The first inference's end, on the worker's clock (0 = the worker's start). */
  firstEndMs: number;
  /** The harness's hashing of the model files, taken out of the first answer. */
  verifyMs: number;
  /** When the case's call arrived and how long the adapter import took, when the worker measured them. */
  workerStartMs?: number;
  libraryImportMs?: number;
  modelFiles: readonly ModelFileRecord[];
}

/** The case's `coldStart` and its `modelFiles` with each download's Resource Timing facts added. */
export function coldStartOf(input: ColdStartInput): { coldStart: ColdStart; modelFiles: ModelFileRecord[] } {
  const before = input.entries.filter(
    (e) => e.startTime <= input.firstEndMs && !/^(blob|data):/.test(e.name),
  );
  const modelEntries = new Map<string, TimingEntry>();
  const libraryEntries: TimingEntry[] = [];
  for (const e of before) {
    const path = input.modelUrls.get(bare(e.name));
    if (path === undefined) libraryEntries.push(e);
    else modelEntries.set(path, e);
  }

  const files = libraryEntries.slice(0, 64).map((e) => {
    const via = arrivalOf(e);
    return {
      path: pathOf(e.name),
      kind: codeKind(e),
      ...(known(e.decodedBodySize) ? { bytes: e.decodedBodySize } : {}),
      ...(known(e.transferSize) ? { transferBytes: e.transferSize } : {}),
      ...(via ? { via } : {}),
      downloadMs: span(e).end - span(e).start,
    };
  });
  const bytesOf = (kind: 'js' | 'wasm' | 'other') =>
    sumKnown(libraryEntries.filter((e) => codeKind(e) === kind).map((e) => e.decodedBodySize));
  const downloads = libraryEntries.map(span);
  const calls = input.wasmCalls.filter((c) => c.start <= input.firstEndMs);
  const jsBytes = bytesOf('js');
  const wasmBytes = bytesOf('wasm');
  const otherBytes = bytesOf('other');
  const libTransfer = sumKnown(libraryEntries.map((e) => e.transferSize));
  const library: NonNullable<ColdStart['library']> = {
    ...(jsBytes !== undefined ? { jsBytes } : {}),
    ...(wasmBytes !== undefined ? { wasmBytes } : {}),
    ...(otherBytes !== undefined ? { otherBytes } : {}),
    ...(libTransfer !== undefined ? { transferBytes: libTransfer } : {}),
    downloadMs: unionMs(downloads),
    ...(calls.length ? { instantiateMs: unionMs(calls), compileMs: exclusiveMs(calls, downloads) } : {}),
    files,
  };

  const modelFiles = input.modelFiles.map((f) => {
    const e = f.source === 'network' ? modelEntries.get(f.path) : undefined;
    if (!e) return { ...f };
    const via = arrivalOf(e);
    return {
      ...f,
      ...(known(e.transferSize) ? { transferBytes: e.transferSize } : {}),
      ...(via ? { via } : {}),
      downloadMs: span(e).end - span(e).start,
    };
  });
  // Transfer: a file from the store moved nothing; a download without a figure makes the sum unknown.
  const transfers = modelFiles.map((f) => (f.source === 'cache' ? 0 : f.transferBytes));
  const modelDownloads = [...modelEntries.values()].map(span);
  const model: NonNullable<ColdStart['model']> = {
    bytes: modelFiles.reduce((sum, f) => sum + f.bytes, 0),
    ...(transfers.every(known) ? { transferBytes: transfers.reduce((a, b) => a + b, 0) } : {}),
    ...(modelDownloads.length ? { downloadMs: unionMs(modelDownloads) } : {}),
  };

  const coldStart: ColdStart = {
    firstAnswerMs: Math.max(0, input.firstEndMs - input.verifyMs),
    ...(known(input.workerStartMs) ? { workerStartMs: input.workerStartMs } : {}),
    ...(known(input.libraryImportMs) ? { libraryImportMs: input.libraryImportMs } : {}),
    ...(libraryEntries.length || calls.length ? { library } : {}),
    ...(modelFiles.length ? { model } : {}),
  };
  return { coldStart, modelFiles };
}
