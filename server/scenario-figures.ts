/**
 * The study's questions asked of one stored scenario result, pure and defensive: a runner's result
 * shape may change between versions, so each figure is derived from what the result holds and is
 * `undefined` when something it needs is missing.
 *
 * - `split`: the gain of the best split over the best single backend. The runner's headline value
 *   is that gain; without a headline it is derived from the configurations (`params.ratio` 0 or 1
 *   = one backend alone, in between = split; figure: `metrics.makespanMs`, else the median).
 * - `dynamic`: at the highest load ≤ 0.8 that has both, the `fixed` policy's p99 over the best
 *   other policy's p99 (above 1: dispatching over several backends beats the single fastest one).
 * - `interference`: the first load level whose fastest backend (by median) differs from the first
 *   level's, if any.
 */
import { median } from '../src/measure/stats.ts';
import type { InterferenceFlip, MultiBackendGain } from '../src/schema/api.ts';
import type { ScenarioConfig, ScenarioResult } from '../src/schema/scenario.ts';

/** The highest load the dynamic comparison reads (above it the queues need not be stable). */
export const DYNAMIC_MAX_LOAD = 0.8;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Median of `values`; undefined for none. */
export function medianOf(values: readonly number[]): number | undefined {
  return values.length ? median(values) : undefined;
}

const configsOf = (result: ScenarioResult): ScenarioConfig[] =>
  Array.isArray(result.configs) ? result.configs : [];

/** A split configuration's completion time: its makespan when it has one, else its median latency. */
function splitFigure(c: ScenarioConfig): number | undefined {
  const figure = num(c.metrics?.makespanMs) ?? num(c.latency?.medianMs);
  return figure !== undefined && figure > 0 ? figure : undefined;
}

/** Split: best split over best single backend (headline value, else from the configurations). */
export function splitGain(result: ScenarioResult): MultiBackendGain | undefined {
  const headline = num(result.headline?.value);
  const byRatio = new Map<number, number[]>();
  for (const c of configsOf(result)) {
    const ratio = num(c.params?.ratio);
    const figure = splitFigure(c);
    if (ratio === undefined || figure === undefined) continue;
    byRatio.set(ratio, [...(byRatio.get(ratio) ?? []), figure]);
  }
  const perRatio = [...byRatio].map(([ratio, figures]) => ({ ratio, figure: median(figures) }));
  const single = perRatio.filter((r) => r.ratio <= 0 || r.ratio >= 1);
  const split = perRatio.filter((r) => r.ratio > 0 && r.ratio < 1);
  const bestOf = (list: typeof perRatio) =>
    list.reduce<(typeof perRatio)[number] | undefined>(
      (a, b) => (!a || b.figure < a.figure ? b : a),
      undefined,
    );
  const bestSplit = bestOf(split);
  const bestSingle = bestOf(single);
  if (headline !== undefined && headline > 0)
    return {
      gain: headline,
      detail: bestSplit
        ? `best split at ratio ${bestSplit.ratio} vs the best single backend`
        : 'best split vs the best single backend',
    };
  if (!bestSplit || !bestSingle) return undefined;
  return {
    gain: bestSingle.figure / bestSplit.figure,
    detail: `best split at ratio ${bestSplit.ratio} vs the best single backend`,
  };
}

/** A dynamic configuration's load, from whichever parameter name the runner used. */
function loadOf(c: ScenarioConfig): number | undefined {
  const p = c.params ?? {};
  return num(p.load) ?? num(p.rho) ?? num(p.utilization) ?? num(p.utilisation);
}

/** Dynamic: `fixed`'s p99 over the best other policy's p99 at the highest load ≤ 0.8 that has both. */
export function dynamicGain(result: ScenarioResult): MultiBackendGain | undefined {
  const byLoad = new Map<number, { policy: string; p99: number }[]>();
  for (const c of configsOf(result)) {
    const load = loadOf(c);
    const policy = c.params?.policy;
    const p99 = num(c.latency?.p99Ms);
    if (load === undefined || typeof policy !== 'string' || p99 === undefined || p99 <= 0) continue;
    if (load > DYNAMIC_MAX_LOAD + 1e-9) continue;
    byLoad.set(load, [...(byLoad.get(load) ?? []), { policy, p99 }]);
  }
  for (const load of [...byLoad.keys()].sort((a, b) => b - a)) {
    const entries = byLoad.get(load) ?? [];
    const fixed = entries.filter((e) => e.policy === 'fixed').map((e) => e.p99);
    const others = entries.filter((e) => e.policy !== 'fixed');
    if (!fixed.length || !others.length) continue;
    const best = others.reduce((a, b) => (b.p99 < a.p99 ? b : a));
    return {
      gain: median(fixed) / best.p99,
      detail: `${best.policy} vs fixed, p99 at load ${load}`,
    };
  }
  return undefined;
}

/** An interference configuration's load level: its label after " · ", else from its parameters. */
function levelOf(c: ScenarioConfig): { key: string; busyWorkers: number | null; gpuLoad: boolean | null } {
  const busyWorkers = num(c.params?.busyWorkers) ?? null;
  const gpuLoad = typeof c.params?.gpuLoad === 'boolean' ? c.params.gpuLoad : null;
  const at = typeof c.label === 'string' ? c.label.indexOf(' · ') : -1;
  const key =
    at >= 0
      ? c.label.slice(at + 3)
      : gpuLoad
        ? 'GPU compute loop'
        : `${busyWorkers ?? '?'} busy CPU worker${busyWorkers === 1 ? '' : 's'}`;
  return { key, busyWorkers, gpuLoad };
}

/** Interference: where the fastest backend first changes, `null` when it never does, undefined when unreadable. */
export function interferenceFlip(result: ScenarioResult): InterferenceFlip | null | undefined {
  const levels = new Map<
    string,
    { busyWorkers: number | null; gpuLoad: boolean | null; best?: { backend: string; ms: number } }
  >();
  for (const c of configsOf(result)) {
    const backend = c.params?.backend;
    const ms = num(c.latency?.medianMs);
    if (typeof backend !== 'string' || ms === undefined) continue;
    const { key, busyWorkers, gpuLoad } = levelOf(c);
    const level = levels.get(key) ?? { busyWorkers, gpuLoad };
    if (!level.best || ms < level.best.ms) level.best = { backend, ms };
    levels.set(key, level);
  }
  const ordered = [...levels];
  const first = ordered[0]?.[1].best?.backend;
  if (first === undefined || ordered.length < 2) return undefined;
  for (const [key, level] of ordered.slice(1)) {
    if (level.best && level.best.backend !== first)
      return {
        level: key,
        busyWorkers: level.busyWorkers,
        gpuLoad: level.gpuLoad,
        from: first,
        to: level.best.backend,
      };
  }
  return null;
}
