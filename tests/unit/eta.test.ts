import { describe, expect, it } from 'vitest';
import { estimateRemainingMs } from '../../src/app/eta.ts';

describe('estimateRemainingMs', () => {
  it('has no estimate before a case has finished', () => {
    expect(estimateRemainingMs([], { backend: 'wasm', elapsedMs: 10 }, ['wasm'])).toBeUndefined();
  });

  it('expects each upcoming case to take its own backend’s average', () => {
    const finished = [
      { backend: 'wasm', ms: 1000 },
      { backend: 'wasm', ms: 3000 },
      { backend: 'webgpu', ms: 20_000 },
    ];
    // current wasm case: 2000 expected − 500 elapsed = 1500; then wasm 2000 + webgpu 20000.
    expect(estimateRemainingMs(finished, { backend: 'wasm', elapsedMs: 500 }, ['wasm', 'webgpu'])).toBe(
      23_500,
    );
  });

  it('uses the overall average for a backend that has not finished a case yet', () => {
    const finished = [
      { backend: 'wasm', ms: 1000 },
      { backend: 'cpu', ms: 3000 },
    ];
    expect(estimateRemainingMs(finished, { backend: 'webgl', elapsedMs: 0 }, ['webgl'])).toBe(4000);
  });

  it('never counts the current case below zero when it runs longer than expected', () => {
    expect(
      estimateRemainingMs([{ backend: 'wasm', ms: 100 }], { backend: 'wasm', elapsedMs: 5000 }, []),
    ).toBe(0);
  });
});
