/**
 * Builds the page with Vite when dist/ is missing or older than any source it is made from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * What the build is made from. Not public/: it holds only the model files, which the build no
 * longer copies (the server serves them from there), and walking 1.9 GB of them costs seconds.
 */
const SOURCES = [
  'index.html',
  'methodology.html',
  'dashboard.html',
  'run.html',
  'harness-check.html',
  'references.html',
  'privacy.html',
  'vite.config.ts',
  'package.json',
  'src',
  'docs',
  'tools/vite',
  'server/headers.ts',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

export function buildIsStale(root: string): boolean {
  const stamp = join(root, 'dist', 'index.html');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}

export async function buildIfStale(root: string, log: (line: string) => void = console.error): Promise<void> {
  if (!buildIsStale(root)) return;
  log('building the page (vite build)…');
  const t0 = performance.now();
  await build({ root, logLevel: 'warn' });
  log(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
