/**
 * Server benchmarks, on SQLite and (when DATABASE_URL is postgres://) PostgreSQL:
 *
 *   npm run bench:server  -- [--duration 10] [--connections 32] [--cases 20] [--log-level info] [--profile DIR]
 *   npm run bench:summary -- [--sqlite FILE] [--schema NAME] [--requests 50] [--uncached 20]
 *
 * `ingest` (bench:server) posts valid runs with autocannon and reports runs/s and latency;
 * `summary` (bench:summary) times /api/summary on a 1M-case store, cached and uncached.
 * Both take --store sqlite,postgres to choose stores and --json for machine-readable output.
 */
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PG_DATABASE, DEFAULT_PG_SCHEMA, DEFAULT_SQLITE_FILE } from './generate-store.ts';
import { benchIngest, type IngestBenchResult, type StoreKind } from './server-ingest.ts';
import { formatProfile, summarizeProfile } from './server-profile.ts';
import { isPostgresUrl } from './server-stores.ts';
import { benchSummary, type SummaryBenchResult } from './server-summary.ts';

const USAGE = `usage: tsx tools/devbench/server.ts ingest|summary [flags]
common:
  --store sqlite,postgres   stores to bench (default: sqlite, plus postgres when DATABASE_URL is postgres://)
  --json                    print results as JSON
ingest (npm run bench:server):
  --duration S      seconds of load (default 10)      --warmup S       seconds before measuring (default 2)
  --connections N   concurrent connections (default 32)
  --cases N         cases per posted run (default 20)
  --log-level L     the server's LOG_LEVEL (default info, as npm start)
  --profile DIR     write the server's CPU profile there and print where the time went
summary (npm run bench:summary):
  --sqlite FILE     store to use, generated if missing (default ${DEFAULT_SQLITE_FILE})
  --database NAME   PostgreSQL database holding it, created if missing (default ${DEFAULT_PG_DATABASE})
  --schema NAME     PostgreSQL schema to use, generated if missing (default ${DEFAULT_PG_SCHEMA})
  --requests N      cached requests to time (default 50)
  --uncached N      requests to time each after an ingest (default 20)
  --runs N --generate-cases N --seed N   size of a generated store (default 50000 × 20, seed 1)`;

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

function printIngest(r: IngestBenchResult): void {
  console.log(
    [
      `${r.kind}: ${r.runsPerSecond.toFixed(0)} runs/s (${r.cases}-case runs, ${(r.bodyBytes / 1024).toFixed(1)} KiB each, ${r.connections} connections, ${r.seconds.toFixed(1)} s)`,
      `  latency p50 ${ms(r.latencyMs.p50)}, p90 ${ms(r.latencyMs.p90)}, p99 ${ms(r.latencyMs.p99)}, max ${ms(r.latencyMs.max)}`,
      `  answers: ${r.answered2xx} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts ${JSON.stringify(r.statusCodes)}`,
      `  stored: ${r.storedRuns} runs, ${r.storedCases} cases (warm-up included)`,
      `  CPU (cores busy): server ${r.cpu.server.toFixed(2)}, autocannon ${r.cpu.loadGenerator.toFixed(2)}, whole machine ${r.cpu.machine.toFixed(2)} of ${cpus().length}`,
      `  store: ${r.store}; server log: ${r.logFile}`,
    ].join('\n'),
  );
  if (r.profile) {
    console.log(`  CPU profile: ${r.profile}`);
    console.log(
      formatProfile(summarizeProfile(r.profile, 20))
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
}

function printSummary(r: SummaryBenchResult): void {
  const p = (x: SummaryBenchResult['cachedMs']) =>
    `p50 ${ms(x.p50)}, p95 ${ms(x.p95)}, max ${ms(x.max)} (n=${x.n})`;
  console.log(
    [
      `${r.kind}: /api/summary over ${r.runs} runs, ${r.cases} cases → ${r.groups} groups, ${(r.responseBytes / 1024).toFixed(0)} KiB`,
      `  first request after start: ${ms(r.firstMs)}`,
      `  cached:   ${p(r.cachedMs)}`,
      `  uncached: ${p(r.uncachedMs)}  (a run ingested before each)`,
      `  /healthz sent 20 ms into an uncached summary: ${p(r.healthzDuringRecomputeMs)}`,
      `  in-process: loading the index (${r.breakdownMs.runs} runs) ${ms(r.breakdownMs.load)}, first JSON ${ms(r.breakdownMs.firstJson)}, JSON after one ingest ${ms(r.breakdownMs.afterIngest)}`,
      `  goal p95 < 100 ms: cached ${r.cachedMs.p95 < 100 ? 'met' : 'MISSED'}, uncached ${r.uncachedMs.p95 < 100 ? 'met' : 'MISSED'}`,
      `  store: ${r.store}`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      cases: { type: 'string', default: '20' },
      'log-level': { type: 'string', default: 'info' },
      profile: { type: 'string' },
      sqlite: { type: 'string', default: DEFAULT_SQLITE_FILE },
      database: { type: 'string', default: DEFAULT_PG_DATABASE },
      schema: { type: 'string', default: DEFAULT_PG_SCHEMA },
      requests: { type: 'string', default: '50' },
      uncached: { type: 'string', default: '20' },
      runs: { type: 'string', default: '50000' },
      'generate-cases': { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'ingest' && command !== 'summary')) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const postgresUrl = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
  const kinds = (values.store ?? (postgresUrl ? 'sqlite,postgres' : 'sqlite'))
    .split(',')
    .map((s) => s.trim()) as StoreKind[];
  for (const kind of kinds) {
    if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`--store: unknown store "${kind}"`);
    if (kind === 'postgres' && !postgresUrl)
      throw new Error('--store postgres needs DATABASE_URL=postgres://…');
  }
  if (!postgresUrl && !values.json)
    console.log('(PostgreSQL pass skipped: DATABASE_URL is not a postgres:// URL)');

  const results: unknown[] = [];
  if (command === 'ingest') {
    const profileDir = values.profile ? resolve(values.profile) : undefined;
    for (const kind of kinds) {
      const dir = profileDir ? resolve(profileDir, kind) : undefined;
      if (dir) mkdirSync(dir, { recursive: true });
      const result = await benchIngest({
        kind,
        postgresUrl,
        durationS: positive('duration', values.duration),
        warmupS: positive('warmup', values.warmup),
        connections: positive('connections', values.connections),
        cases: positive('cases', values.cases),
        logLevel: values['log-level'],
        profileDir: dir,
      });
      results.push(result);
      if (!values.json) printIngest(result);
    }
  } else {
    for (const kind of kinds) {
      const result = await benchSummary({
        kind,
        sqliteFile: values.sqlite,
        postgresUrl,
        database: values.database,
        schema: values.schema,
        requests: positive('requests', values.requests),
        uncached: positive('uncached', values.uncached),
        generate: {
          runs: positive('runs', values.runs),
          cases: positive('generate-cases', values['generate-cases']),
          seed: positive('seed', values.seed),
        },
        log: values.json ? undefined : (line) => console.log(line),
      });
      results.push(result);
      if (!values.json) printSummary(result);
    }
  }
  if (values.json) console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
