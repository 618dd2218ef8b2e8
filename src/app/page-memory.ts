/**
 * The whole page's memory as the browser reports it (`performance.measureUserAgentSpecificMemory()`,
 * cross-origin-isolated Chromium only; a window API, absent in workers). What it counts: the
 * JavaScript objects, DOM and ArrayBuffers of every realm of the page — the page and its workers —
 * but not WebAssembly memories (a filled 100 MB `WebAssembly.Memory` in a worker added nothing here,
 * a 50 MB ArrayBuffer in the same worker added 50 MB: docs/QUIRKS.md), so a WASM library's heap is
 * the case's `wasmHeap*` figure, not this one. The browser answers after its next garbage collection
 * (about 20 s in an ordinary Chromium; at once with `--enable-blink-features=ForceEagerMeasureMemory`,
 * which the bench's Chromium has), so the page asks only when the run asks for it (`?pageMemory=1`)
 * and gives up past a limit rather than hold the case's worker.
 */

/** The parts of the browser's answer the page reads. */
export interface UserAgentMemory {
  bytes: number;
  breakdown: readonly { bytes: number; attribution: readonly { scope?: string }[] }[];
}

/** What a case records: the page's total, and the part its workers (the case's and the library's) hold. */
export interface PageMemory {
  pageBytes: number;
  pageWorkersBytes: number;
}

/** How long a case's worker waits for the browser's answer before the case goes on without it, ms. */
export const PAGE_MEMORY_LIMIT_MS = 10_000;

/** The page total and the sum of the entries attributed to dedicated workers. */
export function summarisePageMemory(result: UserAgentMemory): PageMemory {
  const pageWorkersBytes = result.breakdown
    .filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
    .reduce((sum, entry) => sum + entry.bytes, 0);
  return { pageBytes: result.bytes, pageWorkersBytes };
}

type Measure = () => Promise<UserAgentMemory>;

/** The browser's measurement function where this page may call it, else undefined. */
function browserMeasure(): Measure | undefined {
  const perf = globalThis.performance as Performance & { measureUserAgentSpecificMemory?: Measure };
  if (!globalThis.crossOriginIsolated || typeof perf?.measureUserAgentSpecificMemory !== 'function')
    return undefined;
  return () => (perf.measureUserAgentSpecificMemory as Measure).call(perf);
}

/**
 * Measures the page's memory now; undefined when the browser cannot, fails, or does not answer
 * within `limitMs`.
 */
export async function measurePageMemory(
  limitMs = PAGE_MEMORY_LIMIT_MS,
  measure: Measure | undefined = browserMeasure(),
): Promise<PageMemory | undefined> {
  if (!measure) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), limitMs);
  });
  try {
    const result = await Promise.race([measure().catch(() => undefined), late]);
    return result ? summarisePageMemory(result) : undefined;
  } finally {
    clearTimeout(timer);
  }
}
