/**
 * Opens the store named by DATABASE_URL: a SQLite file by default (`./data/atlas.db`, or
 * `sqlite:/path/file.db`), PostgreSQL for `postgres://…`. SQLite runs in WAL mode; a commit there
 * survives a killed process (synchronous=NORMAL keeps committed transactions in the WAL).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { currentSchema, migrateToLatest } from './migrations.ts';
import { postgresRunWriter } from './postgres-writer.ts';
import { type RunWriter, sqliteRunWriter } from './run-writer.ts';
import type { Database } from './schema.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, without credentials (for logs). */
  location: string;
  /** Stores runs atomically and idempotently (the dialect's fastest way). */
  writer: RunWriter;
  close(): Promise<void>;
}

export interface StoreTarget {
  dialect: Dialect;
  /** File path (sqlite) or connection string (postgres). */
  target: string;
}

/** Reads DATABASE_URL (or its absence) into a dialect and target; throws for anything else. */
export function parseDatabaseUrl(url: string | undefined, defaultFile: string): StoreTarget {
  if (!url) return { dialect: 'sqlite', target: defaultFile };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:./data/atlas.db');
    return { dialect: 'sqlite', target: path === ':memory:' ? path : resolve(path) };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return 'postgres://…';
  }
}

export async function openStore(target: StoreTarget): Promise<Store> {
  let db: Kysely<Database>;
  let makeWriter: () => RunWriter;
  let stopCheckpoints = async () => {};
  if (target.dialect === 'sqlite') {
    if (target.target !== ':memory:') mkdirSync(dirname(target.target), { recursive: true });
    const sqlite = new BetterSqlite3(target.target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    makeWriter = () => sqliteRunWriter(sqlite, db);
    if (target.target !== ':memory:') {
      const checkpointer = startCheckpointer(sqlite, target.target);
      stopCheckpoints = () => checkpointer.stop();
    }
  } else {
    const pool = new pg.Pool({ connectionString: target.target, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    makeWriter = () => postgresRunWriter(db);
  }
  const plain = db as Kysely<unknown>;
  await migrateToLatest(plain, target.dialect === 'postgres' ? await currentSchema(plain) : undefined);
  return {
    db,
    dialect: target.dialect,
    location: target.dialect === 'sqlite' ? target.target : redact(target.target),
    // After the migrations: the SQLite writer prepares statements on tables that must exist.
    writer: makeWriter(),
    close: async () => {
      await stopCheckpoints();
      await db.destroy();
    },
  };
}
