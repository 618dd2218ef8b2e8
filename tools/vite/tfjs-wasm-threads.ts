/**
 * Vite plugin: makes TensorFlow.js's threaded WASM backend work when bundled. tfjs-backend-wasm
 * 4.22 hands its pthreads `wasmFactoryThreadedSimd.toString()` in a Blob, but that inner function
 * closes over variables of its wrapper (minified to one-letter names), so every pthread dies with
 * "ReferenceError: e is not defined". We point `mainScriptUrlOrBlob` at the package's own,
 * unbundled Emscripten glue instead, emitted as an asset and served from our origin.
 */
import type { Plugin } from 'vite';

const TARGET = /@tensorflow[/\\]tfjs-backend-wasm[/\\]dist[/\\]backend_wasm\.js$/;
const BLOB =
  /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'atlas:tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id)) return null;
      if (!BLOB.test(code)) {
        this.error(
          'tfjs-backend-wasm changed: the threaded-glue Blob to patch was not found (see tools/vite/tfjs-wasm-threads.ts)',
        );
      }
      const patched = code.replace(BLOB, 'new URL(__atlasThreadedGlueUrl, self.location.href).href');
      return {
        code: `import __atlasThreadedGlueUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n${patched}`,
        map: null,
      };
    },
  };
}
