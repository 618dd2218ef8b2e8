/**
 * Where MediaPipe Tasks Vision loads its WASM from: our own origin. The package's ES-module
 * loader and its `.wasm` are emitted by Vite (`?url`), so nothing comes from a CDN. The module
 * loader is the one that works in a module Worker (the classic one fails there with "ModuleFactory
 * not set"); it exists only as a SIMD build, which every browser with WebGL2-era WASM has.
 */
import wasmLoaderUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmBinaryUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';

const absolute = (url: string): string => new URL(url, self.location.href).href;

/** The `WasmFileset` the task factories take (what `FilesetResolver.forVisionTasks(base, true)` builds). */
export function visionFileset(): { wasmLoaderPath: string; wasmBinaryPath: string } {
  return { wasmLoaderPath: absolute(wasmLoaderUrl), wasmBinaryPath: absolute(wasmBinaryUrl) };
}

/**
 * MediaPipe Tasks post usage logs to `https://odml.pa.googleapis.com/v1/log` (every 60 s and on
 * `close()`), through the global `fetch`, with no option to turn it off. A benchmark page must not
 * talk to other origins, so in this worker (one case, MediaPipe only) `fetch` to another origin is
 * refused like a network failure; the library then stops logging. Returns the refused URLs.
 */
export function refuseForeignFetch(): string[] {
  const refused: string[] = [];
  const scope = globalThis as { fetch: typeof fetch; __atlasFetchGuard?: string[] };
  if (scope.__atlasFetchGuard) return scope.__atlasFetchGuard;
  const native = scope.fetch.bind(globalThis);
  const origin = self.location.origin;
  scope.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== origin) {
      refused.push(url.href);
      return Promise.reject(
        new TypeError(`request to ${url.origin} refused (benchmark stays on its origin)`),
      );
    }
    return native(input, init);
  };
  scope.__atlasFetchGuard = refused;
  return refused;
}
