import { describe, expect, it } from 'vitest';
import { relativeCiHalfWidth, type StoppingBudget, stopReason } from '../../src/measure/stopping.ts';

const budget: StoppingBudget = { minRuns: 10, maxRuns: 50, budgetMs: 1000, targetCiHalfWidth: 0.02 };

const constant = (n: number, value = 4) => Array.from({ length: n }, () => value);
/** 1, 2, 1, 2, …: median 1.5, CI [1, 2] → relative half-width 1/3, never converges. */
const alternating = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 2));

describe('stopReason', () => {
  it('never stops below minRuns, even far past the time budget', () => {
    for (let n = 0; n < budget.minRuns; n++) {
      expect(stopReason(constant(n), 1e9, budget), `n=${n}`).toBeNull();
      expect(stopReason(alternating(n), 1e9, budget), `n=${n}`).toBeNull();
    }
  });

  it('stops with maxRuns below minRuns when maxRuns is smaller (the hard cap wins)', () => {
    const capped: StoppingBudget = { ...budget, minRuns: 10, maxRuns: 3 };
    expect(stopReason(alternating(2), 0, capped)).toBeNull();
    expect(stopReason(alternating(3), 0, capped)).toBe('maxRuns');
  });

  it('converges at exactly minRuns for constant samples', () => {
    expect(stopReason(constant(budget.minRuns - 1), 0, budget)).toBeNull();
    expect(stopReason(constant(budget.minRuns), 0, budget)).toBe('converged');
  });

  it('does not converge on noisy samples and stops with budget once elapsed ≥ budgetMs', () => {
    const samples = alternating(20);
    expect(stopReason(samples, 0, budget)).toBeNull();
    expect(stopReason(samples, budget.budgetMs - 1, budget)).toBeNull();
    expect(stopReason(samples, budget.budgetMs, budget)).toBe('budget');
    expect(stopReason(samples, budget.budgetMs + 500, budget)).toBe('budget');
  });

  it('stops with maxRuns when n ≥ maxRuns, before looking at convergence or time', () => {
    expect(stopReason(alternating(budget.maxRuns - 1), 0, budget)).toBeNull();
    expect(stopReason(alternating(budget.maxRuns), 0, budget)).toBe('maxRuns');
    expect(stopReason(alternating(budget.maxRuns + 1), 0, budget)).toBe('maxRuns');
    expect(stopReason(constant(budget.maxRuns), 1e9, budget)).toBe('maxRuns');
  });

  it('prefers converged over budget when both hold', () => {
    expect(stopReason(constant(budget.minRuns), budget.budgetMs * 2, budget)).toBe('converged');
  });

  it('converges when the relative CI half-width equals the target exactly', () => {
    // n = 10, CI ranks 2 and 9 → [98, 102]; median 100 → half-width exactly 2 / 100.
    const samples = [90, 98, 100, 100, 100, 100, 100, 100, 102, 110];
    expect(relativeCiHalfWidth(samples)).toBeCloseTo(0.02, 15);
    expect(relativeCiHalfWidth(samples) <= 0.02).toBe(true);
    expect(stopReason(samples, 0, budget)).toBe('converged');
    expect(stopReason(samples, 0, { ...budget, targetCiHalfWidth: 0.019 })).toBeNull();
  });
});

describe('relativeCiHalfWidth', () => {
  it('is 0 for identical samples', () => {
    expect(relativeCiHalfWidth(constant(10, 3.5))).toBe(0);
    expect(relativeCiHalfWidth(constant(1, 3.5))).toBe(0);
  });

  it('is the larger side of the CI over the median', () => {
    // 1..10: median 5.5, CI [2, 9] → 3.5 / 5.5.
    expect(relativeCiHalfWidth([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(3.5 / 5.5, 15);
    // Asymmetric: n = 10, CI [x(2), x(9)] = [10, 20], median 11 → max(1, 9) / 11.
    expect(relativeCiHalfWidth([1, 10, 11, 11, 11, 11, 11, 11, 20, 30])).toBeCloseTo(9 / 11, 15);
  });

  it('is 1/3 for alternating 1 and 2', () => {
    expect(relativeCiHalfWidth(alternating(20))).toBeCloseTo(1 / 3, 15);
  });

  it('does not depend on sample order', () => {
    expect(relativeCiHalfWidth([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toBeCloseTo(3.5 / 5.5, 15);
  });

  it('is 0 for all-zero samples and infinite for a zero median with a spread CI', () => {
    expect(relativeCiHalfWidth(constant(10, 0))).toBe(0);
    expect(relativeCiHalfWidth([0, 0, 0, 1])).toBe(Number.POSITIVE_INFINITY);
  });
});
