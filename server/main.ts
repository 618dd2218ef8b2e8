/**
 * Starts the server: opens the store (DATABASE_URL, default ./data/atlas.db), builds the app,
 * listens, and on SIGINT/SIGTERM stops accepting, finishes in-flight requests and closes the store.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';
import { openStore, parseDatabaseUrl, type Store } from './store/database.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_DATABASE_FILE = join(ROOT, 'data', 'atlas.db');
/** Where `npm run models` puts the model files; served at /models/. */
export const MODELS_DIR = join(ROOT, 'public', 'models');

/** Non-internal IPv4 addresses of this machine, for the LAN URLs a phone can open. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => (a as { address: string }).address);
}

export interface StartOptions {
  /** Install SIGINT/SIGTERM handlers for a graceful shutdown (default true). */
  handleSignals?: boolean;
  /** Overrides DATABASE_URL (e.g. `sqlite::memory:` for a throwaway store). */
  databaseUrl?: string;
  https?: { key: string; cert: string } | undefined;
  /** Serve the page from this build folder (default ./dist). */
  distDir?: string;
  /** Serve /models/ from this folder (default ./public/models, where `npm run models` puts them). */
  modelsDir?: string;
  /** Serve only the API: the page and its models live on a static host (docs/deploy.md). */
  apiOnly?: boolean;
  /** Overrides LOG_LEVEL (e.g. `warn` when the server only serves the CLI's own browser). */
  logLevel?: string;
  /** Overrides INGEST_WORKERS (0 when nothing will be posted to this server). */
  ingestWorkers?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** Stops accepting, waits for in-flight requests, closes the store. */
  close(): Promise<void>;
}

export async function startServer(
  port: number,
  host = '0.0.0.0',
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = configFromEnv();
  const store = await openStore(
    parseDatabaseUrl(options.databaseUrl ?? config.databaseUrl, DEFAULT_DATABASE_FILE),
  );
  let app: FastifyInstance;
  try {
    app = await buildApp({
      distDir: options.apiOnly ? undefined : (options.distDir ?? join(ROOT, 'dist')),
      modelsDir: options.apiOnly ? undefined : (options.modelsDir ?? MODELS_DIR),
      store,
      rateLimit: config.rateLimit,
      ipHashSalt: config.ipHashSalt,
      // Written through process.stdout (synchronous on Linux) rather than pino's own asynchronous
      // writer, so the server's lines keep their place among what `npm start` prints (its QR code).
      logger: { level: options.logLevel ?? config.logLevel, stream: process.stdout },
      https: options.https,
      ingestWorkers: options.ingestWorkers ?? config.ingestWorkers,
      trustProxy: config.trustProxy,
      metricsToken: config.metricsToken,
    });
    await app.listen({ port, host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().then(() => store.close());
    return closing;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down: finishing in-flight requests');
        void close().then(() => process.exit(0));
      });
    }
  }
  const scheme = options.https ? 'https' : 'http';
  return { app, store, url: `${scheme}://localhost:${actualPort}`, close };
}
