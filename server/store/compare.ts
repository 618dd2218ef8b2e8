/**
 * `GET /api/compare?run=ID`: how one stored run compares with the rest of the store.
 *
 * - Per class the run has a score in: where its score falls among the device groups' medians
 *   (scores.ts), with its own group, the nearest groups above and below, and what it rests on.
 * - Per model of the run: its fastest correct case next to the fastest library/backend on the
 *   most similar devices — the newest SIMILAR_RUNS other runs with the same OS and GPU vendor —
 *   as the median of those runs' medians, aggregated in SQL over the runs found through
 *   `runs_similar` (newest first) and their cases through the cases' primary key.
 *
 * "Correct" here is what the cases table can tell: status ok, output check passed, the page
 * visible (the task check is folded into the status by the page). No query reads a run's record.
 */
import { sql } from 'kysely';
import { optionsLabel } from '../../src/report/format.ts';
import { SCORE_CLASSES, type ScoreClass } from '../../src/report/score.ts';
import type { ClassComparison, Comparison, FastestEntry, ModelComparison } from '../../src/schema/api.ts';
import type { Store } from './database.ts';
import { groupMedians, scoreBasis } from './scores.ts';

/**
 * How many of the newest runs of similar devices the fastest per model is taken over: enough for
 * a steady median, and a bound on the work a request does however large the store grows.
 */
export const SIMILAR_RUNS = 200;

const CLASS_NAMES: Readonly<Record<ScoreClass, string>> = { cpu: 'CPU', gpu: 'GPU' };

function entry(runtime: string, backend: string, optionsJson: string, medianMs: number): FastestEntry {
  let options: FastestEntry['options'] = {};
  try {
    options = JSON.parse(optionsJson) as FastestEntry['options'];
  } catch {
    // stored as canonical JSON by the ingest: not reached
  }
  const extra = optionsLabel(options);
  return {
    runtime,
    backend,
    options,
    label: `${runtime} · ${backend}${extra ? ` (${extra})` : ''}`,
    medianMs,
  };
}

const faster = (a: FastestEntry, b: FastestEntry) =>
  a.medianMs - b.medianMs || a.label.localeCompare(b.label);

async function classComparison(
  store: Store,
  run: { version: string; scoreClass: ScoreClass; emulated: boolean; score: number; deviceGroup: string },
): Promise<ClassComparison> {
  const { version, scoreClass, emulated, score, deviceGroup } = run;
  const groups = await groupMedians(store, version, scoreClass, emulated);
  const basis = await scoreBasis(store, version, scoreClass, emulated);
  const group = groups.find((g) => g.deviceGroup === deviceGroup) ?? { deviceGroup, score, runs: 1 };
  const others = groups.filter((g) => g.deviceGroup !== deviceGroup);
  const below = others.filter((g) => g.score < score).sort((a, b) => b.score - a.score);
  const above = others.filter((g) => g.score >= score).sort((a, b) => a.score - b.score);
  const pick = (g: (typeof groups)[number] | undefined) =>
    g ? { deviceGroup: g.deviceGroup, score: g.score, runs: g.runs } : null;
  return {
    score,
    group: { deviceGroup: group.deviceGroup, score: group.score, runs: group.runs },
    percentile: others.length ? Math.round((1000 * below.length) / others.length) / 10 : null,
    ...(others.length
      ? {}
      : {
          percentileNote: `no other ${emulated ? 'emulated ' : ''}device group has a ${CLASS_NAMES[scoreClass]} score of ${version} yet`,
        }),
    otherGroups: others.length,
    above: pick(above[0]),
    below: pick(below[0]),
    basis: { runs: basis.runs, groups: groups.length || 1, devices: basis.devices },
  };
}

export interface SimilarKey {
  id: string;
  os: string;
  gpuVendor: string | null;
  emulated: number;
}

const sameDevices = (key: SimilarKey) =>
  sql`r.os = ${key.os} and ${key.gpuVendor === null ? sql`r.gpu_vendor is null` : sql`r.gpu_vendor = ${key.gpuVendor}`}
    and r.emulated = ${key.emulated} and r.id <> ${key.id}`;

/** Per model, the fastest runtime/backend/options on similar devices (median of run medians). */
async function similarFastest(
  store: Store,
  key: SimilarKey,
  models: readonly string[],
  limit: number,
): Promise<Map<string, FastestEntry & { runs: number }>> {
  const best = new Map<string, FastestEntry & { runs: number }>();
  if (models.length === 0) return best;
  const { rows } = await similarQuery(key, models, limit).execute(store.db);
  for (const r of rows) {
    const candidate = {
      ...entry(r.runtime, r.backend, r.options, Number(r.median_ms)),
      runs: Number(r.runs),
    };
    const current = best.get(r.model);
    if (!current || faster(candidate, current) < 0) best.set(r.model, candidate);
  }
  return best;
}

/**
 * Per model × runtime/backend/options on the newest `limit` runs of similar devices: the median
 * over runs of each run's best correct median (exported so the tests can ask the planner which
 * indexes it reads).
 */
export function similarQuery(key: SimilarKey, models: readonly string[], limit = SIMILAR_RUNS) {
  return sql<{
    model: string;
    runtime: string;
    backend: string;
    options: string;
    median_ms: number;
    runs: number | string;
  }>`
    with similar_runs as (
      select r.id from runs r
      where ${sameDevices(key)}
      order by r.received_at desc
      limit ${limit}
    ), per_run as (
      select c.model, c.runtime, c.backend, c.options, c.run_id, min(c.median_ms) as ms
      from similar_runs s join cases c on c.run_id = s.id
      where c.model in (${sql.join(models)}) and c.status = 'ok' and c.check_ok = 1
        and c.visibility_lost is null and c.median_ms > 0
      group by c.model, c.runtime, c.backend, c.options, c.run_id
    ), sizes as (
      select model, runtime, backend, options, count(*) as n
      from per_run
      group by model, runtime, backend, options
    ), ranked as (
      select model, runtime, backend, options, ms,
        row_number() over (partition by model, runtime, backend, options order by ms) as rn
      from per_run
    )
    select r.model, r.runtime, r.backend, r.options, avg(r.ms) as median_ms, max(s.n) as runs
    from ranked r join sizes s
      on s.model = r.model and s.runtime = r.runtime and s.backend = r.backend and s.options = r.options
    where 2 * r.rn in (s.n, s.n + 1, s.n + 2)
    group by r.model, r.runtime, r.backend, r.options
  `;
}

function vendorLabel(vendor: string | null): string {
  return vendor ? vendor.charAt(0).toUpperCase() + vendor.slice(1) : 'GPU not reported';
}

/** The comparison of run `id`, or undefined when the store has no such run. */
export async function compareRun(
  store: Store,
  id: string,
  options: { similarRuns?: number } = {},
): Promise<Comparison | undefined> {
  const run = await store.db
    .selectFrom('runs')
    .select([
      'id',
      'suite_id',
      'device_group',
      'emulated',
      'os',
      'gpu_vendor',
      'score_version',
      'score_cpu',
      'score_gpu',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) return undefined;
  const emulated = run.emulated === 1;
  const classes: Comparison['classes'] = {};
  const missing: Comparison['missing'] = {};
  for (const scoreClass of SCORE_CLASSES) {
    const score = scoreClass === 'cpu' ? run.score_cpu : run.score_gpu;
    if (run.score_version === null) missing[scoreClass] = `runs of the ${run.suite_id} suite are not scored`;
    else if (score === null)
      missing[scoreClass] =
        `this run has no ${CLASS_NAMES[scoreClass]} score: a model of the suite has no correct ${CLASS_NAMES[scoreClass]} case`;
    else
      classes[scoreClass] = await classComparison(store, {
        version: run.score_version,
        scoreClass,
        emulated,
        score,
        deviceGroup: run.device_group,
      });
  }

  const cases = await store.db
    .selectFrom('cases')
    .select(['model', 'runtime', 'backend', 'options', 'status', 'median_ms', 'check_ok', 'visibility_lost'])
    .where('run_id', '=', id)
    .orderBy('idx')
    .execute();
  const here = new Map<string, FastestEntry | null>();
  for (const c of cases) {
    if (!here.has(c.model)) here.set(c.model, null);
    const correct = c.status === 'ok' && c.check_ok === 1 && c.visibility_lost === null;
    if (!correct || c.median_ms === null || c.median_ms <= 0) continue;
    const candidate = entry(c.runtime, c.backend, c.options, c.median_ms);
    const current = here.get(c.model);
    if (!current || faster(candidate, current) < 0) here.set(c.model, candidate);
  }

  const key: SimilarKey = { id: run.id, os: run.os, gpuVendor: run.gpu_vendor, emulated: run.emulated };
  const limit = options.similarRuns ?? SIMILAR_RUNS;
  const similar = await similarFastest(store, key, [...here.keys()], limit);
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from runs r where ${sameDevices(key)}
  `.execute(store.db);
  const similarRuns = Number(rows[0]?.n ?? 0);
  const models: ModelComparison[] = [...here].map(([model, fastest]) => ({
    model,
    here: fastest,
    similar: similar.get(model) ?? null,
  }));
  return {
    run: run.id,
    deviceGroup: run.device_group,
    emulated,
    version: run.score_version,
    classes,
    missing,
    similar: {
      os: run.os,
      gpuVendor: run.gpu_vendor,
      label: `${run.os} · ${vendorLabel(run.gpu_vendor)}`,
      runs: similarRuns,
      newest: Math.min(similarRuns, limit),
    },
    models,
  };
}
