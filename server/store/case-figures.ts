/**
 * The cold-start and memory columns of a case row (issue 18): what the summary and the export read
 * of a case's optional `coldStart` and `memory`, taken at ingest (run-rows.ts) and, for runs stored
 * before the columns existed, by the backfill of migration 011 from the record each run holds.
 * Resumable like the other fills: a run is done once one of its cases has a figure, and each page
 * of runs is written in one transaction (where the migrator has not opened one already), so a
 * run is never left half filled.
 */
import { type Kysely, sql } from 'kysely';
import { type Case, validateRun } from '../../src/schema/run.ts';

/** The figures of one case as stored; null where the record does not say. */
export interface CaseFigures {
  first_answer_ms: number | null;
  /** The library's code fetched before the first answer (JS, WASM and other files), bytes. */
  library_bytes: number | null;
  /** The model: its files' sizes (or the cold-start model bytes), bytes. */
  model_bytes: number | null;
  /** Model bytes that crossed the network (0: all from a cache). */
  model_transfer_bytes: number | null;
  wasm_heap_peak_bytes: number | null;
  gpu_peak_bytes: number | null;
}

export const CASE_FIGURE_COLUMNS = [
  'first_answer_ms',
  'library_bytes',
  'model_bytes',
  'model_transfer_bytes',
  'wasm_heap_peak_bytes',
  'gpu_peak_bytes',
] as const satisfies readonly (keyof CaseFigures)[];

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
  };
}

/** Runs read per page. */
const BACKFILL_PAGE = 200;

const anyFigure = sql.join(
  CASE_FIGURE_COLUMNS.map((column) => sql`c.${sql.ref(column)} is not null`),
  sql` or `,
);

/** Fills the figure columns of cases stored before them (migration 011). */
export async function backfillCaseFigures(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    // Only records that mention the figures at all are read; the members' names are quoted in JSON.
    const { rows } = await sql<{ id: string; record: string }>`
      select r.id, r.record from runs r
      where r.id > ${after}
        and (r.record like ${'%"coldStart"%'} or r.record like ${'%"memory"%'} or r.record like ${'%"modelFiles"%'})
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
        if (CASE_FIGURE_COLUMNS.some((k) => figures[k] !== null))
          updates.push({ runId: row.id, idx, figures });
      });
    }
    const write = async (trx: Kysely<unknown>) => {
      for (const { runId, idx, figures } of updates) {
        const sets = sql.join(CASE_FIGURE_COLUMNS.map((k) => sql`${sql.ref(k)} = ${figures[k]}`));
        await sql`update cases set ${sets} where run_id = ${runId} and idx = ${idx}`.execute(trx);
      }
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
    after = last.id;
  }
}
