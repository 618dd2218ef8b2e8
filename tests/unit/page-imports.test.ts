/**
 * The pages never import library code: from each HTML page's module script, following every
 * import the bundler follows (static, re-exports and dynamic `import()`; `import type` is erased,
 * and `new Worker(new URL(…))` starts a separate worker bundle), no runtime adapter, no adapter
 * loader and no ML library package is reached. The page plans with the registry
 * (src/runtimes/index.ts); only workers load adapters (src/runtimes/loaders.ts). A lazy import of
 * an adapter would not touch the first chunk, but it would make the page's build bundle every
 * library again as chunks the page never loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as ROOT, reach } from '../support/import-graph.ts';

const LIBRARIES = /^(onnxruntime-web|@tensorflow\/|@litertjs\/|@mediapipe\/)/;
/** The registry and the suite's variant choice: planning code, no library inside. */
const PLANNING = new Set(['src/runtimes/index.ts', 'src/runtimes/suite-variants.ts']);

/** The module script of every HTML page Vite builds. */
const PAGE_ENTRIES = readdirSync(ROOT)
  .filter((name) => name.endsWith('.html'))
  .flatMap((name) =>
    [...readFileSync(join(ROOT, name), 'utf8').matchAll(/<script type="module" src="\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    ),
  );

describe('page imports', () => {
  it('finds the module script of every page', () => {
    expect(PAGE_ENTRIES).toContain('src/app/main.ts');
    expect(PAGE_ENTRIES.length).toBeGreaterThanOrEqual(5);
  });

  it('the benchmark page plans with the registry', () => {
    expect(reach('src/app/main.ts').modules).toContain('src/runtimes/index.ts');
  });

  it.each(PAGE_ENTRIES)('%s reaches no adapter, adapter loader or ML library', (entry) => {
    const { modules, packages } = reach(entry);
    expect([...modules].filter((m) => m.startsWith('src/runtimes/') && !PLANNING.has(m))).toEqual([]);
    expect([...packages].filter((p) => LIBRARIES.test(p))).toEqual([]);
  });

  it('sees lazy imports: from the adapter loaders every library is reached', () => {
    const { modules, packages } = reach('src/runtimes/loaders.ts');
    expect(modules).toContain('src/runtimes/mediapipe.ts');
    for (const library of ['onnxruntime-web/wasm', '@tensorflow/tfjs-core', '@litertjs/core']) {
      expect(packages).toContain(library);
    }
  });
});
