/**
 * `npm run bench:shell`: what the benchmark page costs to open, before anyone taps Run. Builds
 * the page (into a temporary folder, with Vite's manifest) and sums the gzip sizes of index.html
 * and everything it loads up front: its entry script, every chunk that script imports statically
 * (recursively) and their CSS. Dynamic imports (references, runtimes, the record schema…) load
 * only with a run and are left out. Reports against a goal; never fails on it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import { ROOT } from '../../server/main.ts';

/** What the page shell should stay under, gzip bytes (a goal reported, not a test). */
export const SHELL_GOAL_GZIP_BYTES = 150_000;

/**
 * Files (relative to the build folder) the HTML entry `entry` loads before any dynamic import:
 * the HTML itself, its script, static imports followed recursively, and their CSS, each once.
 */
export function shellFiles(manifest: Manifest, entry = 'index.html'): string[] {
  const files = new Set<string>([entry]);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no entry "${key}"`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

export interface ShellFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ShellReport {
  files: ShellFile[];
  bytes: number;
  gzipBytes: number;
  goalGzipBytes: number;
  buildMs: number;
}

/** Builds the page into a temporary folder and measures its shell. */
export async function measureShell(root = ROOT): Promise<ShellReport> {
  const outDir = mkdtempSync(join(tmpdir(), 'atlas-shell-'));
  try {
    const t0 = performance.now();
    await build({
      root,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true, copyPublicDir: false },
    });
    const buildMs = performance.now() - t0;
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const files = shellFiles(manifest).map((file) => {
      const content = readFileSync(join(outDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
    return {
      files: files.sort((a, b) => b.gzipBytes - a.gzipBytes),
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
      goalGzipBytes: SHELL_GOAL_GZIP_BYTES,
      buildMs,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function formatShellReport(report: ShellReport): string {
  const width = Math.max(...report.files.map((f) => f.file.length), 'total'.length);
  const row = (name: string, raw: string, gzip: string) =>
    `${name.padEnd(width)}  ${raw.padStart(10)}  ${gzip.padStart(10)}`;
  const verdict =
    report.gzipBytes <= report.goalGzipBytes
      ? `within the ${kB(report.goalGzipBytes)} goal`
      : `over the ${kB(report.goalGzipBytes)} goal by ${kB(report.gzipBytes - report.goalGzipBytes)}`;
  return [
    'What index.html loads before Run (gzip level 9):',
    row('file', 'raw', 'gzip'),
    ...report.files.map((f) => row(f.file, kB(f.bytes), kB(f.gzipBytes))),
    row('total', kB(report.bytes), kB(report.gzipBytes)),
    `Shell: ${kB(report.gzipBytes)} gzip, ${verdict}. Build took ${(report.buildMs / 1000).toFixed(1)} s.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const report = await measureShell();
  console.log(values.json ? JSON.stringify(report, null, 2) : formatShellReport(report));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`bench:shell: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
