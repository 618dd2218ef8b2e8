/**
 * Response headers. Pages, scripts, WASM and models get cross-origin isolation (so WASM threads
 * and SharedArrayBuffer work), a same-origin resource policy, a Content-Security-Policy and
 * `nosniff` (PAGE_HEADERS: also what a static host's headers file is written from); the API is
 * meant to be read and written from pages served elsewhere (CORS is open), so its resources are
 * cross-origin, and it answers JSON only, under a policy that allows nothing.
 */

/**
 * The page's Content-Security-Policy, directive by directive, and why each source is there:
 * - scripts only from our origin; `'wasm-unsafe-eval'` compiles the runtimes' WebAssembly (ORT,
 *   TF.js wasm, LiteRT.js, MediaPipe); `'unsafe-eval'` because LiteRT.js's Emscripten glue is
 *   evaluated with indirect eval in the case worker (src/runtimes/litert-web.ts: module workers
 *   have no importScripts); `blob:` for the glue its threaded build gives its pthread workers.
 * - workers: our module workers and LiteRT.js's pthreads from a Blob URL.
 * - connect: the results server may be on another origin (`?results=`, VITE_RESULTS_URL), on a
 *   LAN address over plain http too, so any origin; `blob:`/`data:` for libraries fetching those.
 * - styles: Observable Plot writes a `<style>` element and style attributes into its SVG.
 * - no plugins, no framing, no `<base>` rewriting, forms post nowhere else.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  'connect-src * blob: data:',
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/** Every response that is not the API: pages, their scripts and workers, WASM, models. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
});

export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
});
