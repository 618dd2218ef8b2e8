/**
 * The interference scenario's rounds, pure: the serpentine order of the load levels in each
 * round, and the pooling of one level × session's samples and background work over the rounds
 * into the metrics its configuration records (how many busy workers did work in every window,
 * their iterations and the GPU loop's dispatches per second, the share of windows the GPU loop ran).
 */

import type { ScenarioConfigOf } from '../../schema/scenario.ts';

/** Work the background load did during one measurement window. */
export interface LoadWork {
  windowMs: number;
  /** Busy workers whose iteration count grew during the window. */
  busyWorkersRunning: number;
  /** Iterations of all busy workers together during the window. */
  busyIterations: number;
  /**
   * Cores' worth of work the busy workers did: each one's iterations times the typical duration
   * of one of its iterations (what it takes on a core of its own), over the window. Near `k` for k busy workers
   * on an idle host with a core each; well below when other work (the measured session, other
   * processes) shares the cores.
   */
  busyCores: number;
  /** Completed GPU dispatches during the window. */
  gpuDispatches: number;
  /** Whether the GPU loop submitted or completed work during the window. */
  gpuRunning: boolean;
}

/** Samples and background work pooled over the rounds of one level × session. */
export interface Pooled {
  samples: number[];
  windowMs: number;
  busyIterations: number;
  /** Σ busyCores × windowMs, so the pooled figure is weighted by measured time. */
  busyCoreMs: number;
  gpuDispatches: number;
  /** Fewest busy workers seen doing work in any one window. */
  busyWorkersRunning: number;
  gpuRunningWindows: number;
  windows: number;
}

/** The order of the levels in round `r`: forward in even rounds, backward in odd ones. */
export function serpentine<T>(levels: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...levels] : [...levels].reverse();
}

export function pool(into: Pooled | undefined, samples: readonly number[], work: LoadWork): Pooled {
  const p: Pooled = into ?? {
    samples: [],
    windowMs: 0,
    busyIterations: 0,
    busyCoreMs: 0,
    gpuDispatches: 0,
    busyWorkersRunning: Number.POSITIVE_INFINITY,
    gpuRunningWindows: 0,
    windows: 0,
  };
  p.samples.push(...samples);
  p.windowMs += work.windowMs;
  p.busyIterations += work.busyIterations;
  p.busyCoreMs += work.busyCores * work.windowMs;
  p.gpuDispatches += work.gpuDispatches;
  p.busyWorkersRunning = Math.min(p.busyWorkersRunning, work.busyWorkersRunning);
  p.gpuRunningWindows += work.gpuRunning ? 1 : 0;
  p.windows++;
  return p;
}

/** The load metrics of an interference configuration (version 2), every one of them. */
export type LoadMetrics = Required<NonNullable<ScenarioConfigOf<'interference'>['metrics']>>;

/** What the background load did while a configuration was measured, as record metrics. */
export function loadMetrics(p: Pooled): LoadMetrics {
  const perS = (n: number) => (p.windowMs > 0 ? (n * 1000) / p.windowMs : 0);
  return {
    rounds: p.windows,
    busyWorkersRunning: p.busyWorkersRunning,
    busyIterationsPerS: Math.round(perS(p.busyIterations)),
    busyCores: p.windowMs > 0 ? Number((p.busyCoreMs / p.windowMs).toFixed(3)) : 0,
    gpuDispatchesPerS: Number(perS(p.gpuDispatches).toFixed(2)),
    gpuRunningShare: p.windows ? p.gpuRunningWindows / p.windows : 0,
  };
}
