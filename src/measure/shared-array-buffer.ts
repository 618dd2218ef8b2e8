/**
 * Makes the global `SharedArrayBuffer` constructor visible where the engine can share memory but
 * hides the name. WebKitGTK (and so some WebKit builds) is cross-origin isolated and creates
 * shared `WebAssembly.Memory`, whose buffer *is* a SharedArrayBuffer, yet leaves the global
 * undefined — and every library (ORT, LiteRT, Emscripten's pthreads) and feature test checks
 * `typeof SharedArrayBuffer`, so threads were switched off although they work. Only in a
 * cross-origin-isolated context, where the engine allows sharing memory at all.
 */

/** How the global came to exist: the engine's own, taken from shared WASM memory, or not at all. */
export type SharedArrayBufferSource = 'global' | 'wasm-memory' | 'none';

type Scope = { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean };

let exposed: SharedArrayBufferSource | undefined;

export function exposeSharedArrayBuffer(scope: Scope = globalThis as Scope): SharedArrayBufferSource {
  if (scope === globalThis && exposed) return exposed;
  const source = expose(scope);
  if (scope === globalThis) exposed = source;
  return source;
}

function expose(scope: Scope): SharedArrayBufferSource {
  if (typeof scope.SharedArrayBuffer === 'function') return 'global';
  if (scope.crossOriginIsolated !== true || typeof WebAssembly === 'undefined') return 'none';
  try {
    const buffer = new WebAssembly.Memory({ initial: 0, maximum: 0, shared: true }).buffer;
    const ctor = (buffer as { constructor?: unknown }).constructor;
    if (typeof ctor !== 'function' || ctor === ArrayBuffer) return 'none';
    // A constructor that does not construct would break more than it fixes.
    const probe = new (ctor as new (length: number) => { byteLength: number })(8);
    if (probe.byteLength !== 8) return 'none';
    Object.defineProperty(scope, 'SharedArrayBuffer', {
      value: ctor,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    return 'wasm-memory';
  } catch {
    return 'none';
  }
}
