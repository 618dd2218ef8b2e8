/**
 * The output check of reduced-precision variants (float16, int8): an int8 network never matches its
 * float32 sibling to 1e-4, yet one that computes garbage must still be `wrong`. Judged on the same
 * fingerprints as the absolute check (src/measure/check.ts): per output the cosine similarity of
 * the sampled values with the reference's and the ratio of their norms, and on a classifier how
 * many of the reference's top k classes the output keeps. Bounds and why: docs/methodology.md,
 * "Number formats".
 */
import type { ModelReference, OutputCheck, OutputReference, SimilarityCheck } from '../suite/types.ts';
import type { OutputTensor } from './adapter.ts';
import { type CheckResult, checkOutputs, topIndices, validateShapes } from './check.ts';

/** The norm ratio allowed when a check names none: within 25 % either way. */
export const DEFAULT_MAX_NORM_RATIO = 1.25;

/** Cosine similarity of two equally long vectors; 1 when both are all zeros, 0 when one is. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/** ‖a‖ ÷ ‖b‖ (1 when both are zero, Infinity when only b is). */
export function normRatio(a: readonly number[], b: readonly number[]): number {
  const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const [na, nb] = [norm(a), norm(b)];
  if (nb === 0) return na === 0 ? 1 : Number.POSITIVE_INFINITY;
  return na / nb;
}

const sampled = (out: OutputTensor, ref: OutputReference) =>
  ref.indices.map((i) => Number(out.data[i] as number | bigint));

/** How many of the reference's top `k` classes are among the output's, or why it cannot say. */
function sharedTop(
  outputs: readonly OutputTensor[],
  reference: ModelReference,
  topK: NonNullable<SimilarityCheck['topK']>,
): number | string {
  const { k, indicesOutput } = topK;
  if (indicesOutput) {
    const out = outputs.find((o) => o.name === indicesOutput);
    const ref = reference.outputs.find((o) => o.name === indicesOutput);
    if (!out || !ref) return `no output "${indicesOutput}" to read class indices from`;
    const expected = new Set(ref.values.slice(0, k).map(Math.round));
    return Array.from(out.data, Number)
      .slice(0, k)
      .filter((i) => expected.has(Math.round(i))).length;
  }
  const [ref] = reference.outputs;
  const out = ref && outputs.find((o) => o.name === ref.name);
  if (!ref?.top || !out) return 'the reference keeps no top classes (run `npm run references`)';
  const expected = new Set(ref.top.slice(0, k));
  return topIndices(out.data, k).filter((i) => expected.has(i)).length;
}

/**
 * Judges outputs against the float32 reference by similarity. The first bound missed is reported
 * (norm ratio, then cosine, then top k); when all hold, the metric is `cosine` with the worst
 * output's value.
 */
export function checkSimilarity(
  outputs: readonly OutputTensor[],
  reference: ModelReference,
  check: SimilarityCheck,
): CheckResult {
  const invalid = validateShapes(outputs, reference);
  if (invalid) return invalid;
  const maxRatio = check.maxNormRatio ?? DEFAULT_MAX_NORM_RATIO;
  let worstCosine = 1;
  // Class indices are labels, not magnitudes: the top-k comparison judges them, not the cosine.
  const judged = reference.outputs.filter((ref) => ref.name !== check.topK?.indicesOutput);
  for (const ref of judged) {
    const out = outputs.find((o) => o.name === ref.name) as OutputTensor;
    const actual = sampled(out, ref);
    const ratio = normRatio(actual, ref.values);
    if (!(ratio <= maxRatio && ratio >= 1 / maxRatio)) {
      return {
        ok: false,
        metric: 'normRatio',
        value: ratio,
        tolerance: maxRatio,
        detail: `output "${ref.name}" is ${ratio.toPrecision(3)}× the reference's size (allowed 1/${maxRatio}–${maxRatio}×)`,
      };
    }
    worstCosine = Math.min(worstCosine, cosine(actual, ref.values));
  }
  if (worstCosine < check.minCosine) {
    return {
      ok: false,
      metric: 'cosine',
      value: worstCosine,
      tolerance: check.minCosine,
      detail: `cosine similarity ${worstCosine.toFixed(4)} < ${check.minCosine}`,
    };
  }
  if (check.topK) {
    const shared = sharedTop(outputs, reference, check.topK);
    if (typeof shared === 'string') {
      return { ok: false, metric: 'topKShared', value: 0, tolerance: check.topK.minShared, detail: shared };
    }
    if (shared < check.topK.minShared) {
      return {
        ok: false,
        metric: 'topKShared',
        value: shared,
        tolerance: check.topK.minShared,
        detail: `${shared} of the reference's top ${check.topK.k} classes kept (at least ${check.topK.minShared} needed)`,
      };
    }
  }
  return { ok: true, metric: 'cosine', value: worstCosine, tolerance: check.minCosine };
}

/** Tolerance of the absolute check for this backend. */
export function toleranceFor(check: OutputCheck, backend: string): number {
  return check.perBackend?.[backend] ?? check.maxAbsDiff;
}

/** Judges a case's outputs the way its model's check asks: by similarity for variants, else absolutely. */
export function judgeOutputs(
  outputs: readonly OutputTensor[],
  reference: ModelReference,
  check: OutputCheck,
  backend: string,
): CheckResult {
  return check.similarity
    ? checkSimilarity(outputs, reference, check.similarity)
    : checkOutputs(outputs, reference, toleranceFor(check, backend));
}
