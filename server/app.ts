/**
 * The server as a Fastify instance: the built page (dist/) and the model files (public/models/,
 * at /models/, where `npm run models` puts them — the build does not copy them) with cross-origin
 * isolation headers, `/dashboard`, `/runs/:id`, and the `/api` of the contract over a store.
 * `server/main.ts` only starts it; tests use `inject()` with no port.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { ApiError } from '../src/schema/api.ts';
import type { RateLimitConfig, TrustProxy } from './config.ts';
import { API_HEADERS, PAGE_HEADERS } from './headers.ts';
import { createBodyChecker } from './ingest/pool.ts';
import { createMetrics } from './metrics.ts';
import { compareRoutes } from './routes/compare.ts';
import { deleteRoutes } from './routes/delete.ts';
import { exportRoutes } from './routes/export.ts';
import { ingestRoutes, MAX_BODY_BYTES } from './routes/ingest.ts';
import { pageRoutes } from './routes/pages.ts';
import { readRoutes } from './routes/read.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import type { Store } from './store/database.ts';
import { LiveSummary } from './store/summary.ts';

export interface AppOptions {
  /** Folder of the production build; without one only the API is served. */
  distDir?: string | undefined;
  /** Folder of the model files, served at /models/ (`npm run models` fills public/models/). */
  modelsDir?: string | undefined;
  store: Store;
  rateLimit: RateLimitConfig;
  ipHashSalt: string;
  logger?: FastifyServerOptions['logger'];
  https?: { key: string; cert: string } | undefined;
  /** Worker threads that parse and validate posted runs (default 0: on the request thread). */
  ingestWorkers?: number | undefined;
  /** Whose X-Forwarded-For gives `request.ip` (TRUST_PROXY; default false: the socket's peer). */
  trustProxy?: TrustProxy | undefined;
  /** Bearer token for /metrics (METRICS_TOKEN); without one it answers this machine only. */
  metricsToken?: string | undefined;
}

/** Fastify's own 4xx errors, said the way the contract says them. */
function apiError(error: FastifyError): { status: number; body: ApiError } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: `the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return { status: 415, body: { error: 'send the run as application/json' } };
    default: {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      return { status, body: { error: status === 500 ? 'internal error' : error.message } };
    }
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // One access-log line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    // The client address (only ever hashed, for the rate limit) is the socket's peer unless
    // TRUST_PROXY names the proxies whose X-Forwarded-For is believed: trusting everyone's
    // would let any client pick a new address, and so a new rate-limit bucket, per post.
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);
  const summary = new LiveSummary(options.store);
  const checker = createBodyChecker(options.ingestWorkers ?? 0, (error) =>
    app.log.warn({ err: error }, 'an ingest worker failed; its bodies are checked on the request thread'),
  );
  app.addHook('onClose', () => checker.close());

  const metrics = createMetrics({
    store: options.store,
    summaryCheckedAt: () => summary.checkedAt,
    token: options.metricsToken,
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request, reply);
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.headers(request.url.startsWith('/api/') ? API_HEADERS : PAGE_HEADERS);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = apiError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `nothing at ${request.url.slice(0, 200)}` } satisfies ApiError),
  );

  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'DELETE'] });
  await app.register(ingestRoutes, {
    store: options.store,
    rateLimit: options.rateLimit,
    ipHashSalt: options.ipHashSalt,
    onStored: (rows) => summary.add(rows.runRow, rows.caseRows),
    checker,
  });
  await app.register(readRoutes, { store: options.store, summary });
  await app.register(scenarioRoutes, { store: options.store });
  await app.register(exportRoutes, { store: options.store });
  await app.register(compareRoutes, { store: options.store });
  await app.register(deleteRoutes, { store: options.store, onDeleted: () => summary.removed() });
  await app.register(metrics.routes);

  if (options.modelsDir) {
    // Model files keep their names when they change (a new package version): always revalidated.
    await app.register(fastifyStatic, {
      root: options.modelsDir,
      prefix: '/models/',
      decorateReply: false,
      setHeaders: (res) => res.header('Cache-Control', 'no-cache'),
    });
  }
  if (options.distDir) {
    const { distDir } = options;
    if (!existsSync(join(distDir, 'index.html')))
      throw new Error(`no build at ${distDir}; run \`npm run build\` first`);
    const assets = join(distDir, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: distDir,
      // Hashed build assets never change; everything else (HTML) is revalidated.
      setHeaders(res, path) {
        res.header(
          'Cache-Control',
          path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    await app.register(pageRoutes);
  }
  return app;
}
