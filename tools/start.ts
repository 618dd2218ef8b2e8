/**
 * `npm start`: fetches models if missing, builds the page if stale, and serves it on PORT
 * (default 8080) with the LAN URLs a phone on the same network can open.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lanAddresses, ROOT, startServer } from '../server/main.ts';
import { buildIfStale } from './build-if-stale.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad port "${values.port ?? process.env.PORT}"`);
  if (!existsSync(join(ROOT, 'public/models/manifest.json'))) {
    throw new Error('models are missing: run `npm run models` first (needs the npm registry once)');
  }
  await buildIfStale(ROOT);
  const { url } = await startServer(port);
  console.log(`WebML Atlas is running:\n  local: ${url}`);
  for (const address of lanAddresses()) console.log(`  LAN:   http://${address}:${new URL(url).port}`);
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
