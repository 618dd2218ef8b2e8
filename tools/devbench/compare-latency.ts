/**
 * `GET /api/compare` and `GET /api/scores` latency on a big store, over HTTP to the server in its
 * own process: one run of each device group (their comparisons rest on different numbers of
 * similar runs), each asked `--requests` times round-robin after one warm-up request each.
 * Make the store first with `npm run bench:generate -- --suite phone --runs 20000 --sqlite FILE`
 * (and `--postgres URL` for PostgreSQL).
 *
 *   npm run bench:compare-api -- --sqlite FILE [--postgres URL --database NAME --schema NAME] [--requests 100]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, type StoreTarget } from '../../server/store/database.ts';
import { DEFAULT_PG_DATABASE } from './generate-store.ts';
import { spawnServer } from './server-spawn.ts';
import { isPostgresUrl, redactUrl, withDatabase, withSearchPath } from './server-stores.ts';

interface Sample {
  id: string;
  deviceGroup: string;
  /** Other runs on similar devices the comparison read. */
  similarRuns: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

/** One run (the smallest id) of each real device group with a score. */
async function samples(target: StoreTarget): Promise<{ runs: number; scored: number; picks: Sample[] }> {
  const store = await openStore(target);
  try {
    const count = await store.db
      .selectFrom('runs')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.count<number | string>('score_version').as('s'),
      ])
      .executeTakeFirstOrThrow();
    const rows = await store.db
      .selectFrom('runs')
      .select(['device_group', (eb) => eb.fn.min('id').as('id')])
      .where('score_cpu', 'is not', null)
      .where('emulated', '=', 0)
      .groupBy('device_group')
      .execute();
    return {
      runs: Number(count.n),
      scored: Number(count.s),
      picks: rows.map((r) => ({ id: String(r.id), deviceGroup: r.device_group, similarRuns: 0 })),
    };
  } finally {
    await store.close();
  }
}

async function timed(url: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url);
  const body: unknown = await response.json();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms: elapsed, body };
}

async function bench(
  label: string,
  databaseUrl: string,
  target: StoreTarget,
  requests: number,
): Promise<void> {
  const { runs, scored, picks } = await samples(target);
  if (picks.length === 0) throw new Error(`${label}: no scored run (make the store with --suite phone)`);
  const server = await spawnServer({ databaseUrl, timeoutMs: 120_000 });
  try {
    for (const pick of picks) {
      const { body } = await timed(`${server.url}/api/compare?run=${pick.id}`);
      pick.similarRuns = (body as { similar: { runs: number } }).similar.runs;
    }
    const times: number[] = [];
    const perGroup = new Map<string, number[]>();
    for (let i = 0; i < requests; i++) {
      const pick = picks[i % picks.length] as Sample;
      const { ms: t } = await timed(`${server.url}/api/compare?run=${pick.id}`);
      times.push(t);
      perGroup.set(pick.deviceGroup, [...(perGroup.get(pick.deviceGroup) ?? []), t]);
    }
    const scores: number[] = [];
    for (let i = 0; i < Math.min(20, requests); i++)
      scores.push((await timed(`${server.url}/api/scores`)).ms);
    times.sort((a, b) => a - b);
    scores.sort((a, b) => a - b);
    console.log(
      `${label}: ${runs} runs, ${scored} with a score version; ${picks.length} device groups sampled`,
    );
    console.log(
      `  /api/compare: p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, max ${ms(times.at(-1) as number)} (n=${times.length})`,
    );
    for (const pick of picks) {
      const t = (perGroup.get(pick.deviceGroup) ?? []).sort((a, b) => a - b);
      if (t.length)
        console.log(
          `    ${pick.deviceGroup}: median ${ms(quantile(t, 0.5))} (${pick.similarRuns} similar runs)`,
        );
    }
    console.log(
      `  /api/scores:  p50 ${ms(quantile(scores, 0.5))}, max ${ms(scores.at(-1) as number)} (n=${scores.length})`,
    );
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'string' },
      postgres: { type: 'string' },
      database: { type: 'string', default: DEFAULT_PG_DATABASE },
      schema: { type: 'string' },
      requests: { type: 'string', default: '100' },
    },
  });
  const requests = Number(values.requests);
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests must be a positive integer');
  if (!values.sqlite && !values.postgres)
    throw new Error('give --sqlite FILE and/or --postgres URL --schema NAME');
  if (values.sqlite) {
    const file = resolve(values.sqlite);
    if (!existsSync(file)) throw new Error(`${file} does not exist: make it with npm run bench:generate`);
    await bench(`SQLite ${file}`, `sqlite:${file}`, { dialect: 'sqlite', target: file }, requests);
  }
  if (values.postgres) {
    if (!isPostgresUrl(values.postgres) || !values.schema)
      throw new Error('--postgres needs a postgres:// URL and --schema');
    const url = withSearchPath(withDatabase(values.postgres, values.database), values.schema);
    await bench(`PostgreSQL ${redactUrl(url)}`, url, { dialect: 'postgres', target: url }, requests);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
