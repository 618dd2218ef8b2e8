/**
 * The cold-start and memory columns of a case row (issue 18): what the summary and the export read
 * of a case's optional `coldStart` and `memory`, taken at ingest (run-rows.ts) and, for runs stored
 * before the columns existed, by the backfills of migrations 011 and 013 from the record each run
 * holds. Resumable like the other fills: a run is done once one of its cases has one of the
 * columns being filled, and each page of runs is written in one transaction (where the migrator
 * has not opened one already), so a run is never left half filled.
 */
import { type Kysely, sql } from 'kysely';
import { type Case, validateRun } from '../../src/schema/run.ts';
import type { CasesTable } from './schema.ts';

/** Every figure column, in the export's order (new ones appended). */
export const CASE_FIGURE_COLUMNS = [
  'first_answer_ms',
  'library_bytes',
  'model_bytes',
  'model_transfer_bytes',
  'wasm_heap_peak_bytes',
  'gpu_peak_bytes',
  'page_bytes',
] as const satisfies readonly (keyof CasesTable)[];

export type CaseFigureColumn = (typeof CASE_FIGURE_COLUMNS)[number];

/** The figures of one case as stored (types as in schema.ts); null where the record does not say. */
export type CaseFigures = Pick<CasesTable, CaseFigureColumn>;

const sum = (values: (number | undefined)[]): number | null =>
  values.some((v) => v !== undefined) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;

export function caseFigures(c: Case): CaseFigures {
  const cold = c.coldStart;
  const memory = c.memory;
  const library = cold?.library;
  const files = c.modelFiles ?? [];
  return {
    first_answer_ms: cold?.firstAnswerMs ?? null,
    library_bytes: library ? sum([library.jsBytes, library.wasmBytes, library.otherBytes]) : null,
    model_bytes: files.length > 0 ? sum(files.map((f) => f.bytes)) : (cold?.model?.bytes ?? null),
    model_transfer_bytes:
      cold?.model?.transferBytes ??
      (files.some((f) => f.transferBytes !== undefined) ? sum(files.map((f) => f.transferBytes)) : null),
    wasm_heap_peak_bytes: memory?.wasmHeapPeakBytes ?? null,
    gpu_peak_bytes: memory?.gpuPeakBytes ?? null,
    page_bytes: memory?.pageBytes ?? null,
  };
}

/** Runs read per page. */
const BACKFILL_PAGE = 200;

/**
 * Fills `columns` of the cases stored before them, reading only records that mention one of
 * `members` (JSON member names, e.g. `coldStart`). A shipped migration passes its own frozen list:
 * columns added later do not exist yet when it runs.
 */
export async function backfillCaseFigures(
  db: Kysely<unknown>,
  columns: readonly CaseFigureColumn[],
  members: readonly string[],
): Promise<void> {
  const anyFigure = sql.join(
    columns.map((column) => sql`c.${sql.ref(column)} is not null`),
    sql` or `,
  );
  // The members' names are quoted in JSON.
  const mentions = sql.join(
    members.map((m) => sql`r.record like ${`%"${m}"%`}`),
    sql` or `,
  );
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; record: string }>`
      select r.id, r.record from runs r
      where r.id > ${after} and (${mentions})
        and not exists (select 1 from cases c where c.run_id = r.id and (${anyFigure}))
      order by r.id limit ${BACKFILL_PAGE}
    `.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    const updates: { runId: string; idx: number; figures: CaseFigures }[] = [];
    for (const row of rows) {
      let value: unknown;
      try {
        value = JSON.parse(row.record);
      } catch {
        continue;
      }
      const checked = validateRun(value);
      if (!checked.ok) continue;
      checked.run.cases.forEach((c, idx) => {
        const figures = caseFigures(c);
        if (columns.some((k) => figures[k] !== null)) updates.push({ runId: row.id, idx, figures });
      });
    }
    const write = async (trx: Kysely<unknown>) => {
      for (const { runId, idx, figures } of updates) {
        const sets = sql.join(columns.map((k) => sql`${sql.ref(k)} = ${figures[k]}`));
        await sql`update cases set ${sets} where run_id = ${runId} and idx = ${idx}`.execute(trx);
      }
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
    after = last.id;
  }
}
