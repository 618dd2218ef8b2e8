/**
 * `npm run serve`: the production start. Serves what `npm run build` made (dist/) and the model
 * files (public/models/), or with `--api-only` just the API for a page on a static host; builds
 * nothing, fetches nothing, prints no QR code, and needs no dev-only package (a test resolves its
 * whole import graph with dev packages forbidden). Settings come from the environment (README,
 * docs/deploy.md); SIGTERM finishes in-flight requests and closes the store (server/main.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MODELS_DIR, ROOT, startServer } from './main.ts';

const USAGE = `usage: npm run serve -- [--port N] [--host ADDR] [--api-only]

  --port N      port to listen on (default: PORT or 8080)
  --host ADDR   address to listen on (default: HOST or 0.0.0.0; 127.0.0.1 behind a local proxy)
  --api-only    serve only /api (the page and its models are on a static host)

Environment: DATABASE_URL, TRUST_PROXY, RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS, IP_HASH_SALT,
LOG_LEVEL, INGEST_WORKERS (see README).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rawPort = values.port ?? process.env.PORT ?? '8080';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port "${rawPort}"`);
  const host = values.host ?? process.env.HOST ?? '0.0.0.0';
  const apiOnly = values['api-only'];
  if (!apiOnly) {
    if (!existsSync(join(ROOT, 'dist', 'index.html')))
      throw new Error('no build in dist/: run `npm run build` first (or pass --api-only)');
    if (!existsSync(join(MODELS_DIR, 'manifest.json')))
      throw new Error('no model files in public/models/: run `npm run models` first (or pass --api-only)');
  }
  const { url } = await startServer(port, host, { apiOnly });
  console.log(`WebML Atlas ${apiOnly ? 'API' : 'page and API'} at ${url}`);
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
