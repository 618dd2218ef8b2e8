import { describe, expect, it } from 'vitest';
import type { OutputTensor } from '../../src/measure/adapter.ts';
import { checkOutputs, fingerprint, REFERENCE_SAMPLES, sampleIndices } from '../../src/measure/check.ts';
import type { ModelReference } from '../../src/suite/types.ts';

const TOLERANCE = 1e-3;

/** An output of `length` zeros (float64, so differences are exact), optionally edited. */
function output(
  name: string,
  length: number,
  edits: Record<number, number> = {},
  shape = [length],
): OutputTensor {
  const data = new Float64Array(length);
  for (const [i, v] of Object.entries(edits)) data[Number(i)] = v;
  return { name, dtype: 'float64', shape, data };
}

function referenceOf(...outputs: OutputTensor[]): ModelReference {
  return { model: 'm', computedWith: 'test', outputs: outputs.map(fingerprint) };
}

describe('sampleIndices', () => {
  it('takes every index when the output is small', () => {
    expect(sampleIndices(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sampleIndices(0)).toEqual([]);
    expect(sampleIndices(REFERENCE_SAMPLES)).toHaveLength(REFERENCE_SAMPLES);
  });

  it('spaces indices evenly when the output is large', () => {
    expect(sampleIndices(1000, 4)).toEqual([0, 250, 500, 750]);
    expect(sampleIndices(10, 3)).toEqual([0, 3, 6]);
    const many = sampleIndices(100_000);
    expect(many).toHaveLength(REFERENCE_SAMPLES);
    expect(many[1]).toBe(390);
  });
});

describe('fingerprint', () => {
  it('keeps shape, sampled indices, their values and the mean over all values', () => {
    const out: OutputTensor = {
      name: 'y',
      dtype: 'float32',
      shape: [2, 2],
      data: new Float32Array([1, 2, 3, 6]),
    };
    expect(fingerprint(out)).toEqual({
      name: 'y',
      shape: [2, 2],
      indices: [0, 1, 2, 3],
      values: [1, 2, 3, 6],
      mean: 3,
    });
  });

  it('reads int64 outputs as numbers', () => {
    const out: OutputTensor = { name: 'ids', dtype: 'int64', shape: [2], data: new BigInt64Array([5n, -7n]) };
    expect(fingerprint(out)).toMatchObject({ values: [5, -7], mean: -1 });
  });

  it('has mean 0 for an empty output', () => {
    expect(fingerprint(output('e', 0)).mean).toBe(0);
  });
});

describe('checkOutputs', () => {
  const reference = referenceOf(output('a', 1000), output('b', 8));

  it('passes identical outputs with maxAbsDiff 0', () => {
    expect(checkOutputs([output('a', 1000), output('b', 8)], reference, TOLERANCE)).toEqual({
      ok: true,
      metric: 'maxAbsDiff',
      value: 0,
      tolerance: TOLERANCE,
    });
  });

  it('matches outputs by name, not by position', () => {
    expect(checkOutputs([output('b', 8), output('a', 1000)], reference, TOLERANCE).ok).toBe(true);
  });

  it('fails a difference just over tolerance at a sampled index, reporting the worst difference', () => {
    // Index 250 of 1000 is sampled (floor(64 · 1000 / 256) = 250); index 3 of 8 is sampled.
    expect(reference.outputs[0]?.indices).toContain(250);
    const result = checkOutputs(
      [output('a', 1000, { 250: 0.0011 }), output('b', 8, { 3: -0.0005 })],
      reference,
      TOLERANCE,
    );
    expect(result).toEqual({ ok: false, metric: 'maxAbsDiff', value: 0.0011, tolerance: TOLERANCE });
  });

  it('passes a difference exactly at the tolerance', () => {
    const result = checkOutputs([output('a', 1000, { 0: TOLERANCE }), output('b', 8)], reference, TOLERANCE);
    expect(result).toMatchObject({ ok: true, value: TOLERANCE });
  });

  it('does not see a difference at a non-sampled index (the check is a fingerprint)', () => {
    expect(reference.outputs[0]?.indices).not.toContain(1);
    const result = checkOutputs([output('a', 1000, { 1: 123 }), output('b', 8)], reference, TOLERANCE);
    expect(result).toEqual({ ok: true, metric: 'maxAbsDiff', value: 0, tolerance: TOLERANCE });
  });

  it('reports a length mismatch as shapeMismatch (value: actual length, tolerance: expected)', () => {
    const result = checkOutputs([output('a', 999), output('b', 8)], reference, TOLERANCE);
    expect(result).toMatchObject({ ok: false, metric: 'shapeMismatch', value: 999, tolerance: 1000 });
    expect(result.detail).toContain('"a"');
  });

  it('reports a transposed shape with the same element count as shapeMismatch', () => {
    const ref = referenceOf(output('t', 6, {}, [2, 3]));
    const result = checkOutputs([output('t', 6, {}, [3, 2])], ref, TOLERANCE);
    expect(result).toMatchObject({ ok: false, metric: 'shapeMismatch' });
    expect(result.detail).toContain('[3,2]');
  });

  it('reports NaN or Infinity at a sampled index as nonFinite', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const result = checkOutputs([output('a', 1000), output('b', 8, { 5: bad })], reference, TOLERANCE);
      expect(result, String(bad)).toMatchObject({ ok: false, metric: 'nonFinite', value: 1, tolerance: 0 });
      expect(result.detail).toContain(String(bad));
    }
  });

  it('reports a missing output as missingOutput', () => {
    const result = checkOutputs([output('a', 1000)], reference, TOLERANCE);
    expect(result).toMatchObject({ ok: false, metric: 'missingOutput', value: 1, tolerance: 0 });
    expect(result.detail).toContain('"b"');
  });

  it('ignores extra outputs the reference does not know', () => {
    const result = checkOutputs(
      [output('a', 1000), output('b', 8), output('extra', 3, { 0: 99 })],
      reference,
      TOLERANCE,
    );
    expect(result.ok).toBe(true);
  });

  it('compares against non-zero reference values', () => {
    const ref = referenceOf({
      name: 'y',
      dtype: 'float32',
      shape: [3],
      data: new Float32Array([0.5, -0.25, 2]),
    });
    const actual: OutputTensor = {
      name: 'y',
      dtype: 'float32',
      shape: [3],
      data: new Float32Array([0.5, -0.25, 2.5]),
    };
    expect(checkOutputs([actual], ref, 0.1)).toEqual({
      ok: false,
      metric: 'maxAbsDiff',
      value: 0.5,
      tolerance: 0.1,
    });
  });
});
