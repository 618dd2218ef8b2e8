/**
 * The page's way to a model's reference outputs: loaded when the first case needs one, not with
 * the page. The references of every model (references.json) are most of the page's bytes
 * otherwise; dynamically imported, they become a chunk of their own that only a run fetches.
 * Node code (tools, tests) reads them directly from ./references.ts.
 */
import type { ModelReference } from './types.ts';

let loading: Promise<typeof import('./references.ts')> | undefined;

/** The reference outputs of `modelId`, or undefined when the catalog has none. */
export async function loadReference(modelId: string): Promise<ModelReference | undefined> {
  loading ??= import('./references.ts').catch((error: unknown) => {
    // A failed fetch is not remembered: the next case tries again.
    loading = undefined;
    throw error;
  });
  return (await loading).referenceFor(modelId);
}
