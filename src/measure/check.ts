/**
 * Output correctness: fingerprints of reference outputs (values at evenly spaced indices) and the
 * comparison of a run's outputs against them.
 */
import type { ModelReference, OutputReference } from '../suite/types.ts';
import type { OutputTensor } from './adapter.ts';

/** How many values of each output a reference keeps. */
export const REFERENCE_SAMPLES = 256;

export interface CheckResult {
  ok: boolean;
  metric: string;
  value: number;
  tolerance: number;
  detail?: string;
}

function toNumbers(data: OutputTensor['data']): (i: number) => number {
  return (i) => Number(data[i]);
}

/** Evenly spaced indices into an array of `length` elements, at most `count` of them. */
export function sampleIndices(length: number, count = REFERENCE_SAMPLES): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * length) / count));
}

/** Indices of the `k` largest values, best first (ties: lower index first). */
export function topIndices(values: ArrayLike<number | bigint>, k: number): number[] {
  const n = Array.from(values, Number);
  return n
    .map((_, i) => i)
    .sort((a, b) => (n[b] ?? 0) - (n[a] ?? 0) || a - b)
    .slice(0, k);
}

/**
 * Makes the fingerprint of one output; with `top`, also the indices of its `top` largest values
 * over all of it (what a top-k agreement check compares).
 */
export function fingerprint(output: OutputTensor, top?: number): OutputReference {
  const at = toNumbers(output.data);
  const indices = sampleIndices(output.data.length);
  let sum = 0;
  for (let i = 0; i < output.data.length; i++) sum += at(i);
  return {
    name: output.name,
    shape: [...output.shape],
    indices,
    values: indices.map(at),
    mean: output.data.length ? sum / output.data.length : 0,
    ...(top ? { top: topIndices(output.data, top) } : {}),
  };
}

/**
 * What every check refuses before it compares values: a missing output, a shape other than the
 * reference's, a non-finite value at a fingerprinted index. `undefined` when none applies.
 */
export function validateShapes(
  outputs: readonly OutputTensor[],
  reference: ModelReference,
): CheckResult | undefined {
  for (const ref of reference.outputs) {
    const out = outputs.find((o) => o.name === ref.name);
    if (!out)
      return {
        ok: false,
        metric: 'missingOutput',
        value: 1,
        tolerance: 0,
        detail: `no output "${ref.name}"`,
      };
    const expectedLength = ref.shape.reduce((n, d) => n * d, 1);
    if (out.data.length !== expectedLength || out.shape.join(',') !== ref.shape.join(',')) {
      return {
        ok: false,
        metric: 'shapeMismatch',
        value: out.data.length,
        tolerance: expectedLength,
        detail: `output "${ref.name}" has shape [${out.shape.join(',')}], reference [${ref.shape.join(',')}]`,
      };
    }
    const at = toNumbers(out.data);
    for (const i of ref.indices) {
      const actual = at(i);
      if (!Number.isFinite(actual)) {
        return {
          ok: false,
          metric: 'nonFinite',
          value: 1,
          tolerance: 0,
          detail: `output "${ref.name}" has ${actual}`,
        };
      }
    }
  }
  return undefined;
}

/**
 * Compares outputs with the reference: shapes must match and every fingerprinted value must be
 * within `tolerance` (max absolute difference). Non-finite values always fail.
 */
export function checkOutputs(
  outputs: readonly OutputTensor[],
  reference: ModelReference,
  tolerance: number,
): CheckResult {
  const invalid = validateShapes(outputs, reference);
  if (invalid) return invalid;
  let worst = 0;
  for (const ref of reference.outputs) {
    const at = toNumbers((outputs.find((o) => o.name === ref.name) as OutputTensor).data);
    for (let j = 0; j < ref.indices.length; j++) {
      worst = Math.max(worst, Math.abs(at(ref.indices[j] as number) - (ref.values[j] as number)));
    }
  }
  return { ok: worst <= tolerance, metric: 'maxAbsDiff', value: worst, tolerance };
}

/** Metrics where a larger value means closer to the reference. */
const HIGHER_IS_BETTER: ReadonlySet<string> = new Set(['cosine', 'topKShared']);

/**
 * The worse of two results of one check (on the first and the last measured outputs): a failure
 * beats a pass; between two of a kind, the one further from the reference (the first on a tie or
 * when the two failed in different ways, e.g. a missing output against a difference).
 */
export function worseOf(a: CheckResult, b: CheckResult): CheckResult {
  if (a.ok !== b.ok) return a.ok ? b : a;
  if (a.metric !== b.metric) return a;
  const bWorse = HIGHER_IS_BETTER.has(a.metric) ? b.value < a.value : b.value > a.value;
  return bWorse ? b : a;
}
