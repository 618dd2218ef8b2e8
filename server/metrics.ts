/**
 * `GET /metrics` in the Prometheus text format (prom-client, a registry per app): posts to
 * `/api/runs` by status, their latency as a histogram, the runs and cases stored, and the age of
 * the in-memory summary. Who may read it: anyone with `Authorization: Bearer <METRICS_TOKEN>`
 * when that is set; without a token only a client on this machine that did not come through a
 * proxy (loopback peer, no forwarding header) — never the open internet.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiError } from '../src/schema/api.ts';
import type { Store } from './store/database.ts';

const INGEST_ROUTE = '/api/runs';

export interface MetricsOptions {
  store: Store;
  /** When the summary was last loaded from, or checked against, the store (ms since the epoch). */
  summaryCheckedAt: () => number;
  /** METRICS_TOKEN: the bearer token scrapers send; unset → loopback only. */
  token?: string | undefined;
}

export interface Metrics {
  /** Counts one answered request (only ingest posts are counted). */
  observe(request: FastifyRequest, reply: FastifyReply): void;
  routes(app: FastifyInstance): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function sameToken(sent: string, token: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why this request may not read the metrics (status and answer), or undefined when it may. */
function refusal(request: FastifyRequest, token: string | undefined): [number, ApiError] | undefined {
  if (token !== undefined) {
    const header = request.headers.authorization ?? '';
    const sent = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    return sameToken(sent, token)
      ? undefined
      : [401, { error: 'send Authorization: Bearer <METRICS_TOKEN>' }];
  }
  const local =
    LOOPBACK.test(request.ip) && FORWARDING_HEADERS.every((h) => request.headers[h] === undefined);
  return local
    ? undefined
    : [403, { error: 'metrics are served to this machine only unless METRICS_TOKEN is set' }];
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const posts = new Counter({
    name: 'atlas_ingest_posts_total',
    help: 'POST /api/runs answered, by HTTP status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'atlas_ingest_duration_seconds',
    help: 'Time to answer POST /api/runs (parse, validate, store), seconds',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const count = (table: 'runs' | 'cases') => async () =>
    Number(
      (
        await options.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countRuns = count('runs');
  const countCases = count('cases');
  new Gauge({
    name: 'atlas_runs_stored',
    help: 'Runs in the store',
    registers: [registry],
    async collect() {
      this.set(await countRuns());
    },
  });
  new Gauge({
    name: 'atlas_cases_stored',
    help: 'Cases in the store',
    registers: [registry],
    async collect() {
      this.set(await countCases());
    },
  });
  new Gauge({
    name: 'atlas_summary_age_seconds',
    help: 'Seconds since the in-memory summary was last loaded from or checked against the store',
    registers: [registry],
    collect() {
      this.set((Date.now() - options.summaryCheckedAt()) / 1000);
    },
  });

  return {
    observe(request, reply) {
      if (request.method !== 'POST' || request.routeOptions.url !== INGEST_ROUTE) return;
      posts.inc({ status: String(reply.statusCode) });
      latency.observe(reply.elapsedTime / 1000);
    },
    async routes(app) {
      app.get('/metrics', async (request, reply) => {
        const refused = refusal(request, options.token);
        if (refused) return reply.code(refused[0]).send(refused[1]);
        const text = await registry.metrics();
        return reply.type(registry.contentType).header('Cache-Control', 'no-store').send(text);
      });
    },
  };
}
