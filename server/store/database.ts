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

interface Connection {
  db: Kysely<Database>;
  /** The SQLite handle, for the group-commit writer (undefined on PostgreSQL). */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens the database without touching its schema. */
function connect(target: StoreTarget): Connection {
  if (target.dialect === 'sqlite') {
    if (target.target !== ':memory:') mkdirSync(dirname(target.target), { recursive: true });
    const sqlite = new BetterSqlite3(target.target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.target, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}

/** Applies the pending migrations and says which (by name, in order; empty when up to date). */
async function migrate(target: StoreTarget, db: Kysely<Database>): Promise<string[]> {
  const plain = db as Kysely<unknown>;
  return migrateToLatest(plain, target.dialect === 'postgres' ? await currentSchema(plain) : undefined);
}

/** `npm run db:migrate`: the migrations alone, without a server. */
export async function migrateStore(target: StoreTarget): Promise<{ applied: string[]; location: string }> {
  const connection = connect(target);
  try {
    return { applied: await migrate(target, connection.db), location: locationOf(target) };
  } finally {
    await connection.close();
  }
}

function locationOf(target: StoreTarget): string {
  return target.dialect === 'sqlite' ? target.target : redact(target.target);
}

export async function openStore(target: StoreTarget): Promise<Store> {
  const { db, sqlite, close } = connect(target);
  try {
    await migrate(target, db);
  } catch (error) {
    await close();
    throw error;
  }
  let stopCheckpoints = async () => {};
  if (sqlite && target.target !== ':memory:') {
    const checkpointer = startCheckpointer(sqlite, target.target);
    stopCheckpoints = () => checkpointer.stop();
  }
  return {
    db,
    dialect: target.dialect,
    location: locationOf(target),
    // After the migrations: the SQLite writer prepares statements on tables that must exist.
    writer: sqlite ? sqliteRunWriter(sqlite, db) : postgresRunWriter(db),
    close: async () => {
      await stopCheckpoints();
      await close();
    },
  };
}
