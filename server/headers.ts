/**
 * Response headers. Pages, scripts, WASM and models get cross-origin isolation (so WASM threads
 * and SharedArrayBuffer work) and a same-origin resource policy; the API is meant to be read and
 * written from pages served elsewhere (CORS is open), so its resources are cross-origin.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
});
