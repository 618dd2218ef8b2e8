/**
 * The statistics of a set of latency samples, as records carry them: the one definition behind
 * a case's `timings.warm` (run.ts), a scenario configuration's `latency` (scenario.ts) and the
 * type `computeStatistics` returns (src/measure/stats.ts).
 */
import { z } from 'zod';
import { ms } from './primitives.ts';

/** Counts (samples, runs) stay far below 2^31 so every store keeps them in a 32-bit integer. */
export const MAX_COUNT = 1_000_000;

export const statisticsSchema = z.object({
  /** Number of samples. */
  n: z.number().int().nonnegative().max(MAX_COUNT),
  /** Median, ms. */
  medianMs: ms,
  /** Arithmetic mean, ms. */
  meanMs: ms,
  /** Smallest sample, ms. */
  minMs: ms,
  /** 90th percentile by linear interpolation between order statistics (type 7), ms. */
  p90Ms: ms,
  /** Sample standard deviation (n − 1 in the denominator), ms; 0 for one sample. */
  stdevMs: ms,
  /** Distribution-free 95% confidence interval of the median [lo, hi], ms. */
  ci95Ms: z.tuple([ms, ms]),
});
/** Every figure `computeStatistics` derives from samples (see the schema's fields for units). */
export type Statistics = z.infer<typeof statisticsSchema>;
