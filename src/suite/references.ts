/**
 * Reference outputs of the catalog models (fingerprints computed once on each format's reference
 * backend by tools/models/references.ts and stored as data beside the catalog).
 */
import data from './references.json' with { type: 'json' };
import type { ModelReference } from './types.ts';

export const REFERENCES: readonly ModelReference[] = Object.freeze(data as ModelReference[]);

export function referenceFor(modelId: string): ModelReference | undefined {
  return REFERENCES.find((r) => r.model === modelId);
}
