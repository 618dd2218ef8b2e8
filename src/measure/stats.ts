/**
 * Statistics of warm samples: one pure function, exactly tested, returning the schema's
 * `Statistics` (src/schema/statistics.ts), and the project's one `median`. Numerics come from
 * simple-statistics; the confidence interval of the median is the distribution-free one built
 * from order statistics and the Binomial(n, ½) distribution.
 */
import { binomialDistribution, mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Statistics } from '../schema/statistics.ts';

/** At least one sample. */
export type Samples = [number, ...number[]];

export function isSamples(values: readonly number[]): values is Samples {
  return values.length > 0;
}

/**
 * 1-based rank k of the lower bound of the distribution-free CI of the median: the largest k
 * with P(B ≤ k − 1) ≤ α/2 for B ~ Binomial(n, ½). The interval [x(k), x(n−k+1)] then covers the
 * median with probability ≥ 1 − α. Returns 0 when n is too small for any such k (n < 6 at 95%).
 */
export function medianCiRank(n: number, alpha = 0.05): number {
  if (n < 1) return 0;
  const pmf = binomialDistribution(n, 0.5) ?? [];
  let cumulative = 0;
  let k = 0;
  for (let j = 0; j < pmf.length && j < n; j++) {
    cumulative += pmf[j] ?? 0;
    // cumulative = P(B ≤ j); rank j + 1 is allowed while P(B ≤ j) ≤ α/2.
    if (cumulative > alpha / 2) break;
    k = j + 1;
  }
  return k;
}

/** Sorts a copy ascending. */
export function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/**
 * The median of `values` in any order (the mean of the two middle ones for an even count); NaN
 * for none. The project's one median: every other figure called a median is this one.
 */
export function median(values: readonly number[]): number {
  return values.length ? quantileSorted(sortedCopy(values), 0.5) : Number.NaN;
}

/** Median and its 95% CI of already-sorted samples; [min, max] when n is too small for a CI. */
export function medianWithCi(sorted: readonly number[]): { median: number; ci: [number, number] } {
  const n = sorted.length;
  if (n === 0) throw new Error('medianWithCi needs at least one sample');
  const median = quantileSorted(sorted as number[], 0.5);
  const k = medianCiRank(n);
  const lo = k === 0 ? (sorted[0] as number) : (sorted[k - 1] as number);
  const hi = k === 0 ? (sorted[n - 1] as number) : (sorted[n - k] as number);
  return { median, ci: [lo, hi] };
}

/** Computes every figure of the record's `warm` block from raw samples (ms). */
export function computeStatistics(samples: Samples): Statistics {
  const sorted = sortedCopy(samples);
  const { median, ci } = medianWithCi(sorted);
  return {
    n: samples.length,
    medianMs: median,
    meanMs: mean(samples),
    minMs: sorted[0] as number,
    p90Ms: quantileSorted(sorted, 0.9),
    stdevMs: samples.length > 1 ? sampleStandardDeviation(samples) : 0,
    ci95Ms: ci,
  };
}
