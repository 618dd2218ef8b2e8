/**
 * `npm run site -- --out DIR [--suite ID,…|all]`: one folder any static host can serve — the
 * built page (dist/, with its `_headers` and isolating service worker) and, under `models/`, the
 * model files of the chosen suites (default all: 1.9 GB; `--suite phone` is 23.5 MB), with a
 * `LICENSES.txt` naming each file's package and licence, since the folder redistributes them.
 * With `--suite none` no model is copied: the build's `VITE_MODELS_URL` points elsewhere.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../server/main.ts';
import { MODELS, modelById } from '../../src/suite/catalog.ts';
import { SUITES, suiteById } from '../../src/suite/suites.ts';
import { type CatalogFile, isPackageFile } from '../../src/suite/types.ts';

const USAGE = `usage: npm run site -- --out DIR [--suite ID,…|all|none]

  --out DIR     folder to write (emptied first); upload it to any static host
  --suite IDS   model files of these suites (${SUITES.map((s) => s.id).join(', ')}), all (default), or none`;

/** The model files the chosen suites need, each once. */
export function siteFiles(suites: string): CatalogFile[] {
  if (suites === 'none') return [];
  const models =
    suites === 'all'
      ? MODELS
      : [...new Set(suites.split(',').flatMap((id) => suiteById(id.trim()).models))].map(modelById);
  const files = new Map<string, CatalogFile>();
  for (const model of models) for (const file of model.files) files.set(file.path, file);
  return [...files.values()];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      suite: { type: 'string', default: 'all' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('no build in dist/: run `npm run build` first');
  const out = resolve(values.out);
  if (out === ROOT || ROOT.startsWith(`${out}/`)) throw new Error(`refusing to empty ${out}`);
  const files = siteFiles(values.suite);
  rmSync(out, { recursive: true, force: true });
  cpSync(dist, out, { recursive: true });
  let bytes = 0;
  for (const file of files) {
    const from = join(ROOT, 'public', 'models', file.path);
    if (!existsSync(from) || statSync(from).size !== file.bytes)
      throw new Error(`public/models/${file.path} is missing or damaged: run \`npm run models\``);
    const to = join(out, 'models', file.path);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    bytes += file.bytes;
  }
  if (files.length) {
    const lines = files.map(
      (f) =>
        `${f.path}\n  from ${f.from}${isPackageFile(f) ? ` (${f.packagePath})` : ''}\n  licence: ${f.license}`,
    );
    writeFileSync(
      join(out, 'models', 'LICENSES.txt'),
      `Model files in this folder and where they come from.\n\n${lines.join('\n\n')}\n`,
    );
  }
  console.log(`${out}: the page and ${files.length} model files (${(bytes / 1e6).toFixed(1)} MB).`);
  if (values.suite !== 'all')
    console.log('Suites whose models were left out fail on this host unless the build set VITE_MODELS_URL.');
}

try {
  main();
} catch (error) {
  console.error(`site: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
