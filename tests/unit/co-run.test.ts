import { describe, expect, it } from 'vitest';
import {
  balancedCounts,
  concurrentHeadline,
  endOf,
  interleave,
  overlapped,
  slowdown,
  throughputPerS,
} from '../../src/scenarios/concurrent/co-run.ts';

describe('balancedCounts', () => {
  it('gives the slowest model the base count and the others as many as fit in the same time', () => {
    // slowest 30 ms: 12 × 30 / 2 = 180, 12 × 30 / 7 = 51.4 → 51.
    expect(balancedCounts(12, [30, 2, 7])).toEqual([12, 180, 51]);
  });

  it('stretches every model but the slowest', () => {
    // 12 × 30 × 1.5 / 2 = 270; 12 × 30 × 1.5 / 7 = 77.1 → 77; an equally slow second model: 18.
    expect(balancedCounts(12, [30, 2, 7, 30], 1000, 1.5)).toEqual([12, 270, 77, 18]);
  });

  it('caps a very fast model at cap × base', () => {
    expect(balancedCounts(10, [100, 0.1], 5)).toEqual([10, 50]);
  });

  it('runs a model without a usable service time at the base count', () => {
    expect(balancedCounts(8, [Number.NaN, 4, 0])).toEqual([8, 8, 8]);
    expect(balancedCounts(8, [Number.NaN, 4, 2])).toEqual([8, 8, 16]);
  });
});

describe('interleave', () => {
  it('spreads the faster model’s turns evenly between the slower one’s', () => {
    expect(interleave(1, 3)).toEqual([0, 1, 1, 1]);
    expect(interleave(2, 4)).toEqual([0, 1, 1, 0, 1, 1]);
    expect(interleave(3, 1)).toEqual([0, 1, 0, 0]);
    expect(interleave(2, 2)).toEqual([0, 1, 0, 1]);
  });

  it('handles a model with no turns', () => {
    expect(interleave(0, 2)).toEqual([1, 1]);
    expect(interleave(2, 0)).toEqual([0, 0]);
    expect(interleave(0, 0)).toEqual([]);
  });
});

describe('overlap', () => {
  const a = [
    { startMs: 0, serviceMs: 5 },
    { startMs: 5, serviceMs: 6 },
    { startMs: 11, serviceMs: 4 },
  ];

  it('ends at the last start + service', () => {
    expect(endOf(a)).toBe(15);
    expect(endOf([])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('keeps the samples that started before the other model ended', () => {
    expect(overlapped(a, 11)).toEqual([5, 6]);
    expect(overlapped(a, 100)).toEqual([5, 6, 4]);
  });

  it('falls back to every sample when none overlapped', () => {
    expect(overlapped(a, -1)).toEqual([5, 6, 4]);
  });
});

describe('ratios', () => {
  it('computes throughput and slowdown', () => {
    expect(throughputPerS(24, 1200)).toBe(20);
    expect(throughputPerS(24, 0)).toBeNaN();
    expect(slowdown(12, 10)).toBeCloseTo(1.2, 12);
    expect(slowdown(12, 0)).toBeNaN();
  });
});

describe('concurrentHeadline', () => {
  it('names each pair’s gain and each model’s slowdown', () => {
    expect(
      concurrentHeadline([
        {
          label: 'co-run on webgpu+wasm',
          speedup: 1.4,
          slowdowns: [
            { name: 'face detector', factor: 1.2 },
            { name: 'VAD', factor: 1.05 },
          ],
        },
        { label: 'on one backend (wasm)', speedup: 0.8, slowdowns: [{ name: 'VAD', factor: 0.8 }] },
      ]),
    ).toBe(
      'co-run on webgpu+wasm: 1.40× the throughput of running one after the other; face detector 1.20× slower, VAD 1.05× slower than alone; ' +
        'on one backend (wasm): 1.25× slower overall than running one after the other; VAD 1.25× faster than alone',
    );
  });
});
