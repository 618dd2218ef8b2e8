/**
 * The stopping rule of the measured phase: keep measuring until at least `minRuns`, then stop
 * when the 95% CI of the median is within ± the target fraction of the median, or the time
 * budget is spent; never exceed `maxRuns`.
 */
import { medianWithCi, sortedCopy } from './stats.ts';

export type StopReason = 'converged' | 'budget' | 'maxRuns';

export interface StoppingBudget {
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
  targetCiHalfWidth: number;
}

/** Largest distance from the median to either CI bound, as a fraction of the median. */
export function relativeCiHalfWidth(samples: readonly number[]): number {
  const { median, ci } = medianWithCi(sortedCopy(samples));
  if (median <= 0) return ci[1] - ci[0] === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.max(median - ci[0], ci[1] - median) / median;
}

/** Returns why measuring should stop now, or `null` to take another sample. */
export function stopReason(
  samples: readonly number[],
  elapsedMs: number,
  budget: StoppingBudget,
): StopReason | null {
  const n = samples.length;
  if (n >= budget.maxRuns) return 'maxRuns';
  if (n < budget.minRuns) return null;
  if (relativeCiHalfWidth(samples) <= budget.targetCiHalfWidth) return 'converged';
  if (elapsedMs >= budget.budgetMs) return 'budget';
  return null;
}
