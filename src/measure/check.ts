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

/** Makes the fingerprint of one output. */
export function fingerprint(output: OutputTensor): OutputReference {
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
  };
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
  let worst = 0;
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
    for (let j = 0; j < ref.indices.length; j++) {
      const actual = at(ref.indices[j] as number);
      if (!Number.isFinite(actual)) {
        return {
          ok: false,
          metric: 'nonFinite',
          value: 1,
          tolerance: 0,
          detail: `output "${ref.name}" has ${actual}`,
        };
      }
      worst = Math.max(worst, Math.abs(actual - (ref.values[j] as number)));
    }
  }
  return { ok: worst <= tolerance, metric: 'maxAbsDiff', value: worst, tolerance };
}
