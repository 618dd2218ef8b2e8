/**
 * The interference scenario's rounds: levels alternate direction every round, and a
 * configuration's record says how much work the background load did — the fewest busy workers
 * seen working in any one window, so one window in which the load did not run shows.
 */
import { describe, expect, it } from 'vitest';
import { type LoadWork, loadMetrics, pool, serpentine } from '../../src/scenarios/interference/rounds.ts';

const work = (over: Partial<LoadWork> = {}): LoadWork => ({
  windowMs: 100,
  busyWorkersRunning: 2,
  busyIterations: 500,
  busyCores: 1.5,
  gpuDispatches: 0,
  gpuRunning: false,
  ...over,
});

describe('serpentine', () => {
  it('goes forward in even rounds and back in odd ones, so every level is both early and late', () => {
    const levels = [0, 1, 2, 'gpu'];
    expect([0, 1, 2, 3].flatMap((r) => serpentine(levels, r))).toEqual([
      0,
      1,
      2,
      'gpu',
      'gpu',
      2,
      1,
      0,
      0,
      1,
      2,
      'gpu',
      'gpu',
      2,
      1,
      0,
    ]);
    expect(levels).toEqual([0, 1, 2, 'gpu']);
  });
});

describe('pool and loadMetrics', () => {
  it('pools samples over rounds and gives work per second of measured time', () => {
    let p = pool(undefined, [5, 6], work());
    p = pool(p, [7], work({ windowMs: 300, busyIterations: 1500, busyCores: 0.5 }));
    expect(p.samples).toEqual([5, 6, 7]);
    expect(loadMetrics(p)).toEqual({
      rounds: 2,
      busyWorkersRunning: 2,
      busyIterationsPerS: 5000,
      // Weighted by measured time: (1.5 × 100 + 0.5 × 300) / 400.
      busyCores: 0.75,
      gpuDispatchesPerS: 0,
      gpuRunningShare: 0,
    });
  });

  it('keeps the fewest busy workers seen in any window: one window without load shows', () => {
    let p = pool(undefined, [5], work());
    p = pool(p, [5], work({ busyWorkersRunning: 0, busyIterations: 0 }));
    p = pool(p, [5], work());
    expect(loadMetrics(p).busyWorkersRunning).toBe(0);
  });

  it('says in what share of windows the GPU loop ran and how many dispatches it finished', () => {
    let p = pool(
      undefined,
      [50],
      work({ busyWorkersRunning: 0, busyIterations: 0, gpuRunning: true, gpuDispatches: 3 }),
    );
    p = pool(p, [50], work({ busyWorkersRunning: 0, busyIterations: 0, gpuRunning: false }));
    expect(loadMetrics(p)).toMatchObject({ gpuRunningShare: 0.5, gpuDispatchesPerS: 15 });
  });

  it('an idle level records no work at all', () => {
    const p = pool(undefined, [4, 4], work({ busyWorkersRunning: 0, busyIterations: 0 }));
    expect(loadMetrics(p)).toMatchObject({
      busyWorkersRunning: 0,
      busyIterationsPerS: 0,
      gpuRunningShare: 0,
    });
  });
});
