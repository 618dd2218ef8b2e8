/**
 * Makes LiteRT.js's Emscripten glue loadable in Node (for `npm run references` and the Node
 * tests). The library loads its glue with `importScripts`, which Node lacks: we provide `self`,
 * an `importScripts` that runs the package's glue file as a classic script in this realm, and the
 * `require`/`__dirname` the glue's Node branch uses to read its `.wasm` from disk. Never bundled
 * for the browser (litert.ts imports it only in Node, through a path Vite does not follow).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { LiteRtBuild, LiteRtHost } from './litert-host.ts';

const require = createRequire(import.meta.url);
const WASM_DIR = join(dirname(require.resolve('@litertjs/core/package.json')), 'wasm');

const GLUE: Readonly<Record<LiteRtBuild, string>> = Object.freeze({
  plain: 'litert_wasm_internal.js',
  threaded: 'litert_wasm_threaded_internal.js',
  compat: 'litert_wasm_compat_internal.js',
});

async function prepare(build: LiteRtBuild): Promise<string> {
  const scope = globalThis as Record<string, unknown>;
  scope.self ??= globalThis;
  scope.require ??= require;
  scope.__dirname ??= WASM_DIR;
  const glue = join(WASM_DIR, GLUE[build]);
  scope.importScripts = (...urls: string[]) => {
    for (const url of urls) {
      if (url !== glue) throw new Error(`LiteRT asked for ${url}, but only ${glue} was prepared`);
      runInThisContext(readFileSync(url, 'utf8'), { filename: url });
    }
  };
  scope.Module = { locateFile: (file: string) => join(WASM_DIR, file) };
  return glue;
}

export const host: LiteRtHost = Object.freeze({ prepare });
