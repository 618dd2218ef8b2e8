/**
 * Group commit on PostgreSQL: runs posted close together are written in one transaction, with one
 * multi-row INSERT for their run rows, a few for their case rows and one for their scenario rows,
 * instead of a transaction and three round trips per run. Every run is committed before its
 * promise (and so its 201) resolves.
 *
 * - A batch is what arrived while the previous batches were in flight (at most `MAX_IN_FLIGHT`
 *   transactions at once, each on its own pooled connection), capped at `MAX_BATCH` runs.
 * - Should a batch fail, it rolled back whole and each of its runs is written again in its own
 *   transaction (the one-run writer), so one bad run fails alone, as with SQLite's group commit.
 * - Two posts of one id close together: the later waits until the batch holding the first is
 *   done, so it is told apart as a repeat (200) or a conflict (409) exactly as it would be alone.
 * - Rows are inserted in id order, so two servers' batches lock keys in one order (no deadlock).
 */
import type { Kysely } from 'kysely';
import { type RunRows, type StoredRun, sameRun } from './run-rows.ts';
import { type IngestOutcome, kyselyRunWriter, type RunWriter } from './run-writer.ts';
import type { Database } from './schema.ts';

/** Runs per transaction at most (their run rows stay far under PostgreSQL's 65 535 parameters). */
const MAX_BATCH = 256;
/** Transactions at once; the pool has ten connections, the rest serve reads. */
const MAX_IN_FLIGHT = 3;
/** Case rows per INSERT statement (30 columns each: under the parameter limit). */
const CASE_CHUNK = 1000;

interface Pending {
  rows: RunRows;
  resolve(outcome: IngestOutcome): void;
  reject(error: unknown): void;
}

/** Writes one batch in one transaction; the outcome of each run, in the batch's order. */
async function writeBatch(db: Kysely<Database>, batch: readonly Pending[]): Promise<IngestOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const sorted = [...batch].sort((a, b) => (a.rows.id < b.rows.id ? -1 : a.rows.id > b.rows.id ? 1 : 0));
    const inserted = new Set(
      (
        await trx
          .insertInto('runs')
          .values(sorted.map((p) => p.rows.runRow))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
    const repeated = sorted.filter((p) => !inserted.has(p.rows.id)).map((p) => p.rows.id);
    const existing = new Map<string, StoredRun>();
    if (repeated.length) {
      const rows = await trx
        .selectFrom('runs')
        .select(['id', 'body_sha256', 'record'])
        .where('id', 'in', repeated)
        .execute();
      for (const { id, ...stored } of rows) existing.set(id, stored);
    }
    const fresh = sorted.filter((p) => inserted.has(p.rows.id));
    const caseRows = fresh.flatMap((p) => p.rows.caseRows);
    for (let i = 0; i < caseRows.length; i += CASE_CHUNK)
      await trx
        .insertInto('cases')
        .values(caseRows.slice(i, i + CASE_CHUNK))
        .execute();
    const scenarioRows = fresh.flatMap((p) => p.rows.scenarioRows);
    if (scenarioRows.length) await trx.insertInto('scenario_results').values(scenarioRows).execute();
    return batch.map((p): IngestOutcome => {
      if (inserted.has(p.rows.id)) return 'created';
      const stored = existing.get(p.rows.id);
      return stored && sameRun(stored, p.rows) ? 'duplicate' : 'conflict';
    });
  });
}

export interface BatchingWriter extends RunWriter {
  /** Transactions committed or tried so far, and the runs they carried (for tests and benches). */
  readonly stats: { batches: number; runs: number };
}

export function postgresRunWriter(db: Kysely<Database>): BatchingWriter {
  const alone = kyselyRunWriter(db);
  const stats = { batches: 0, runs: 0 };
  let pending: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;
  /** Ids in a batch being written: another post of one waits for a later batch. */
  const writing = new Set<string>();

  const schedule = (): void => {
    if (scheduled || inFlight >= MAX_IN_FLIGHT || pending.length === 0) return;
    scheduled = true;
    // The next turn: every post whose body was checked in this one joins the batch.
    setImmediate(flush);
  };

  const flush = (): void => {
    scheduled = false;
    const batch: Pending[] = [];
    const later: Pending[] = [];
    for (const item of pending) {
      if (batch.length >= MAX_BATCH || writing.has(item.rows.id)) later.push(item);
      else {
        writing.add(item.rows.id);
        batch.push(item);
      }
    }
    pending = later;
    if (batch.length === 0) return;
    inFlight++;
    stats.batches++;
    stats.runs += batch.length;
    void writeBatch(db, batch)
      .then(
        (outcomes) => batch.forEach((item, i) => item.resolve(outcomes[i] as IngestOutcome)),
        // Rolled back whole: write each alone to find the one that fails.
        () =>
          Promise.all(
            batch.map((item) =>
              alone.write(item.rows).then(
                (outcome) => item.resolve(outcome),
                (error: unknown) => item.reject(error),
              ),
            ),
          ),
      )
      .finally(() => {
        inFlight--;
        for (const item of batch) writing.delete(item.rows.id);
        schedule();
      });
    schedule();
  };

  return {
    stats,
    write(rows) {
      return new Promise<IngestOutcome>((resolve, reject) => {
        pending.push({ rows, resolve, reject });
        schedule();
      });
    },
  };
}
