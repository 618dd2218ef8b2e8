/**
 * The interference scenario's figures: the fastest backend (by median) at each load level, and
 * across runs the first level whose fastest backend differs from the first level's, if any. A
 * configuration's level is its label after " · " (`wasm · 2 busy CPU workers`), in the order the
 * runner recorded the levels; version 1 and 2 results read alike.
 */
import type { InterferenceFlip } from '../../schema/api.ts';
import type { InterferenceResult, ScenarioConfigOf } from '../../schema/scenario.ts';
import { finiteOr } from '../figures.ts';

type Config = ScenarioConfigOf<'interference'>;

/** The level a configuration was measured at: its label after " · ". */
export const levelOf = (c: Config): string => c.label.slice(c.label.indexOf(' · ') + 3);

/** Fastest backend (by median) at each load level, in level order. */
export function fastestPerLevel(
  configs: readonly Config[],
): { level: string; backend: string; medianMs: number }[] {
  const byLevel = new Map<string, Config[]>();
  for (const c of configs) byLevel.set(levelOf(c), [...(byLevel.get(levelOf(c)) ?? []), c]);
  return [...byLevel].map(([level, list]) => {
    const best = list.reduce((a, b) =>
      (b.latency?.medianMs ?? Infinity) < (a.latency?.medianMs ?? Infinity) ? b : a,
    );
    return { level, backend: best.params.backend, medianMs: best.latency?.medianMs ?? Number.NaN };
  });
}

/** Where the fastest backend first changes, `null` when it never does, undefined with fewer than two levels. */
export function interferenceFlip(result: InterferenceResult): InterferenceFlip | null | undefined {
  const levels = new Map<
    string,
    { busyWorkers: number; gpuLoad: boolean; best?: { backend: string; ms: number } }
  >();
  for (const c of result.configs) {
    const ms = finiteOr(c.latency?.medianMs);
    if (ms === undefined) continue;
    const key = c.label.includes(' · ') ? levelOf(c) : levelName(c.params);
    const level = levels.get(key) ?? { busyWorkers: c.params.busyWorkers, gpuLoad: c.params.gpuLoad };
    if (!level.best || ms < level.best.ms) level.best = { backend: c.params.backend, ms };
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

/** A level's name as the runner writes it: `2 busy CPU workers`, `GPU compute loop`. */
export function levelName(level: { busyWorkers: number; gpuLoad: boolean }): string {
  return level.gpuLoad
    ? 'GPU compute loop'
    : `${level.busyWorkers} busy CPU worker${level.busyWorkers === 1 ? '' : 's'}`;
}
