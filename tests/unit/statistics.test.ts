import { describe, expect, it } from 'vitest';
import {
  computeStatistics,
  median,
  medianCiRank,
  medianWithCi,
  type Samples,
} from '../../src/measure/stats.ts';
import { statisticsSchema } from '../../src/schema/statistics.ts';

/**
 * Exact P(B ≤ j) for B ~ Binomial(n, ½), as the numerator over 2^n (BigInt, no rounding).
 * Independent of simple-statistics, which the module under test uses.
 */
function binomialHalfCdfNumerators(n: number): bigint[] {
  const cdf: bigint[] = [];
  let coefficient = 1n; // C(n, 0)
  let sum = 0n;
  for (let j = 0; j <= n; j++) {
    sum += coefficient;
    cdf.push(sum);
    coefficient = (coefficient * BigInt(n - j)) / BigInt(j + 1);
  }
  return cdf;
}

/** P(B ≤ j) ≤ 1/40 exactly, i.e. 40 · numerator ≤ 2^n. */
function atMostAlphaHalf(numerator: bigint, n: number): boolean {
  return numerator * 40n <= 1n << BigInt(n);
}

/** Small deterministic generator for property checks (LCG, not the module's PRNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const oneToTen: Samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('computeStatistics', () => {
  it('gives the known figures for the samples 1..10', () => {
    const stats = computeStatistics(oneToTen);
    expect(stats.n).toBe(10);
    expect(stats.medianMs).toBe(5.5);
    expect(stats.meanMs).toBe(5.5);
    expect(stats.minMs).toBe(1);
    // Type 7: h = (n − 1) · 0.9 = 8.1 → x(9) + 0.1 · (x(10) − x(9)) = 9.1.
    expect(stats.p90Ms).toBeCloseTo(9.1, 12);
    // Sample variance of 1..10 is 55/6.
    expect(stats.stdevMs).toBeCloseTo(Math.sqrt(55 / 6), 14);
    expect(stats.stdevMs).toBeCloseTo(3.0276503540974917, 14);
    // n = 10 → k = 2: [x(2), x(9)].
    expect(stats.ci95Ms).toEqual([2, 9]);
  });

  it('interpolates p90 between order statistics (type 7) for an odd count', () => {
    // 1..11: h = 10 · 0.9 = 9 → exactly x(10) = 10.
    expect(computeStatistics([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).p90Ms).toBe(10);
    // 1..5: h = 4 · 0.9 = 3.6 → 4 + 0.6 · (5 − 4) = 4.6.
    expect(computeStatistics([1, 2, 3, 4, 5]).p90Ms).toBeCloseTo(4.6, 12);
  });

  it('gives stdev 0 and the degenerate CI [x, x] for one sample', () => {
    const stats = computeStatistics([7.25]);
    expect(stats).toEqual({
      n: 1,
      medianMs: 7.25,
      meanMs: 7.25,
      minMs: 7.25,
      p90Ms: 7.25,
      stdevMs: 0,
      ci95Ms: [7.25, 7.25],
    });
  });

  it('gives the same result for unsorted input as for sorted, without mutating the input', () => {
    const shuffled: Samples = [7, 3, 10, 1, 9, 5, 2, 8, 6, 4];
    const before = [...shuffled];
    const stats = computeStatistics(shuffled);
    expect(shuffled).toEqual(before);
    const sortedStats = computeStatistics(oneToTen);
    expect(stats.n).toBe(sortedStats.n);
    expect(stats.medianMs).toBe(sortedStats.medianMs);
    expect(stats.minMs).toBe(sortedStats.minMs);
    expect(stats.p90Ms).toBe(sortedStats.p90Ms);
    expect(stats.ci95Ms).toEqual(sortedStats.ci95Ms);
    expect(stats.meanMs).toBeCloseTo(sortedStats.meanMs, 12);
    expect(stats.stdevMs).toBeCloseTo(sortedStats.stdevMs, 12);
  });

  it('sorts numerically, not lexicographically', () => {
    const stats = computeStatistics([100, 9, 20, 3]);
    expect(stats.minMs).toBe(3);
    expect(stats.medianMs).toBe(14.5);
  });
});

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7.25])).toBe(7.25);
  });

  it('is NaN for no values and leaves its input unsorted', () => {
    expect(median([])).toBeNaN();
    const values = [9, 1, 5];
    median(values);
    expect(values).toEqual([9, 1, 5]);
  });

  it('is the median computeStatistics reports', () => {
    const next = lcg(7);
    for (let n = 1; n < 40; n++) {
      const samples = Array.from({ length: n }, () => Math.round(next() * 1000) / 10) as Samples;
      expect(median(samples), `n=${n}`).toBe(computeStatistics(samples).medianMs);
    }
  });
});

describe('the schema of statistics', () => {
  it('accepts what computeStatistics returns, so the record type and the computation agree', () => {
    const stats = computeStatistics([5, 1, 4, 2, 3, 9, 8]);
    expect(statisticsSchema.parse(stats)).toEqual(stats);
  });
});

describe('medianCiRank', () => {
  it.each([
    [5, 0],
    [6, 1],
    [10, 2],
    [20, 6],
    [30, 10],
    [100, 40],
  ])('n = %i → k = %i (distribution-free 95%% table)', (n, k) => {
    expect(medianCiRank(n)).toBe(k);
  });

  it('is 0 for n < 6 (no 95% interval exists) and for n < 1', () => {
    for (const n of [-1, 0, 1, 2, 3, 4, 5]) expect(medianCiRank(n), `n=${n}`).toBe(0);
  });

  it('agrees with an exact BigInt binomial: P(B ≤ k−1) ≤ 0.025 < P(B ≤ k) for n = 6..300', () => {
    for (let n = 6; n <= 300; n++) {
      const k = medianCiRank(n);
      const cdf = binomialHalfCdfNumerators(n);
      expect(k, `n=${n}`).toBeGreaterThanOrEqual(1);
      expect(atMostAlphaHalf(cdf[k - 1] as bigint, n), `n=${n}: P(B ≤ ${k - 1}) ≤ 0.025`).toBe(true);
      expect(atMostAlphaHalf(cdf[k] as bigint, n), `n=${n}: P(B ≤ ${k}) > 0.025`).toBe(false);
    }
  });

  it('the exact check itself reproduces the known table (guards the helper)', () => {
    const exactK = (n: number) => binomialHalfCdfNumerators(n).filter((c) => atMostAlphaHalf(c, n)).length;
    expect([5, 6, 10, 20, 30, 100].map(exactK)).toEqual([0, 1, 2, 6, 10, 40]);
  });

  it('honours another alpha (99%: n = 10 → k = 1)', () => {
    // P(B ≤ 0) = 1/1024 ≤ 0.005 < P(B ≤ 1) = 11/1024.
    expect(medianCiRank(10, 0.01)).toBe(1);
  });
});

describe('medianWithCi', () => {
  it('uses ranks k and n − k + 1 for 100 samples (k = 40 → [x(40), x(61)])', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(medianWithCi(sorted)).toEqual({ median: 50.5, ci: [40, 61] });
  });

  it('falls back to [min, max] when n is too small for a 95% CI', () => {
    expect(medianWithCi([1, 2, 4, 8, 16])).toEqual({ median: 4, ci: [1, 16] });
  });

  it('throws for no samples', () => {
    expect(() => medianWithCi([])).toThrow(/at least one sample/);
  });

  it('always contains the median', () => {
    const random = lcg(12345);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 120);
      const samples = Array.from({ length: n }, () => Math.exp(random() * 3));
      samples.sort((a, b) => a - b);
      const { median, ci } = medianWithCi(samples);
      expect(ci[0], `n=${n}`).toBeLessThanOrEqual(median);
      expect(ci[1], `n=${n}`).toBeGreaterThanOrEqual(median);
      expect(samples).toContain(ci[0]);
      expect(samples).toContain(ci[1]);
    }
  });
});
