/**
 * The Atlas score of a run: one number per class of backend (CPU: WASM and plain JS; GPU: WebGL
 * and WebGPU), 100 × the geometric mean, over the scored suite's models, of the frozen reference
 * device's best correct median divided by this run's best correct median in that class. 100 is
 * the reference device; 200 is twice as fast on the typical model. Only `ok` cases whose output
 * check (and task check) passed and whose page stayed visible count; a class with any model
 * lacking such a case has no score, and the reason says which model and why. Pure: the page,
 * the server and the dashboard compute it the same way (docs/methodology.md, "The score").
 */
import type { Case, Run } from '../schema/run.ts';
import { SCORE_REFERENCES, type ScoreClass, type ScoreReference } from '../suite/score-references.ts';

export type { ScoreClass } from '../suite/score-references.ts';

/** The backends of each class. */
export const CLASS_BACKENDS: Readonly<Record<ScoreClass, readonly string[]>> = Object.freeze({
  cpu: ['wasm', 'cpu'],
  gpu: ['webgl', 'webgpu'],
});

export const SCORE_CLASSES = Object.keys(CLASS_BACKENDS) as ScoreClass[];

/** One class's score: the value and how many models it is the geometric mean over. */
export type ClassScore = NonNullable<NonNullable<Run['score']>['cpu']>;

/** The record's `score`: its version, each class's value, and why a class has none. */
export type RunScore = NonNullable<Run['score']>;

/** Whether a case counts toward a score: ok, output check passed, task check not failed, page visible. */
export function isCorrect(c: Case): boolean {
  return c.status === 'ok' && c.check?.ok === true && c.taskCheck?.ok !== false && c.visibilityLost !== true;
}

/** The score reference for a suite at a version, if that suite is scored. */
export function scoreReferenceFor(suite: { id: string; version: string }): ScoreReference | undefined {
  return SCORE_REFERENCES.find((r) => r.suite === suite.id && r.suiteVersion === suite.version);
}

const median = (c: Case) => (c.status === 'ok' ? c.timings?.warm.medianMs : undefined);

/** Why a model has no correct case in a class, in a few words. */
function whyNone(cases: readonly Case[], model: string, scoreClass: ScoreClass): string {
  const mine = cases.filter((c) => c.model === model && CLASS_BACKENDS[scoreClass].includes(c.backend));
  if (mine.length === 0) return `the run has no ${scoreClass.toUpperCase()} case of ${model}`;
  const states = [...new Set(mine.map((c) => (c.visibilityLost ? 'hidden page' : c.status)))];
  return `no correct ${scoreClass.toUpperCase()} case of ${model} (${states.join(', ')})`;
}

function classScore(
  cases: readonly Case[],
  reference: Readonly<Record<string, number>>,
  scoreClass: ScoreClass,
): ClassScore | string {
  const models = Object.keys(reference);
  let logSum = 0;
  for (const model of models) {
    const medians = cases
      .filter((c) => c.model === model && CLASS_BACKENDS[scoreClass].includes(c.backend) && isCorrect(c))
      .map(median)
      .filter((m): m is number => m !== undefined && m > 0);
    if (medians.length === 0) return whyNone(cases, model, scoreClass);
    logSum += Math.log((reference[model] ?? 0) / Math.min(...medians));
  }
  return { value: Math.round(100 * Math.exp(logSum / models.length) * 10) / 10, models: models.length };
}

/**
 * The score of a run, or undefined when its suite is not scored. Each class is present only if
 * every model of the reference has a correct case in it; otherwise `missing` says why.
 */
export function scoreRun(run: Pick<Run, 'suite' | 'cases'>): RunScore | undefined {
  const reference = scoreReferenceFor(run.suite);
  if (!reference) return undefined;
  const score: RunScore = { version: reference.version };
  const missing: Partial<Record<ScoreClass, string>> = {};
  for (const scoreClass of SCORE_CLASSES) {
    const result = classScore(run.cases, reference.medians[scoreClass], scoreClass);
    if (typeof result === 'string') missing[scoreClass] = result;
    else score[scoreClass] = result;
  }
  if (Object.keys(missing).length) score.missing = missing;
  return score;
}
