/**
 * Fills in `runs.score_version`, `score_cpu` and `score_gpu` of runs stored before the server
 * computed scores (migration 008): each run of a scored suite version is scored again from the
 * cases of the record it holds (src/report/score.ts, never the record's own `score`), a page at a
 * time. Idempotent and resumable like the engine backfill (006): a run is done once its
 * `score_version` is set, which every run of a scored suite gets, with or without class scores;
 * a record that cannot be read keeps nulls and is passed over.
 */
import { type Kysely, sql } from 'kysely';
import { scoreRun } from '../../src/report/score.ts';
import { validateRun } from '../../src/schema/run.ts';
import { SCORE_REFERENCES } from '../../src/suite/score-references.ts';

/** Runs read per page. */
const BACKFILL_PAGE = 500;

/** The score columns of one stored record, or undefined when it cannot be read or is not scored. */
export function scoreColumns(
  record: string,
): { score_version: string; score_cpu: number | null; score_gpu: number | null } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return undefined;
  }
  const checked = validateRun(value);
  if (!checked.ok) return undefined;
  const score = scoreRun(checked.run);
  if (!score) return undefined;
  return {
    score_version: score.version,
    score_cpu: score.cpu?.value ?? null,
    score_gpu: score.gpu?.value ?? null,
  };
}

export async function backfillScores(db: Kysely<unknown>): Promise<void> {
  if (SCORE_REFERENCES.length === 0) return;
  const scored = sql.join(
    SCORE_REFERENCES.map((r) => sql`(suite_id = ${r.suite} and suite_version = ${r.suiteVersion})`),
    sql` or `,
  );
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; record: string }>`
      select id, record from runs
      where score_version is null and id > ${after} and (${scored})
      order by id limit ${BACKFILL_PAGE}
    `.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    for (const row of rows) {
      const columns = scoreColumns(row.record);
      if (!columns) continue;
      await sql`
        update runs set score_version = ${columns.score_version}, score_cpu = ${columns.score_cpu},
          score_gpu = ${columns.score_gpu}
        where id = ${row.id}
      `.execute(db);
    }
    after = last.id;
  }
}
