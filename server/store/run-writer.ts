/**
 * Writing runs, atomically and idempotently on `id`: each run row with all its case rows and
 * scenario result rows, or nothing (a repeat writes none of them again). Two writers behind one interface, chosen when the store opens:
 *
 * - PostgreSQL: group commit too (`postgres-writer.ts`): runs that arrive while earlier batches
 *   are in flight go in one transaction; `kyselyRunWriter` below, one transaction per run, is
 *   what it falls back to when a batch fails.
 * - SQLite (one connection, synchronous): group commit. Runs that arrive in the same event-loop
 *   turn are written in one transaction (should it fail, each is retried in its own, so one
 *   bad run fails alone), with statements Kysely compiled once and better-sqlite3 keeps prepared.
 *   One commit per batch instead of per run is what lets a single core take thousands of runs
 *   per second; every run is still committed before its promise (and so its 201) resolves.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { type RunRows, type StoredRun, sameRun } from './run-rows.ts';
import type { Database } from './schema.ts';

export type IngestOutcome = 'created' | 'duplicate' | 'conflict';

export interface RunWriter {
  write(rows: RunRows): Promise<IngestOutcome>;
}

/** Case rows per INSERT statement (keeps every dialect under its bound-variable limit). */
const CASE_CHUNK = 400;

export function kyselyRunWriter(db: Kysely<Database>): RunWriter {
  return {
    write: (rows) =>
      db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('runs')
          .values(rows.runRow)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          const existing = await trx
            .selectFrom('runs')
            .select(['body_sha256', 'record'])
            .where('id', '=', rows.id)
            .executeTakeFirst();
          return existing && sameRun(existing, rows) ? 'duplicate' : 'conflict';
        }
        for (let i = 0; i < rows.caseRows.length; i += CASE_CHUNK) {
          await trx
            .insertInto('cases')
            .values(rows.caseRows.slice(i, i + CASE_CHUNK))
            .execute();
        }
        if (rows.scenarioRows.length)
          await trx.insertInto('scenario_results').values(rows.scenarioRows).execute();
        return 'created';
      }),
  };
}

/** A statement compiled by Kysely from a row, bound by the row's values in the same key order. */
interface RowStatement {
  keys: string[];
  statement: BetterSqlite3.Statement;
}

function rowStatement(
  sqlite: BetterSqlite3.Database,
  row: Record<string, unknown>,
  compile: (row: Record<string, unknown>) => { sql: string; parameters: readonly unknown[] },
): RowStatement {
  const keys = Object.keys(row);
  const compiled = compile(row);
  if (compiled.parameters.length !== keys.length)
    throw new Error(`expected ${keys.length} parameters in "${compiled.sql}"`);
  return { keys, statement: sqlite.prepare(compiled.sql) };
}

function bind(statement: RowStatement, row: Record<string, unknown>): unknown[] {
  return statement.keys.map((k) => row[k] ?? null);
}

interface Pending {
  rows: RunRows;
  resolve(outcome: IngestOutcome): void;
  reject(error: unknown): void;
}

export function sqliteRunWriter(sqlite: BetterSqlite3.Database, db: Kysely<Database>): RunWriter {
  let runStatement: RowStatement | undefined;
  let caseStatement: RowStatement | undefined;
  let scenarioStatement: RowStatement | undefined;
  const storedRun = sqlite.prepare(
    db.selectFrom('runs').select(['body_sha256', 'record']).where('id', '=', '?').compile().sql,
  );
  let pending: Pending[] = [];
  let scheduled = false;

  /** Writes one run; inside a transaction (batch) or as its own (`writeAlone`). */
  const writeOne = (rows: RunRows): IngestOutcome => {
    const runRow = rows.runRow as Record<string, unknown>;
    runStatement ??= rowStatement(sqlite, runRow, (r) =>
      db
        .insertInto('runs')
        .values(r as RunRows['runRow'])
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    );
    if (runStatement.statement.run(bind(runStatement, runRow)).changes === 0) {
      const existing = storedRun.get(rows.id) as StoredRun | undefined;
      return existing && sameRun(existing, rows) ? 'duplicate' : 'conflict';
    }
    for (const caseRow of rows.caseRows) {
      const row = caseRow as Record<string, unknown>;
      caseStatement ??= rowStatement(sqlite, row, (r) =>
        db
          .insertInto('cases')
          .values(r as RunRows['caseRows'][number])
          .compile(),
      );
      caseStatement.statement.run(bind(caseStatement, row));
    }
    for (const scenarioRow of rows.scenarioRows) {
      const row = scenarioRow as Record<string, unknown>;
      scenarioStatement ??= rowStatement(sqlite, row, (r) =>
        db
          .insertInto('scenario_results')
          .values(r as RunRows['scenarioRows'][number])
          .compile(),
      );
      scenarioStatement.statement.run(bind(scenarioStatement, row));
    }
    return 'created';
  };
  const writeAlone = sqlite.transaction(writeOne);
  const writeBatch = sqlite.transaction((batch: Pending[]) => batch.map((item) => writeOne(item.rows)));

  const flush = (): void => {
    // A Kysely transaction elsewhere holds the connection between its awaits: wait for it.
    if (sqlite.inTransaction) {
      setImmediate(flush);
      return;
    }
    scheduled = false;
    const batch = pending;
    pending = [];
    let outcomes: IngestOutcome[] | undefined;
    try {
      outcomes = writeBatch(batch);
    } catch {
      // Rolled back whole. Savepoints per run would avoid this but cost a third of the write
      // time, and a validated run almost never fails: write each alone to see which one did.
    }
    batch.forEach((item, i) => {
      if (outcomes) {
        item.resolve(outcomes[i] as IngestOutcome);
        return;
      }
      try {
        item.resolve(writeAlone(item.rows));
      } catch (error) {
        item.reject(error);
      }
    });
  };

  return {
    write(rows) {
      return new Promise<IngestOutcome>((resolve, reject) => {
        pending.push({ rows, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
