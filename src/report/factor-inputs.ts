/**
 * A run's cases as the three-factor comparison's inputs (three-factors.ts): each correct case of
 * a model that belongs to a network, with the number format its catalog entry stores and computes
 * in (float32 when it names none) and the size of its files. Shared by the page and the bench.
 */
import type { Case } from '../schema/run.ts';
import type { FactorInput, StoredFormat } from './three-factors.ts';

/** What the comparison needs of a catalog entry. */
export interface VariantInfo {
  network?: string;
  precision?: { stored: StoredFormat; computed: StoredFormat };
  files?: readonly { bytes: number }[];
  /** A weights-only entry standing for its network at float32 (src/suite/catalog.ts `factorEntry`). */
  standIn?: boolean;
}

/** Whether a case's median counts: ok, output check passed, task check not failed, page visible. */
function counts(c: Case): boolean {
  return c.status === 'ok' && c.check?.ok === true && c.taskCheck?.ok !== false && !c.visibilityLost;
}

/** The inputs of every counting case whose model has a network; `lookup` gives its catalog entry. */
export function factorInputs(
  cases: readonly Case[],
  lookup: (model: string) => VariantInfo | undefined,
): FactorInput[] {
  return cases.flatMap((c) => {
    const entry = lookup(c.model);
    const median = c.timings?.warm.medianMs;
    if (!entry?.network || median === undefined || !counts(c)) return [];
    const bytes = entry.files?.reduce((sum, f) => sum + f.bytes, 0);
    return [
      {
        network: entry.network,
        runtime: c.runtime,
        backend: c.backend,
        stored: entry.precision?.stored ?? 'float32',
        computed: entry.precision?.computed ?? 'float32',
        medianMs: median,
        ...(bytes ? { bytes } : {}),
        ...(entry.standIn ? { standIn: true } : {}),
      },
    ];
  });
}
