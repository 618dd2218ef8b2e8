/**
 * Builds the `atlas.run/1` record of a finished run and validates it with the shared schema
 * before it is offered for download.
 */
import type { RunParams } from '../measure/params.ts';
import { scoreRun } from '../report/score.ts';
import type { Case, Env, ModelCache, Run } from '../schema/run.ts';
import type { ScenarioResult } from '../schema/scenario.ts';
import type { Suite } from '../suite/types.ts';
import { effectiveBudget } from './plan.ts';

declare const __APP_VERSION__: string;

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts; a page on a plain
 * http LAN address still has `crypto.getRandomValues`.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds and validates the record; the schema (zod) is loaded only now, keeping the page shell small. */
export async function buildRecord(
  params: RunParams,
  suite: Suite,
  env: Env,
  cases: Case[],
  startedAt: Date,
  scenarios: ScenarioResult[] = [],
  /** Run-level notes of the run guard (run-guard.ts): the wake lock, continuations. */
  guarded: Pick<Run, 'wakeLock' | 'resumedAt'> = {},
  modelCache?: ModelCache,
): Promise<Run> {
  const { HOST_DEVICE, RUN_SCHEMA_ID, validateRun } = await import('../schema/run.ts');
  const run: Run = {
    schema: RUN_SCHEMA_ID,
    id: randomUuid(),
    createdAt: startedAt.toISOString(),
    app: { version: __APP_VERSION__ },
    suite: { id: suite.id, version: suite.version },
    source: params.source,
    env,
    cases,
    settings: {
      models: params.models,
      runtimes: params.runtimes,
      backends: params.backends,
      ...(params.runs === undefined ? {} : { runs: params.runs }),
      budget: effectiveBudget(suite.budget, params),
      ...(params.scenarios.length ? { scenarios: params.scenarios, scenarioSize: suite.id } : {}),
    },
    ...(scenarios.length ? { scenarios } : {}),
    ...guarded,
    ...(modelCache ? { modelCache } : {}),
    ...(params.visit ? { visit: params.visit } : {}),
  };
  if (params.emulatedDevice || params.cpuThrottle !== undefined) {
    run.emulation = {
      device: params.emulatedDevice ?? HOST_DEVICE,
      ...(params.cpuThrottle === undefined ? {} : { cpuThrottle: params.cpuThrottle }),
      ...(params.throttleInfo
        ? { throttle: params.throttleInfo as NonNullable<Run['emulation']>['throttle'] }
        : {}),
    };
  }
  const score = scoreRun(run);
  if (score) run.score = score;
  const checked = validateRun(run);
  if (!checked.ok) {
    throw new Error(
      `the run record is invalid: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return checked.run;
}
