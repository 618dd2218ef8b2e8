/**
 * Scores per device group, aggregated in SQL: for one score version and class, each device
 * group's median of its runs' scores (window functions, both dialects), and how many runs and
 * distinct devices those rest on. Every query reads only the partial index `runs_score_<class>`
 * (migration 007), never a run's record, so its cost grows with the scored runs' index entries,
 * not with the store. Used by `GET /api/compare` and `GET /api/scores`.
 */
import { sql } from 'kysely';
import { SCORE_CLASSES, type ScoreClass } from '../../src/report/score.ts';
import type { ScoreGroups } from '../../src/schema/api.ts';
import { SCORE_REFERENCES } from '../../src/suite/score-references.ts';
import type { Store } from './database.ts';

export interface GroupMedian {
  deviceGroup: string;
  emulated: boolean;
  /** Median of the group's runs' scores. */
  score: number;
  runs: number;
}

const scoreColumn = (scoreClass: ScoreClass) => sql.ref(`score_${scoreClass}`);
const kindFilter = (emulated: boolean | undefined) =>
  emulated === undefined ? sql`` : sql`and emulated = ${emulated ? 1 : 0}`;

/**
 * Each device group's median score of `version` in `scoreClass` (real and emulated groups apart;
 * only one kind with `emulated`). The median of n sorted scores is the row ranked (n + 1) / 2, or
 * the mean of the two ranked n / 2 and n / 2 + 1: the rows with 2 × rank in {n, n + 1, n + 2}.
 */
export async function groupMedians(
  store: Store,
  version: string,
  scoreClass: ScoreClass,
  emulated?: boolean,
): Promise<GroupMedian[]> {
  const { rows } = await groupMediansQuery(version, scoreClass, emulated).execute(store.db);
  return rows.map((r) => ({
    deviceGroup: r.device_group,
    emulated: Number(r.emulated) === 1,
    score: Number(r.score),
    runs: Number(r.runs),
  }));
}

/** The query of `groupMedians` (exported so the tests can ask the planner which index it reads). */
export function groupMediansQuery(version: string, scoreClass: ScoreClass, emulated?: boolean) {
  const column = scoreColumn(scoreClass);
  const scored = sql`score_version = ${version} ${kindFilter(emulated)} and ${column} is not null`;
  // Group sizes apart rather than `count(*) over (…)`: SQLite's window runs a third faster so.
  return sql<{ device_group: string; emulated: number; score: number; runs: number | string }>`
    with sizes as (
      select emulated, device_group, count(*) as n from runs where ${scored} group by emulated, device_group
    ), ranked as (
      select emulated, device_group, ${column} as score,
        row_number() over (partition by emulated, device_group order by ${column}) as rn
      from runs
      where ${scored}
    )
    select r.device_group, r.emulated, avg(r.score) as score, max(s.n) as runs
    from ranked r join sizes s on s.emulated = r.emulated and s.device_group = r.device_group
    where 2 * r.rn in (s.n, s.n + 1, s.n + 2)
    group by r.emulated, r.device_group
  `;
}

/** Runs and distinct devices (device_key) with a score of `version` in `scoreClass`, of one kind. */
export async function scoreBasis(
  store: Store,
  version: string,
  scoreClass: ScoreClass,
  emulated: boolean,
): Promise<{ runs: number; devices: number }> {
  const column = scoreColumn(scoreClass);
  const { rows } = await sql<{ runs: number | string; devices: number | string }>`
    select count(*) as runs, count(distinct device_key) as devices
    from runs
    where score_version = ${version} ${kindFilter(emulated)} and ${column} is not null
  `.execute(store.db);
  return { runs: Number(rows[0]?.runs ?? 0), devices: Number(rows[0]?.devices ?? 0) };
}

/** The newest score version (last defined) that some stored run has a class score of. */
export async function newestScoredVersion(store: Store): Promise<string | null> {
  for (const reference of [...SCORE_REFERENCES].reverse()) {
    for (const scoreClass of SCORE_CLASSES) {
      const column = scoreColumn(scoreClass);
      const { rows } = await sql<{ one: number }>`
        select 1 as one from runs where score_version = ${reference.version} and ${column} is not null limit 1
      `.execute(store.db);
      if (rows.length > 0) return reference.version;
    }
  }
  return null;
}

/** `GET /api/scores`: per device group, the median CPU and GPU score of the newest version. */
export async function scoreGroups(store: Store): Promise<ScoreGroups> {
  const version = await newestScoredVersion(store);
  if (!version) return { version: null, groups: [] };
  const byGroup = new Map<string, ScoreGroups['groups'][number]>();
  for (const scoreClass of SCORE_CLASSES) {
    for (const g of await groupMedians(store, version, scoreClass)) {
      const key = `${g.emulated ? 1 : 0}\u0000${g.deviceGroup}`;
      const entry = byGroup.get(key) ?? {
        deviceGroup: g.deviceGroup,
        emulated: g.emulated,
        cpu: null,
        gpu: null,
      };
      entry[scoreClass] = { score: g.score, runs: g.runs };
      byGroup.set(key, entry);
    }
  }
  const groups = [...byGroup.values()].sort(
    (a, b) =>
      (b.cpu?.score ?? -1) - (a.cpu?.score ?? -1) ||
      (b.gpu?.score ?? -1) - (a.gpu?.score ?? -1) ||
      a.deviceGroup.localeCompare(b.deviceGroup),
  );
  return { version, groups };
}
