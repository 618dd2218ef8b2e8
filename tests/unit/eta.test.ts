import { describe, expect, it } from 'vitest';
import { type CaseCost, caseCost, RunEstimate } from '../../src/app/eta.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { suiteById } from '../../src/suite/suites.ts';

const cpu = (priorMs: number, limitMs = 60_000): CaseCost => ({ costClass: 'cpu', priorMs, limitMs });
const gpu = (priorMs: number, limitMs = 60_000): CaseCost => ({ costClass: 'gpu', priorMs, limitMs });

/** Total estimated after each finished case (elapsed so far + remaining), replaying actual times. */
function totalsAfterEachCase(costs: readonly (CaseCost | undefined)[], actual: readonly number[]): number[] {
  const estimate = new RunEstimate(costs);
  let elapsed = 0;
  return costs.map((_, i) => {
    elapsed += actual[i] ?? 0;
    estimate.finished(i, actual[i] ?? 0);
    return elapsed + estimate.remainingMs(i + 1, 0);
  });
}

describe('caseCost', () => {
  const phone = suiteById('phone');
  it('prices an adaptive case by its start-up, model bytes and warm-up + measuring budget', () => {
    const model = modelById('ppocr-det');
    const cost = caseCost({ model, backend: 'wasm', budget: phone.budget });
    const bytes = model.files.reduce((n, f) => n + f.bytes, 0);
    expect(cost.costClass).toBe('cpu');
    expect(cost.priorMs).toBeCloseTo(2000 + bytes / 10_000 + phone.budget.warmupMs + phone.budget.budgetMs);
    expect(cost.limitMs).toBe(phone.budget.caseTimeoutMs);
  });

  it('prices a fixed-run software-GPU case per run and never beyond its limit', () => {
    const model = modelById('blazeface-front');
    const budget = {
      ...phone.budget,
      warmupRuns: 1,
      minRuns: 3,
      maxRuns: 3,
      budgetMs: 0,
      caseTimeoutMs: 5000,
    };
    const cost = caseCost({ model, backend: 'webgl', budget, budgetKind: 'software-gpu' });
    expect(cost.costClass).toBe('software-gpu');
    expect(cost.priorMs).toBe(5000);
    expect(caseCost({ model, backend: 'webgpu', budget: phone.budget }).costClass).toBe('gpu');
  });
});

describe('RunEstimate', () => {
  it('before the run, is the sum of the priors of the cases that will run', () => {
    const estimate = new RunEstimate([cpu(1000), undefined, gpu(3000)]);
    expect(estimate.totalPriorMs()).toBe(4000);
    expect(estimate.remainingMs(0, 0)).toBe(4000);
  });

  it('learns a device twice as slow as the priors and converges on the truth', () => {
    const costs = Array.from({ length: 12 }, () => cpu(2000));
    const totals = totalsAfterEachCase(
      costs,
      costs.map(() => 4000),
    );
    // Truth is 48 s; the estimate rises toward it from the prior's 24 s and ends on it.
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThanOrEqual(totals[i - 1] ?? 0);
    expect(totals[0]).toBeGreaterThan(1.3 * 24_000);
    expect(totals[5]).toBeGreaterThan(0.85 * 48_000);
    expect(totals.at(-1)).toBe(48_000);
  });

  it('keeps its rate when one case is ten times slower than expected', () => {
    const costs = Array.from({ length: 10 }, () => cpu(2000));
    const estimate = new RunEstimate(costs);
    estimate.finished(0, 2000);
    estimate.finished(1, 2000);
    const before = estimate.remainingMs(3, 0);
    estimate.finished(2, 20_000);
    expect(estimate.remainingMs(3, 0)).toBe(before);
  });

  it('scales each class by its own measured speed once it has some', () => {
    const estimate = new RunEstimate([cpu(1000), gpu(1000), cpu(1000), gpu(1000)]);
    estimate.finished(0, 1000);
    estimate.finished(1, 10_000);
    // One case each moves each class halfway (log scale) from 1: cpu 1, gpu √10.
    expect(estimate.factor('cpu')).toBe(1);
    expect(estimate.factor('gpu')).toBeCloseTo(Math.sqrt(10));
    // A class with no finished case yet takes the whole run's median.
    expect(new RunEstimate([cpu(1000), gpu(1000)]).factor('gpu')).toBe(1);
  });

  it('never expects a case to outlast its watchdog limit, nor the running one below zero', () => {
    const estimate = new RunEstimate([cpu(1000), cpu(1000, 3000)]);
    estimate.finished(0, 50_000);
    expect(estimate.remainingMs(1, 0)).toBe(3000);
    expect(estimate.remainingMs(1, 10_000)).toBe(0);
  });
});
