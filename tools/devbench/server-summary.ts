/**
 * `/api/summary` latency on a big store (by default the 1M-case one `generate-store.ts` makes,
 * generated first if missing): the first request after start (it waits for the index to load),
 * then cached requests, then uncached ones (a run is posted before each), all over HTTP to the
 * server in its own process. Then, in this process, where the time goes: loading the index, the
 * first JSON, and the JSON after one ingest.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type Store, type StoreTarget } from '../../server/store/database.ts';
import { runRows } from '../../server/store/run-rows.ts';
import { loadSummaryIndex } from '../../server/store/summary.ts';
import { median } from '../../src/measure/stats.ts';
import type { Summary } from '../../src/schema/api.ts';
import { validateRun } from '../../src/schema/run.ts';
import {
  DEFAULT_PG_DATABASE,
  DEFAULT_PG_SCHEMA,
  DEFAULT_SQLITE_FILE,
  generatePostgres,
  generateSqlite,
  postgresStoreExists,
} from './generate-store.ts';
import { bodyTemplate } from './server-records.ts';
import { spawnServer, stubDistDir } from './server-spawn.ts';
import { ensurePostgresDatabase, isPostgresUrl, redactUrl, withSearchPath } from './server-stores.ts';

export interface SummaryBenchOptions {
  kind: 'sqlite' | 'postgres';
  sqliteFile?: string | undefined;
  /** PostgreSQL server URL; the store is `schema` in `database` there. */
  postgresUrl?: string | undefined;
  database?: string | undefined;
  schema?: string | undefined;
  /** Cached requests to time. */
  requests: number;
  /** Uncached requests to time (each after an ingest). */
  uncached: number;
  /** Size of the store to generate when it is missing. */
  generate: { runs: number; cases: number; seed: number };
  log?: ((line: string) => void) | undefined;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface SummaryBenchResult {
  kind: 'sqlite' | 'postgres';
  store: string;
  runs: number;
  cases: number;
  groups: number;
  responseBytes: number;
  firstMs: number;
  cachedMs: Percentiles;
  uncachedMs: Percentiles;
  /** /healthz answered while an uncached summary was being computed: does it block the server? */
  healthzDuringRecomputeMs: Percentiles;
  /** In-process: loading the index at start, its first JSON, and the JSON after one ingest, ms. */
  breakdownMs: { load: number; runs: number; firstJson: number; afterIngest: number };
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

/**
 * Where the summary's time goes, in this process: loading the index from the store (once, at the
 * server's start), the first JSON of the whole index, and the JSON after one more run (what an
 * ingest costs the next request). Medians of `times` tries.
 */
async function breakdown(store: Store, times: number): Promise<SummaryBenchResult['breakdownMs']> {
  const samples: SummaryBenchResult['breakdownMs'][] = [];
  const template = bodyTemplate(20, 7);
  for (let i = 0; i < times; i++) {
    const [load, index] = await timed(() => loadSummaryIndex(store));
    const [firstJson] = await timed(async () => index.json());
    const run = validateRun(JSON.parse(template.head + randomUUID() + template.tail));
    if (!run.ok) throw new Error('the bench record is not valid');
    const rows = runRows(run.run, '', new Date());
    const [afterIngest] = await timed(async () => {
      index.add(rows.runRow, rows.caseRows);
      return index.json();
    });
    samples.push({ load, runs: index.runCount, firstJson, afterIngest });
  }
  const medianOf = (pick: (s: SummaryBenchResult['breakdownMs']) => number) => median(samples.map(pick));
  return {
    load: medianOf((s) => s.load),
    runs: medianOf((s) => s.runs),
    firstJson: medianOf((s) => s.firstJson),
    afterIngest: medianOf((s) => s.afterIngest),
  };
}

/** Makes sure the big store exists (generating it if not); returns the server's DATABASE_URL and a target. */
async function ensureStore(
  options: SummaryBenchOptions,
): Promise<{ url: string; target: StoreTarget; label: string }> {
  const log = options.log ?? (() => {});
  const gen = { ...options.generate, log };
  if (options.kind === 'sqlite') {
    const file = resolve(options.sqliteFile ?? DEFAULT_SQLITE_FILE);
    if (!existsSync(file)) {
      log(`generating ${file} (${gen.runs} runs × ${gen.cases} cases)…`);
      try {
        await generateSqlite(file, gen);
      } catch (error) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        throw error;
      }
    }
    return { url: `sqlite:${file}`, target: { dialect: 'sqlite', target: file }, label: `sqlite ${file}` };
  }
  if (!isPostgresUrl(options.postgresUrl)) throw new Error('the PostgreSQL pass needs a postgres:// URL');
  const schema = options.schema ?? DEFAULT_PG_SCHEMA;
  const dbUrl = await ensurePostgresDatabase(options.postgresUrl, options.database ?? DEFAULT_PG_DATABASE);
  if (!(await postgresStoreExists(dbUrl, schema))) {
    log(
      `generating PostgreSQL schema ${schema} in ${redactUrl(dbUrl)} (${gen.runs} runs × ${gen.cases} cases)…`,
    );
    await generatePostgres(dbUrl, schema, gen);
  }
  const url = withSearchPath(dbUrl, schema);
  return {
    url,
    target: { dialect: 'postgres', target: url },
    label: `postgres ${redactUrl(dbUrl)} schema ${schema}`,
  };
}

export async function benchSummary(options: SummaryBenchOptions): Promise<SummaryBenchResult> {
  const { url, target, label } = await ensureStore(options);
  const distDir = stubDistDir();
  const server = await spawnServer({ databaseUrl: url, distDir, timeoutMs: 120_000 });
  const template = bodyTemplate(20, 7);
  let summary: Summary | undefined;
  let responseBytes = 0;
  const getSummary = async () => {
    const res = await fetch(`${server.url}/api/summary`);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`/api/summary answered ${res.status}: ${text.slice(0, 200)}`);
    responseBytes = Buffer.byteLength(text);
    summary = JSON.parse(text) as Summary;
  };
  let firstMs: number;
  const cached: number[] = [];
  const uncached: number[] = [];
  const stalls: number[] = [];
  try {
    [firstMs] = await timed(getSummary);
    for (let i = 0; i < options.requests; i++) cached.push((await timed(getSummary))[0]);
    for (let i = 0; i < options.uncached; i++) {
      const res = await fetch(`${server.url}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: template.head + randomUUID() + template.tail,
      });
      if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      // While the summary is recomputed, how long does a cheap request (/healthz) wait?
      const computing = timed(getSummary);
      await new Promise((r) => setTimeout(r, 20));
      stalls.push((await timed(() => fetch(`${server.url}/healthz`).then((r) => r.text())))[0]);
      uncached.push((await computing)[0]);
    }
  } finally {
    await server.stop();
    rmSync(distDir, { recursive: true, force: true });
  }
  const store = await openStore(target);
  let parts: SummaryBenchResult['breakdownMs'];
  try {
    parts = await breakdown(store, 3);
  } finally {
    await store.close();
  }
  return {
    kind: options.kind,
    store: label,
    runs: summary?.totals.runs ?? 0,
    cases: summary?.totals.cases ?? 0,
    groups: summary?.groups.length ?? 0,
    responseBytes,
    firstMs,
    cachedMs: percentiles(cached),
    uncachedMs: percentiles(uncached),
    healthzDuringRecomputeMs: percentiles(stalls),
    breakdownMs: parts,
  };
}
