/**
 * Makes LiteRT.js's Emscripten glue loadable in a browser Worker (module or classic) and on a
 * page, from our own origin. `@litertjs/core` loads its glue with `importScripts(url)`, which
 * throws in module workers ("Module scripts don't support importScripts()"), and lets the glue
 * look its `.wasm` up next to the calling script, i.e. next to our worker bundle. So:
 * - the glue of the build we need is imported as text (`?raw`, one lazy chunk per build) and a
 *   synchronous `importScripts` shim evaluates it (indirect eval: global scope, like a classic
 *   script) when LiteRT asks for that file;
 * - `self.Module.locateFile` hands Emscripten the absolute URL of the `.wasm`, emitted by Vite
 *   (`?url`); `mainScriptUrlOrBlob` gives the threaded build's pthreads the glue itself (a Blob
 *   URL of the same text), not our worker script.
 * Works under `vite build` and the dev server alike. Needs `eval` and `blob:` scripts: the page's
 * Content-Security-Policy (server/headers.ts) allows `'unsafe-eval'` and `blob:` for this alone.
 */
import compatWasmUrl from '@litertjs/core/wasm/litert_wasm_compat_internal.wasm?url';
import plainWasmUrl from '@litertjs/core/wasm/litert_wasm_internal.wasm?url';
import threadedWasmUrl from '@litertjs/core/wasm/litert_wasm_threaded_internal.wasm?url';
import type { LiteRtBuild, LiteRtHost } from './litert-host.ts';

interface BuildFiles {
  glue: string;
  wasm: string;
  wasmUrl: string;
  text: () => Promise<string>;
}

const BUILDS: Readonly<Record<LiteRtBuild, BuildFiles>> = Object.freeze({
  plain: {
    glue: 'litert_wasm_internal.js',
    wasm: 'litert_wasm_internal.wasm',
    wasmUrl: plainWasmUrl,
    text: () => import('@litertjs/core/wasm/litert_wasm_internal.js?raw').then((m) => m.default),
  },
  threaded: {
    glue: 'litert_wasm_threaded_internal.js',
    wasm: 'litert_wasm_threaded_internal.wasm',
    wasmUrl: threadedWasmUrl,
    text: () => import('@litertjs/core/wasm/litert_wasm_threaded_internal.js?raw').then((m) => m.default),
  },
  compat: {
    glue: 'litert_wasm_compat_internal.js',
    wasm: 'litert_wasm_compat_internal.wasm',
    wasmUrl: compatWasmUrl,
    text: () => import('@litertjs/core/wasm/litert_wasm_compat_internal.js?raw').then((m) => m.default),
  },
});

/** A directory LiteRT appends the glue's file name to; only our shim ever sees it. */
const VIRTUAL_DIR = 'atlas-litert-wasm/';

interface EmscriptenScope {
  importScripts?: (...urls: string[]) => void;
  Module?: { locateFile: (file: string) => string; mainScriptUrlOrBlob?: string };
}

const absolute = (url: string): string => new URL(url, self.location.href).href;

async function prepare(build: LiteRtBuild): Promise<string> {
  const files = BUILDS[build];
  const text = await files.text();
  const scope = globalThis as unknown as EmscriptenScope;
  const native = scope.importScripts;
  const dir = absolute(VIRTUAL_DIR);
  scope.importScripts = (...urls: string[]) => {
    for (const url of urls) {
      if (url === dir + files.glue) {
        // Indirect eval runs the glue in global scope, so its `var ModuleFactory` becomes global.
        (0, eval)(text);
      } else if (native) {
        native.call(globalThis, url);
      } else {
        throw new Error(`LiteRT asked for ${url}, but this worker prepared only ${files.glue}`);
      }
    }
  };
  const wasmUrl = absolute(files.wasmUrl);
  scope.Module = {
    locateFile: (file) => (file === files.wasm ? wasmUrl : new URL(file, wasmUrl).href),
    ...(build === 'threaded'
      ? { mainScriptUrlOrBlob: URL.createObjectURL(new Blob([text], { type: 'text/javascript' })) }
      : {}),
  };
  return dir;
}

export const host: LiteRtHost = Object.freeze({ prepare });
