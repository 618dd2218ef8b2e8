/**
 * The server as a Fastify plugin: serves the built page (dist/) with cross-origin isolation
 * headers on every response. `server/main.ts` only starts it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ISOLATION_HEADERS } from './headers.ts';

export interface AppOptions {
  /** Folder of the production build. */
  distDir: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (!existsSync(join(options.distDir, 'index.html'))) {
    throw new Error(`no build at ${options.distDir}; run \`npm run build\` first`);
  }
  const app = Fastify({ logger: options.logger ?? false });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(ISOLATION_HEADERS);
  });
  await app.register(fastifyStatic, {
    root: options.distDir,
    // Hashed build assets never change; everything else (HTML, models) is revalidated.
    setHeaders(res, path) {
      res.header(
        'Cache-Control',
        path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
