/**
 * The contract between the LiteRT.js adapter (./litert.ts) and the hosts that make the library's
 * Emscripten glue loadable in one environment (./litert-web.ts in browsers, ./litert-node.ts in
 * Node). Types only, so the adapter and its hosts import this and never each other.
 */

/** The package's four WASM builds, minus JSPI (not used here). */
export type LiteRtBuild = 'plain' | 'threaded' | 'compat';

/** Makes one build's glue loadable in this environment; returns the path to give `loadLiteRt`. */
export interface LiteRtHost {
  prepare(build: LiteRtBuild): Promise<string>;
}
