/**
 * Lazy loaders of the runtime adapters, keyed by runtime id. Only workers (and Node tools) import
 * this, so the page's own bundle never references library code.
 */
import type { RuntimeAdapter } from '../measure/adapter.ts';

const LOADERS: Readonly<Record<string, () => Promise<RuntimeAdapter>>> = Object.freeze({
  ort: () => import('./ort.ts').then((m) => m.adapter),
  tfjs: () => import('./tfjs.ts').then((m) => m.adapter),
  litert: () => import('./litert.ts').then((m) => m.adapter),
  mediapipe: () => import('./mediapipe.ts').then((m) => m.adapter),
});

export function loadAdapter(runtimeId: string): Promise<RuntimeAdapter> {
  const loader = LOADERS[runtimeId];
  if (!loader)
    return Promise.reject(
      new Error(`no adapter for runtime "${runtimeId}"; known: ${Object.keys(LOADERS).join(', ')}`),
    );
  return loader();
}

export const ADAPTER_IDS: readonly string[] = Object.freeze(Object.keys(LOADERS));
