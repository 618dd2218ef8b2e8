/**
 * Throwaway stores for the server benchmarks: a SQLite file in a temp folder, or a PostgreSQL
 * database (or, without CREATEDB, a schema via `search_path`) that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export function isPostgresUrl(url: string | undefined): url is string {
  return /^postgres(ql)?:\/\//.test(url ?? '');
}

/** The same server and credentials, with every table name resolved in `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

export interface TempStore {
  /** DATABASE_URL for the server. */
  url: string;
  label: string;
  drop(): Promise<void>;
}

export function tempSqlite(): TempStore & { file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const file = join(dir, 'atlas.db');
  return {
    url: `sqlite:${file}`,
    file,
    label: `sqlite ${file}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresQuery(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

/**
 * Makes sure `database` exists on the server `baseUrl` points at (CREATE DATABASE needs the
 * CREATEDB privilege) and returns a URL for it. Benchmark data lives in its own database so it
 * never shares one with the tests' schemas.
 */
export async function ensurePostgresDatabase(baseUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new Error(`database name "${database}" must be a plain identifier`);
  const { rows } = await postgresQuery(baseUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (!rows.length) {
    try {
      await postgresQuery(baseUrl, `CREATE DATABASE ${database}`);
    } catch (error) {
      throw new Error(
        `cannot create PostgreSQL database ${database} (${(error as Error).message}); create it, or grant CREATEDB`,
      );
    }
  }
  return withDatabase(baseUrl, database);
}

/**
 * A new, empty PostgreSQL store on the server `baseUrl` points at: a database of its own when the
 * role may create one (so nothing else in `baseUrl`'s database can disturb it), else a schema.
 */
export async function tempPostgres(baseUrl: string): Promise<TempStore> {
  const name = `atlas_bench_${randomBytes(5).toString('hex')}`;
  try {
    await postgresQuery(baseUrl, `CREATE DATABASE ${name}`);
    return {
      url: withDatabase(baseUrl, name),
      label: `postgres ${redactUrl(withDatabase(baseUrl, name))} (temporary database)`,
      drop: async () => {
        await postgresQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch {
    await postgresQuery(baseUrl, `CREATE SCHEMA ${name}`);
    return {
      url: withSearchPath(baseUrl, name),
      label: `postgres ${redactUrl(baseUrl)} schema ${name} (temporary)`,
      drop: async () => {
        await postgresQuery(baseUrl, `DROP SCHEMA IF EXISTS ${name} CASCADE`);
      },
    };
  }
}
