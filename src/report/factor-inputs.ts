/**
 * A run's cases as the three-factor comparison's inputs (three-factors.ts): each correct case of
 * a model that belongs to a network, with the number format its catalog entry stores and computes
 * in on the case's backend (float32 when it names none; a GPU backend takes `computedOnGpu` where
 * the entry sets it) and the size of its files. Shared by the page, the bench and the dashboard.
 */
import type { Case } from '../schema/run.ts';
import { type FactorInput, isGpuBackend, type StoredFormat } from './three-factors.ts';

/** What the comparison needs of a catalog entry. */
export interface VariantInfo {
  network?: string;
  precision?: { stored: StoredFormat; computed: StoredFormat; computedOnGpu?: StoredFormat };
  files?: readonly { bytes: number }[];
  /** A weights-only entry standing for its network at float32 (src/suite/catalog.ts `factorEntry`). */
  standIn?: boolean;
}

/**
 * What a case recorded it computed in, where its options say (`precision: 'fp16' | 'fp32'`, a GPU
 * delegate's option as applied): it outranks the catalog, so a run made before the catalog asked
 * for fp16 stays what it was.
 */
function recordedPrecision(options: Readonly<Record<string, unknown>> | undefined): StoredFormat | undefined {
  const p = options?.precision;
  return p === 'fp16' ? 'float16' : p === 'fp32' ? 'float32' : undefined;
}

/**
 * The factor input of one median of `entry` (which has a network) on `runtime` and `backend`, run
 * with `options` (the case's options as applied, where known).
 */
export function factorInput(
  entry: VariantInfo & { network: string },
  runtime: string,
  backend: string,
  medianMs: number,
  options?: Readonly<Record<string, unknown>>,
): FactorInput {
  const p = entry.precision;
  const bytes = entry.files?.reduce((sum, f) => sum + f.bytes, 0);
  return {
    network: entry.network,
    runtime,
    backend,
    stored: p?.stored ?? 'float32',
    computed:
      recordedPrecision(options) ??
      (isGpuBackend(backend) ? p?.computedOnGpu : undefined) ??
      p?.computed ??
      'float32',
    medianMs,
    ...(bytes ? { bytes } : {}),
    ...(entry.standIn ? { standIn: true } : {}),
  };
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
    const network = entry?.network;
    if (!network || median === undefined || !counts(c)) return [];
    return [factorInput({ ...entry, network }, c.runtime, c.backend, median, c.options)];
  });
}
