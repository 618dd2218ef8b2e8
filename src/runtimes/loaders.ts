/**
 * Lazy loaders of the runtime adapters, one per runtime id (the compiler checks that every id has
 * one and that each adapter names itself by its key). Only workers and Node tools import this, so
 * the page's build never references library code; each adapter is its own chunk. It does not
 * import the registry (./index.ts), so a worker's bundle carries no planning code.
 */
import type { RuntimeAdapter } from '../measure/adapter.ts';
import { exposeSharedArrayBuffer } from '../measure/shared-array-buffer.ts';
import type { RuntimeId } from '../suite/types.ts';

/** A loader for every runtime id, each returning the adapter of that id. */
export type AdapterLoaders = { readonly [Id in RuntimeId]: () => Promise<RuntimeAdapter<Id>> };

const LOADERS: AdapterLoaders = Object.freeze({
  ort: () => import('./ort.ts').then((m) => m.adapter),
  tfjs: () => import('./tfjs.ts').then((m) => m.adapter),
  litert: () => import('./litert.ts').then((m) => m.adapter),
  mediapipe: () => import('./mediapipe.ts').then((m) => m.adapter),
});

// Own keys only: `toString` or `__proto__` from a URL is not a runtime.
const isLoaded = (id: string): id is RuntimeId => Object.hasOwn(LOADERS, id);

/** The adapter of a runtime (a lazy chunk with its library); rejects an unknown id, naming the known ones. */
export function loadAdapter(runtimeId: string): Promise<RuntimeAdapter> {
  if (!isLoaded(runtimeId)) {
    const known = Object.keys(LOADERS).join(', ');
    return Promise.reject(new Error(`no adapter for runtime "${runtimeId}"; known: ${known}`));
  }
  // Before any library looks for it (WebKit hides the name; see shared-array-buffer.ts).
  exposeSharedArrayBuffer();
  return LOADERS[runtimeId]();
}
