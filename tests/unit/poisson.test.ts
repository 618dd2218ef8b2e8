/** Seeded Poisson arrivals: reproducible, ascending, and statistically a Poisson process. */
import { describe, expect, it } from 'vitest';
import { poissonArrivals } from '../../src/scenarios/dynamic/poisson.ts';

const gaps = (times: readonly number[]) => times.map((t, i) => t - (i === 0 ? 0 : (times[i - 1] as number)));
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

describe('poissonArrivals', () => {
  it('gives the same times for the same seed, other times for another seed', () => {
    expect(poissonArrivals(50, 100, 7)).toEqual(poissonArrivals(50, 100, 7));
    expect(poissonArrivals(50, 100, 8)).not.toEqual(poissonArrivals(50, 100, 7));
  });

  it('returns `count` times, strictly ascending, from after 0', () => {
    const times = poissonArrivals(200, 1000, 3);
    expect(times).toHaveLength(1000);
    expect(times[0]).toBeGreaterThan(0);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    expect(poissonArrivals(5, 0, 1)).toEqual([]);
  });

  it('scales with the rate: the same seed at twice the rate gives half the times', () => {
    const slow = poissonArrivals(10, 50, 11);
    const fast = poissonArrivals(20, 50, 11);
    fast.forEach((t, i) => expect(t).toBeCloseTo((slow[i] as number) / 2, 9));
  });

  for (const seed of [1, 7, 12345]) {
    describe(`20 000 arrivals at 10 per second, seed ${seed}`, () => {
      const ratePerS = 10;
      const times = poissonArrivals(ratePerS, 20_000, seed);
      const g = gaps(times);

      it('has a mean gap within 2% of 1/λ', () => {
        expect(Math.abs(mean(g) / (1000 / ratePerS) - 1)).toBeLessThan(0.02);
      });

      it('has gaps with a coefficient of variation within 3% of 1 (exponential)', () => {
        expect(Math.abs(Math.sqrt(variance(g)) / mean(g) - 1)).toBeLessThan(0.03);
      });

      it('has counts per second whose variance is close to their mean (Poisson dispersion)', () => {
        const seconds = Math.floor((times.at(-1) as number) / 1000);
        const counts = Array.from({ length: seconds }, () => 0);
        for (const t of times) {
          const k = Math.floor(t / 1000);
          if (k < seconds) counts[k] = (counts[k] ?? 0) + 1;
        }
        expect(Math.abs(mean(counts) / ratePerS - 1)).toBeLessThan(0.03);
        expect(Math.abs(variance(counts) / mean(counts) - 1)).toBeLessThan(0.12);
      });
    });
  }

  it('throws on a rate that is not positive and finite, and on a count that is not a whole number ≥ 0', () => {
    for (const rate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => poissonArrivals(rate, 10, 1)).toThrow(/arrival rate/);
    }
    for (const count of [-1, 1.5, Number.NaN]) {
      expect(() => poissonArrivals(10, count, 1)).toThrow(/request count/);
    }
  });
});
