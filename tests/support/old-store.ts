/**
 * A store as an older version of the server left it, for the tests of migrations and their
 * backfills: migrated up to a named migration, holding runs whose rows are what the ingest writes
 * now less what that version did not have — columns added by a later migration are left out, and
 * columns whose backfill has not run yet are null (what the fill must then put there).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StoreTarget } from '../../server/store/database.ts';
import { currentSchema, FIGURES_010, migrateToLatest } from '../../server/store/migrations.ts';
import { runRows } from '../../server/store/run-rows.ts';
import type { Database } from '../../server/store/schema.ts';
import type { Run } from '../../src/schema/run.ts';

/** A Kysely of its own on the store, without the server's migrations or writers. */
export function openDirect(target: StoreTarget): Kysely<Database> {
  return target.dialect === 'sqlite'
    ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(target.target) }) })
    : new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.target }) }),
      });
}

/**
 * The columns a run's rows gained after migration 001: the migration that added them (its number)
 * and the one that fills them for stored runs (none: runs stored before keep what the ingest writes,
 * e.g. null). Add a line with each migration that adds a column to `runs` or `cases`.
 */
const LATER_COLUMNS: {
  table: 'runs' | 'cases';
  columns: readonly string[];
  added: string;
  filled?: string;
}[] = [
  { table: 'cases', columns: ['visibility_lost'], added: '004' },
  { table: 'runs', columns: ['engine'], added: '005', filled: '006' },
  { table: 'runs', columns: ['score_version', 'score_cpu', 'score_gpu'], added: '007', filled: '008' },
  { table: 'runs', columns: ['delete_token_sha256'], added: '009' },
  {
    table: 'cases',
    columns: FIGURES_010,
    added: '010',
    filled: '011',
  },
  { table: 'runs', columns: ['visit'], added: '012', filled: '013' },
  { table: 'cases', columns: ['page_bytes'], added: '012', filled: '013' },
];

/** A row as the version up to migration `upTo` wrote it. */
function asOf<T extends object>(table: 'runs' | 'cases', upTo: string, row: T): T {
  const version = upTo.slice(0, 3);
  const out = { ...row } as Record<string, unknown>;
  for (const later of LATER_COLUMNS) {
    if (later.table !== table) continue;
    for (const column of later.columns) {
      if (version < later.added) delete out[column];
      else if (later.filled && version < later.filled) out[column] = null;
    }
  }
  return out as T;
}

/**
 * Makes the store at `target` as migration `upTo` (its full name) left it, holding `stored` (each
 * run's `raw` record is what the store holds as sent); `prepare` may change it before it closes.
 */
export async function oldStore(
  target: StoreTarget,
  upTo: string,
  stored: readonly { run: Run; raw: string }[],
  prepare?: (db: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const db = openDirect(target);
  try {
    const plain = db as Kysely<unknown>;
    await migrateToLatest(
      plain,
      target.dialect === 'postgres' ? await currentSchema(plain) : undefined,
      upTo,
    );
    for (const { run, raw } of stored) {
      const rows = runRows(run, raw, new Date());
      await db
        .insertInto('runs')
        .values(asOf('runs', upTo, rows.runRow))
        .execute();
      if (rows.caseRows.length)
        await db
          .insertInto('cases')
          .values(rows.caseRows.map((c) => asOf('cases', upTo, c)))
          .execute();
    }
    await prepare?.(db);
  } finally {
    await db.destroy();
  }
}
