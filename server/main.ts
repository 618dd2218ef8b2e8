/**
 * Starts the server: port from `--port` or `PORT` (default 8080), graceful close on SIGINT/SIGTERM.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Non-internal IPv4 addresses of this machine, for the LAN URLs a phone can open. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => (a as { address: string }).address);
}

export async function startServer(
  port: number,
  host = '0.0.0.0',
  options: { handleSignals?: boolean } = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    distDir: join(ROOT, 'dist'),
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  if (options.handleSignals ?? true) {
    // Graceful shutdown: stop accepting, finish in-flight requests, then exit.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void app.close().then(() => process.exit(0));
      });
    }
  }
  return { app, url: `http://localhost:${actualPort}` };
}
