/**
 * Dispatcher policies on hand-built backend states, and the discrete-event simulation: exact
 * outcomes on a few arrivals, then under Poisson load with one backend 4× slower.
 */
import { describe, expect, it } from 'vitest';
import { latencyStats } from '../../src/measure/scenarios/latency.ts';
import {
  type BackendLoad,
  expectedCompletionMs,
  makeDispatcher,
  simulateDispatch,
} from '../../src/scenarios/dynamic/dispatch.ts';
import { poissonArrivals } from '../../src/scenarios/dynamic/poisson.ts';

const idle = (meanServiceMs: number, queued = 0): BackendLoad => ({
  queued,
  serviceStartedAtMs: undefined,
  meanServiceMs,
});
const busy = (meanServiceMs: number, since: number, queued = 0): BackendLoad => ({
  queued,
  serviceStartedAtMs: since,
  meanServiceMs,
});

describe('policies on hand-built states', () => {
  it('fixed: always the backend fastest alone, however long its queue', () => {
    const pick = makeDispatcher('fixed');
    expect(pick([busy(2, 0, 50), idle(8)], 1)).toBe(0);
    expect(pick([idle(8), busy(2, 0, 50)], 1)).toBe(1);
    expect(pick([idle(5), idle(5)], 0)).toBe(0);
  });

  it('round-robin: in turn, blind to load', () => {
    const pick = makeDispatcher('round-robin');
    const loads = [busy(2, 0, 9), idle(8)];
    expect([0, 1, 2, 3, 4].map(() => pick(loads, 0))).toEqual([0, 1, 0, 1, 0]);
    const three = makeDispatcher('round-robin');
    expect([0, 1, 2, 3].map(() => three([idle(1), idle(1), idle(1)], 0))).toEqual([0, 1, 2, 0]);
  });

  it('least-loaded: fewest queued or in service; ties to the faster backend', () => {
    const pick = makeDispatcher('least-loaded');
    expect(pick([busy(2, 0, 2), busy(8, 0)], 1)).toBe(1); // 3 against 1
    expect(pick([busy(8, 0), busy(2, 0)], 1)).toBe(1); // 1 each: the faster
    expect(pick([idle(2), busy(1, 0)], 1)).toBe(0); // 0 against 1
  });

  it('shortest-expected: rest of the request in service + queue + this one, at the mean', () => {
    expect(expectedCompletionMs(busy(2, 9, 2), 10)).toBe(7); // 1 left + 3 × 2
    expect(expectedCompletionMs(idle(8), 10)).toBe(8);
    expect(expectedCompletionMs(busy(2, 0, 0), 10)).toBe(2); // overdue: nothing left counted
    const pick = makeDispatcher('shortest-expected');
    expect(pick([busy(2, 9, 2), idle(8)], 10)).toBe(0); // 7 against 8
    expect(pick([busy(2, 9, 3), idle(8)], 10)).toBe(1); // 9 against 8
    expect(pick([busy(2, 10, 2), idle(8)], 10)).toBe(0); // 8 against 8: ties go to the faster backend
    expect(pick([idle(8), busy(2, 10, 2)], 10)).toBe(1);
  });
});

describe('simulateDispatch, exact', () => {
  const arrivals = [0, 0.1, 0.2, 0.3];

  it('round-robin alternates; each queue is FIFO, one at a time', () => {
    const out = simulateDispatch('round-robin', [1, 4], arrivals);
    expect(out.map((r) => r.backend)).toEqual([0, 1, 0, 1]);
    out.forEach((r, i) => expect(r.latencyMs).toBeCloseTo([1, 4, 1.8, 7.8][i] as number, 9));
  });

  it('shortest-expected queues on the fast backend until the slow one would finish sooner', () => {
    const out = simulateDispatch('shortest-expected', [1, 4], [...arrivals, 0.4]);
    expect(out.map((r) => r.backend)).toEqual([0, 0, 0, 0, 1]);
    out.forEach((r, i) => expect(r.latencyMs).toBeCloseTo([1, 1.9, 2.8, 3.7, 4][i] as number, 9));
  });

  it('fixed past one backend’s capacity: the queue, and the latency, grow without bound', () => {
    // A request every 0.5 ms to a 1 ms backend: request i waits 0.5·i more than the first.
    const periodic = Array.from({ length: 40 }, (_, i) => 0.5 * (i + 1));
    const out = simulateDispatch('fixed', [1, 4], periodic);
    expect(out.every((r) => r.backend === 0)).toBe(true);
    out.forEach((r, i) => expect(r.latencyMs).toBeCloseTo(1 + 0.5 * i, 9));
  });
});

describe('simulateDispatch under Poisson load, one backend 4× slower', () => {
  const service = [1, 4]; // capacity 1.25 per ms
  const p99 = (policy: Parameters<typeof simulateDispatch>[0], ratePerS: number) =>
    latencyStats(
      simulateDispatch(policy, service, poissonArrivals(ratePerS, 4000, 7)).map((r) => r.latencyMs),
    )?.p99Ms as number;

  it('at 80% of capacity, round-robin’s p99 is far above shortest-expected’s', () => {
    const rate = 0.8 * 1.25 * 1000;
    expect(p99('round-robin', rate)).toBeGreaterThan(5 * p99('shortest-expected', rate));
    expect(p99('least-loaded', rate)).toBeGreaterThan(p99('shortest-expected', rate));
  });

  it('fixed stays bounded below the fast backend’s capacity and saturates beyond it', () => {
    expect(p99('fixed', 500)).toBeLessThan(10); // utilisation 0.5
    const over = simulateDispatch('fixed', service, poissonArrivals(0.9 * 1.25 * 1000, 4000, 7));
    const tenth = (from: number) => over.slice(from, from + 400).reduce((a, r) => a + r.latencyMs, 0) / 400;
    expect(tenth(3600)).toBeGreaterThan(20 * tenth(0)); // utilisation 1.125: the queue grows
    expect(p99('shortest-expected', 0.9 * 1.25 * 1000)).toBeLessThan(p99('fixed', 0.9 * 1.25 * 1000) / 10);
  });
});
