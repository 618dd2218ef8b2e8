/**
 * Seeded Poisson arrivals: inter-arrival gaps drawn from the exponential distribution
 * (−ln(1 − u) / λ with u from the suite's mulberry32 generator), so the same seed and rate give
 * the same request times on every device.
 */
import { seededRandom } from '../../suite/inputs.ts';

/** Arrival times (ms from the start, ascending) of `count` requests at `ratePerS` requests per second. */
export function poissonArrivals(ratePerS: number, count: number, seed: number): number[] {
  if (!(ratePerS > 0) || !Number.isFinite(ratePerS))
    throw new Error(`arrival rate must be positive, got ${ratePerS}`);
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`request count must be a whole number, got ${count}`);
  const random = seededRandom(seed);
  const meanGapMs = 1000 / ratePerS;
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += -Math.log(1 - random()) * meanGapMs;
    times.push(t);
  }
  return times;
}
