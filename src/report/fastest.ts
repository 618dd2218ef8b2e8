/**
 * "Fastest here": per model of a run, its fastest correct case — library, backend, options and
 * median — the answer a visitor came for. Correct as the score counts it (src/report/score.ts).
 */
import type { Case, CaseOptions } from '../schema/run.ts';
import { isCorrect } from './score.ts';

export interface Fastest {
  model: string;
  runtime: string;
  backend: string;
  options?: CaseOptions;
  medianMs: number;
}

/** One entry per model with a correct case, in the run's model order. */
export function fastestPerModel(cases: readonly Case[]): Fastest[] {
  const best = new Map<string, Fastest>();
  for (const c of cases) {
    if (!isCorrect(c) || c.status !== 'ok') continue;
    const medianMs = c.timings?.warm.medianMs;
    if (medianMs === undefined) continue;
    const current = best.get(c.model);
    if (!current || medianMs < current.medianMs)
      best.set(c.model, {
        model: c.model,
        runtime: c.runtime,
        backend: c.backend,
        ...(c.options ? { options: c.options } : {}),
        medianMs,
      });
  }
  return [...best.values()];
}
