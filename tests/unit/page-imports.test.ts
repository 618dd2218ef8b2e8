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
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIBRARIES = /^(onnxruntime-web|@tensorflow\/|@litertjs\/|@mediapipe\/)/;

/** The specifiers a module imports at runtime (type-only imports and exports left out). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteralLike(specifier)) found.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every repository module (relative to the root) and package specifier reachable from `entry`. */
function reach(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const path = relative(ROOT, file);
    if (modules.has(path)) continue;
    modules.add(path);
    if (!file.endsWith('.ts')) continue;
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\?.*$/, '')));
      else packages.add(specifier);
    }
  }
  return { modules, packages };
}

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
    expect(
      [...modules].filter((m) => m.startsWith('src/runtimes/') && m !== 'src/runtimes/index.ts'),
    ).toEqual([]);
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
