/**
 * The rule for cold-start and memory figures in engines that show less than Chromium (Firefox,
 * WebKit): what an engine does not let the page see is absent, never made up — so every figure
 * that is present is plausible: parts non-negative and within the first answer, which is within
 * the case's wall time; a heap is never 0 (unseen is absent), its peak not below its start, and a
 * WASM case's heap holds at least the model file.
 */
import { expect } from '@playwright/test';
import type { Case } from '../../src/schema/run.ts';

/** wallMs is rounded to whole ms by the page. */
const ROUNDING_MS = 1;

export function expectHonestFigures(c: Case, what: string): void {
  const cs = c.coldStart;
  if (cs) {
    const parts = [
      cs.workerStartMs,
      cs.libraryImportMs,
      c.timings?.loadMs,
      c.timings?.initMs,
      c.timings?.firstMs,
    ];
    for (const p of parts)
      if (p !== undefined) expect(p, `${what}: a negative part`).toBeGreaterThanOrEqual(0);
    const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(sum, `${what}: parts add up past the first answer`).toBeLessThanOrEqual(cs.firstAnswerMs + 1e-6);
    expect(cs.firstAnswerMs, what).toBeLessThanOrEqual((c.wallMs ?? Infinity) + ROUNDING_MS);
    const lib = cs.library;
    if (lib) {
      for (const b of [lib.jsBytes, lib.wasmBytes, lib.transferBytes])
        if (b !== undefined) expect(b, what).toBeGreaterThanOrEqual(0);
      expect(lib.downloadMs, what).toBeLessThanOrEqual(cs.firstAnswerMs);
    }
  }
  const m = c.memory;
  if (m?.pageBytes !== undefined) {
    expect(m.pageBytes, `${what}: a page memory of 0 means unmeasured, which must be absent`).toBeGreaterThan(
      0,
    );
    expect(m.pageWorkersBytes ?? 0, what).toBeLessThanOrEqual(m.pageBytes);
  }
  if (m?.wasmHeapPeakBytes !== undefined) {
    expect(m.wasmHeapPeakBytes, `${what}: a heap of 0 means unseen, which must be absent`).toBeGreaterThan(0);
    expect(m.wasmHeapInitBytes ?? 0, what).toBeLessThanOrEqual(m.wasmHeapPeakBytes);
    const model = (c.modelFiles ?? []).reduce((a, f) => a + f.bytes, 0);
    if (c.backend === 'wasm')
      expect(m.wasmHeapPeakBytes, `${what}: heap below the model`).toBeGreaterThanOrEqual(model);
  }
}

/** Which figures an engine gave, for the test's annotations. */
export function figuresSeen(cases: readonly Case[]): string {
  const ok = cases.filter((c) => c.status === 'ok');
  const count = (f: (c: Case) => unknown) => ok.filter((c) => f(c) !== undefined).length;
  return [
    `first answer ${count((c) => c.coldStart?.firstAnswerMs)}/${ok.length}`,
    `library bytes ${count((c) => c.coldStart?.library)}`,
    `model transfer ${count((c) => c.coldStart?.model?.transferBytes)}`,
    `WASM heap ${count((c) => c.memory?.wasmHeapPeakBytes)}`,
    `GPU bytes ${count((c) => c.memory?.gpuPeakBytes)}`,
    `page memory ${count((c) => c.memory?.pageBytes)}`,
  ].join(', ');
}
