/**
 * The `visit` column of a run (issue 18): `first` or `repeat` when the record says (automation that
 * ran the same plan twice in one browser profile), else null. Taken at ingest (run-rows.ts) and,
 * for runs stored before the column, by migration 013 from the record each run holds, a page at a
 * time; a fill stopped half-way goes on where it stopped (filled runs are not read again).
 */
import { type Kysely, sql } from 'kysely';
import type { Run } from '../../src/schema/run.ts';

export const VISITS = ['first', 'repeat'] as const satisfies readonly NonNullable<Run['visit']>[];
export type Visit = (typeof VISITS)[number];

export const isVisit = (value: unknown): value is Visit => VISITS.includes(value as Visit);

/** Runs read per page. */
const BACKFILL_PAGE = 500;

/** Fills `runs.visit` of the runs stored before it. A record that cannot be read keeps null. */
export async function backfillVisits(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    // Only records that mention the member at all are read; its name is quoted in JSON.
    const { rows } = await sql<{ id: string; record: string }>`
      select id, record from runs
      where visit is null and id > ${after} and record like ${'%"visit"%'}
      order by id limit ${BACKFILL_PAGE}
    `.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    const byVisit = new Map<Visit, string[]>();
    for (const row of rows) {
      let visit: unknown;
      try {
        visit = (JSON.parse(row.record) as { visit?: unknown }).visit;
      } catch {
        continue;
      }
      if (isVisit(visit)) byVisit.set(visit, [...(byVisit.get(visit) ?? []), row.id]);
    }
    const write = async (trx: Kysely<unknown>) => {
      for (const [visit, ids] of byVisit)
        await sql`update runs set visit = ${visit} where id in (${sql.join(ids)})`.execute(trx);
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
    after = last.id;
  }
}
