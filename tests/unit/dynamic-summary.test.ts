/** Dynamic-workload bookkeeping: capacity, arrival rate, deadline, per-configuration figures. */
import { describe, expect, it } from 'vitest';
import {
  arrivalRatePerS,
  capacityPerMs,
  deadlineMs,
  headlineLoad,
  summarizeRequests,
} from '../../src/scenarios/dynamic/requests.ts';

describe('capacity, rate, deadline', () => {
  it('adds the sessions’ service rates', () => {
    expect(capacityPerMs([2, 8])).toBe(0.625);
    expect(arrivalRatePerS(0.8, [2, 8])).toBe(500);
    expect(deadlineMs(4, [8, 2])).toBe(8);
    expect(() => capacityPerMs([])).toThrow();
    expect(() => capacityPerMs([0, 1])).toThrow();
    expect(() => arrivalRatePerS(0, [1])).toThrow();
  });
});

describe('summarizeRequests', () => {
  it('computes latencies, the miss rate, throughput and shares exactly', () => {
    const f = summarizeRequests(
      [
        { backend: 0, arrivalMs: 100, completionMs: 102 },
        { backend: 1, arrivalMs: 101, completionMs: 110 },
        { backend: 0, arrivalMs: 103, completionMs: 105 },
        { backend: 0, arrivalMs: 104, completionMs: 120 },
      ],
      2,
      8,
    );
    expect(f.latenciesMs).toEqual([2, 9, 2, 16]);
    expect(f.missRate).toBe(0.5);
    expect(f.throughputPerS).toBe(200); // 4 requests in 20 ms
    expect(f.shares).toEqual([0.75, 0.25]);
  });

  it('gives a backend that got nothing a share of 0, and throws on no requests', () => {
    expect(summarizeRequests([{ backend: 1, arrivalMs: 0, completionMs: 1 }], 2, 1).shares).toEqual([0, 1]);
    expect(() => summarizeRequests([], 2, 1)).toThrow();
  });
});

describe('headlineLoad', () => {
  it('is the highest load at most 0.8, else the closest to it', () => {
    expect(headlineLoad([0.3, 0.5, 0.7, 0.8, 0.9, 1])).toBe(0.8);
    expect(headlineLoad([0.3, 0.6])).toBe(0.6);
    expect(headlineLoad([1, 0.9])).toBe(0.9);
    expect(headlineLoad([])).toBeUndefined();
  });
});
