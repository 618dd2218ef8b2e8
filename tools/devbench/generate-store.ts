/**
 * Makes a big store for the summary benchmark without going through HTTP: `--runs` synthetic
 * runs of `--cases` cases (default 50 000 × 20 = 1M cases) over the catalog's models, both
 * runtimes' backends and a dozen device groups, received over the last 90 days, written in large
 * batches — better-sqlite3 transactions for SQLite, `INSERT … SELECT unnest(…)` for PostgreSQL.
 * Rows are what the ingest would have stored (same derived device fields, hashes and records),
 * so every API route works on the result.
 *
 *   npm run bench:generate -- --sqlite data/bench/atlas-1m.db [--postgres URL [--database NAME] [--schema NAME]]
 *                             [--runs 50000] [--cases 20] [--seed 1] [--suite phone] [--force]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { openStore } from '../../server/store/database.ts';
import { runRows } from '../../server/store/run-rows.ts';
import type { CasesTable, RunsTable } from '../../server/store/schema.ts';
import { syntheticPhoneRun } from './phone-records.ts';
import { seededRandom, syntheticRun } from './server-records.ts';
import { ensurePostgresDatabase, postgresQuery, redactUrl, withSearchPath } from './server-stores.ts';

export interface GenerateOptions {
  runs: number;
  cases: number;
  seed: number;
  /** Runs per batch (one transaction / statement pair). */
  batch?: number;
  /** `phone`: every run is a scored phone-suite run (its cases decided by the suite); default: quick/full runs of `cases` cases. */
  suite?: 'mixed' | 'phone';
  log?: (line: string) => void;
}

export interface GenerateResult {
  runs: number;
  cases: number;
  seconds: number;
}

const DAY = 86_400_000;

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)] as string;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Batches of rows, generated lazily so memory stays flat. */
function* batches(options: GenerateOptions) {
  const rand = seededRandom(options.seed);
  const batch = options.batch ?? 1000;
  const end = Date.UTC(2026, 0, 1);
  const start = end - 90 * DAY;
  const step = (end - start) / options.runs;
  for (let first = 0; first < options.runs; first += batch) {
    const runs: Insertable<RunsTable>[] = [];
    const cases: Insertable<CasesTable>[] = [];
    for (let i = first; i < Math.min(first + batch, options.runs); i++) {
      const received = start + i * step + rand() * step;
      const make = options.suite === 'phone' ? syntheticPhoneRun : syntheticRun;
      const run = make(rand, {
        id: uuidFrom(rand),
        createdAt: new Date(received - 60_000 - rand() * 600_000).toISOString(),
        cases: options.cases,
      });
      // Exactly the rows the ingest stores.
      const rows = runRows(run, JSON.stringify(run), new Date(received));
      runs.push(rows.runRow);
      for (const c of rows.caseRows) cases.push(c);
    }
    yield { runs, cases, done: first + runs.length };
  }
}

function progress(options: GenerateOptions, done: number, started: number): void {
  if (done % 10_000 === 0 || done === options.runs)
    options.log?.(`  ${done}/${options.runs} runs (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

/** Writes a new SQLite store at `file` (it must not exist). */
export async function generateSqlite(file: string, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  mkdirSync(dirname(file), { recursive: true });
  const store = await openStore({ dialect: 'sqlite', target: file });
  await store.close();
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    const columns = (table: string) =>
      (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const insert = (table: string) => {
      const cols = columns(table);
      return db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      );
    };
    const insertRun = insert('runs');
    const insertCase = insert('cases');
    const write = db.transaction((runs: Insertable<RunsTable>[], cases: Insertable<CasesTable>[]) => {
      for (const r of runs) insertRun.run(r);
      for (const c of cases) insertCase.run(c);
    });
    let cases = 0;
    for (const batch of batches(options)) {
      write(batch.runs, batch.cases);
      cases += batch.cases.length;
      progress(options, batch.done, started);
    }
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { runs: options.runs, cases, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

const PG_ARRAY_TYPES: Record<string, string> = {
  text: 'text[]',
  integer: 'integer[]',
  bigint: 'bigint[]',
  'double precision': 'double precision[]',
};

/** Writes a new PostgreSQL store in `schema` (created; it must not exist). */
export async function generatePostgres(
  baseUrl: string,
  schema: string,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  await postgresQuery(baseUrl, `CREATE SCHEMA ${schema}`);
  const url = withSearchPath(baseUrl, schema);
  const store = await openStore({ dialect: 'postgres', target: url });
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const statement = async (table: string) => {
      const { rows } = await client.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
        [schema, table],
      );
      const casts = rows.map((r, i) => {
        const type = PG_ARRAY_TYPES[r.data_type];
        if (!type) throw new Error(`no array type for ${table}.${r.column_name} (${r.data_type})`);
        return `$${i + 1}::${type}`;
      });
      const names = rows.map((r) => r.column_name);
      const text = `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
      return (items: readonly object[]) =>
        client.query(
          text,
          names.map((n) => items.map((item) => (item as Record<string, unknown>)[n] ?? null)),
        );
    };
    const insertRuns = await statement('runs');
    const insertCases = await statement('cases');
    let cases = 0;
    for (const batch of batches(options)) {
      await client.query('BEGIN');
      await insertRuns(batch.runs);
      await insertCases(batch.cases);
      await client.query('COMMIT');
      cases += batch.cases.length;
      progress(options, batch.done, started);
    }
    await client.query('ANALYZE runs');
    await client.query('ANALYZE cases');
    return { runs: options.runs, cases, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Whether `schema` exists and holds a runs table. */
export async function postgresStoreExists(baseUrl: string, schema: string): Promise<boolean> {
  const { rows } = await postgresQuery(
    baseUrl,
    "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'runs'",
    [schema],
  );
  return rows.length > 0;
}

export const DEFAULT_SQLITE_FILE = 'data/bench/atlas-1m.db';
/** Its own database, so the big store never sits beside the tests' schemas. */
export const DEFAULT_PG_DATABASE = 'atlas_bench';
export const DEFAULT_PG_SCHEMA = 'bench_1m';

const USAGE = `usage: npm run bench:generate -- [flags]
  --sqlite FILE     SQLite file to create (default ${DEFAULT_SQLITE_FILE}; "none" to skip)
  --postgres URL    also make a PostgreSQL store on that server (default: DATABASE_URL if postgres://)
  --database NAME   PostgreSQL database to put it in, created if missing (default ${DEFAULT_PG_DATABASE})
  --schema NAME     PostgreSQL schema to create there (default ${DEFAULT_PG_SCHEMA})
  --runs N          runs to make (default 50000)
  --cases N         cases per run (default 20)
  --seed N          seed of the random data (default 1)
  --suite phone     make every run a scored phone-suite run (26 cases each; --cases is ignored)
  --force           replace an existing store`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'string', default: DEFAULT_SQLITE_FILE },
      postgres: { type: 'string' },
      database: { type: 'string', default: DEFAULT_PG_DATABASE },
      schema: { type: 'string', default: DEFAULT_PG_SCHEMA },
      runs: { type: 'string', default: '50000' },
      cases: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      suite: { type: 'string', default: 'mixed' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: GenerateOptions = {
    runs: Number(values.runs),
    cases: Number(values.cases),
    seed: Number(values.seed),
    suite: values.suite === 'phone' ? 'phone' : 'mixed',
    log: (line) => console.log(line),
  };
  for (const [name, n] of [
    ['--runs', options.runs],
    ['--cases', options.cases],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  }
  if (values.suite !== 'phone' && values.suite !== 'mixed') throw new Error('--suite must be phone or mixed');
  if (!/^[a-z_][a-z0-9_]*$/.test(values.schema))
    throw new Error('--schema must be a plain lower-case identifier');
  const pgUrl =
    values.postgres ??
    (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined);

  const shape = options.suite === 'phone' ? 'the phone suite' : `${options.cases} cases`;
  if (values.sqlite !== 'none') {
    const file = resolve(values.sqlite);
    if (existsSync(file)) {
      if (!values.force) throw new Error(`${file} exists; --force replaces it`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
    console.log(`SQLite ${file}: ${options.runs} runs × ${shape}`);
    const made = await generateSqlite(file, options);
    console.log(`SQLite: ${made.runs} runs, ${made.cases} cases in ${made.seconds.toFixed(1)} s`);
  }
  if (pgUrl) {
    const dbUrl = await ensurePostgresDatabase(pgUrl, values.database);
    if (await postgresStoreExists(dbUrl, values.schema)) {
      if (!values.force)
        throw new Error(`schema ${values.schema} exists in ${values.database}; --force replaces it`);
    }
    await postgresQuery(dbUrl, `DROP SCHEMA IF EXISTS ${values.schema} CASCADE`);
    console.log(`PostgreSQL ${redactUrl(dbUrl)} schema ${values.schema}: ${options.runs} runs × ${shape}`);
    const made = await generatePostgres(dbUrl, values.schema, options);
    console.log(`PostgreSQL: ${made.runs} runs, ${made.cases} cases in ${made.seconds.toFixed(1)} s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
