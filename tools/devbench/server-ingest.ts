/**
 * Ingest throughput: the server in its own process on a fresh store (rate limit off), autocannon
 * in this one posting valid runs — each with a new id spliced into one pre-serialised body — over
 * many connections. Reports runs stored per second, latency percentiles, non-2xx answers, the CPU
 * the server, this process and the whole machine used, and checks the store holds every run
 * answered 201.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../../server/store/database.ts';
import { bodyTemplate } from './server-records.ts';
import { spawnServer, stubDistDir } from './server-spawn.ts';
import { isPostgresUrl, type TempStore, tempPostgres, tempSqlite } from './server-stores.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface IngestBenchOptions {
  kind: StoreKind;
  /** PostgreSQL server URL for kind postgres (a temporary database is made there). */
  postgresUrl?: string | undefined;
  durationS: number;
  warmupS: number;
  connections: number;
  cases: number;
  /** The server's LOG_LEVEL (npm start's default is info: a log line per request). */
  logLevel: string;
  /** Write a V8 CPU profile of the server here. */
  profileDir?: string | undefined;
}

export interface CpuShare {
  /** Cores busy on average (1 = one core fully). */
  server: number;
  loadGenerator: number;
  machine: number;
}

export interface IngestBenchResult {
  kind: StoreKind;
  store: string;
  bodyBytes: number;
  cases: number;
  connections: number;
  seconds: number;
  runsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  answered2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  storedRuns: number;
  storedCases: number;
  cpu: CpuShare;
  profile?: string | undefined;
  logFile: string;
}

const TICK = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

async function fire(url: string, options: IngestBenchOptions, durationS: number, body: () => string) {
  return autocannon({
    url,
    connections: options.connections,
    duration: durationS,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/runs',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          request.body = body();
          return request;
        },
      },
    ],
  });
}

export async function benchIngest(options: IngestBenchOptions): Promise<IngestBenchResult> {
  let temp: TempStore;
  if (options.kind === 'postgres') {
    if (!isPostgresUrl(options.postgresUrl)) throw new Error('the PostgreSQL pass needs a postgres:// URL');
    temp = await tempPostgres(options.postgresUrl);
  } else {
    temp = tempSqlite();
  }
  const logFile = join(tmpdir(), `atlas-bench-server-${options.kind}-${process.pid}.log`);
  const logFd = openSync(logFile, 'w');
  const distDir = stubDistDir();
  const template = bodyTemplate(options.cases);
  const body = () => template.head + randomUUID() + template.tail;
  try {
    const server = await spawnServer({
      databaseUrl: temp.url,
      distDir,
      stdout: logFd,
      env: { LOG_LEVEL: options.logLevel },
      nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
    });
    let stored = { runs: 0, cases: 0 };
    let warm2xx = 0;
    let result: autocannon.Result;
    let cpu: CpuShare;
    try {
      if (options.warmupS > 0) warm2xx = (await fire(server.url, options, options.warmupS, body))['2xx'];
      const pid = server.child.pid ?? 0;
      const t0 = performance.now();
      const s0 = processTicks(pid);
      const c0 = process.cpuUsage();
      const m0 = machineTicks();
      result = await fire(server.url, options, options.durationS, body);
      const wall = (performance.now() - t0) / 1000;
      const c1 = process.cpuUsage(c0);
      const m1 = machineTicks();
      cpu = {
        server: (processTicks(pid) - s0) / TICK / wall,
        loadGenerator: (c1.user + c1.system) / 1e6 / wall,
        machine: ((m1.busy - m0.busy) / (m1.total - m0.total)) * cpus().length,
      };
    } finally {
      await server.stop();
    }
    const store = await openStore(
      options.kind === 'sqlite'
        ? { dialect: 'sqlite', target: temp.url.slice('sqlite:'.length) }
        : { dialect: 'postgres', target: temp.url },
    );
    try {
      const runs = await store.db
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const cases = await store.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      stored = { runs: Number(runs.n), cases: Number(cases.n) };
    } finally {
      await store.close();
    }
    const statusCodes: Record<string, number> = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
      statusCodes[code] = stat.count ?? 0;
    // One profile per thread (tsx's module loader has its own); the server's is the biggest.
    const profile = options.profileDir
      ? readdirSync(options.profileDir)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${server.child.pid}.`))
          .map((f) => join(options.profileDir as string, f))
          .sort((a, b) => statSync(b).size - statSync(a).size)[0]
      : undefined;
    // autocannon stops counting at the deadline; the requests then in flight (one per connection
    // and phase) are still stored by the server's graceful close.
    const answered = warm2xx + result['2xx'];
    const inFlight = options.connections * (options.warmupS > 0 ? 2 : 1);
    if (stored.runs < answered || stored.runs > answered + inFlight)
      throw new Error(
        `the store holds ${stored.runs} runs but ${answered} were answered 2xx (+ ≤${inFlight} in flight)`,
      );
    return {
      kind: options.kind,
      store: temp.label,
      bodyBytes: template.bytes,
      cases: options.cases,
      connections: options.connections,
      seconds: result.duration,
      runsPerSecond: result['2xx'] / result.duration,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      answered2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
      storedRuns: stored.runs,
      storedCases: stored.cases,
      cpu,
      profile,
      logFile,
    };
  } finally {
    closeSync(logFd);
    rmSync(distDir, { recursive: true, force: true });
    await temp.drop();
  }
}
