/**
 * Response headers of everything the page loads: cross-origin isolation (so WASM threads and
 * SharedArrayBuffer work) and a same-origin resource policy on models and runtime files.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});
