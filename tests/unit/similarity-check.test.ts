import { describe, expect, it } from 'vitest';
import type { OutputTensor } from '../../src/measure/adapter.ts';
import { fingerprint, sampleIndices, topIndices, worseOf } from '../../src/measure/check.ts';
import { checkSimilarity, cosine, judgeOutputs, normRatio } from '../../src/measure/similarity.ts';
import type { ModelReference, OutputCheck, SimilarityCheck } from '../../src/suite/types.ts';

/** A float64 output (exact arithmetic) of the given values. */
const out = (name: string, values: readonly number[]): OutputTensor => ({
  name,
  dtype: 'float64',
  shape: [1, values.length],
  data: Float64Array.from(values),
});

/** Five class indices the 256-value fingerprint of 1000 does not sample: the top 5 of `logits()`. */
const sampled = new Set(sampleIndices(1000));
const TOP = [10, 200, 400, 600, 800].map((i) => (sampled.has(i) ? i + 1 : i));

/** 1000 seeded "logits" in [−1, 1] with a clear top 5 at TOP, none of them fingerprinted. */
function logits(): number[] {
  let s = 7;
  const v = Array.from({ length: 1000 }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 2 - 1;
  });
  TOP.forEach((i, rank) => {
    v[i] = 9 - rank;
  });
  return v;
}

const reference = (values: readonly number[], top?: number): ModelReference => ({
  model: 'm',
  computedWith: 'test',
  outputs: [fingerprint(out('logits', values), top)],
});

describe('fingerprint with top', () => {
  it('keeps the indices of the largest values over the whole output, not only the sampled ones', () => {
    const ref = reference(logits(), 5);
    expect(ref.outputs[0]?.top).toEqual(TOP);
    for (const i of TOP) expect(ref.outputs[0]?.indices).not.toContain(i);
  });

  it('keeps no top unless asked', () => {
    expect(reference(logits()).outputs[0]).not.toHaveProperty('top');
  });

  it('orders ties by index', () => {
    expect(topIndices([1, 3, 3, 0], 3)).toEqual([1, 2, 0]);
  });
});

describe('cosine and normRatio', () => {
  it('are 1 for equal vectors and see direction and size apart', () => {
    expect(cosine([1, 2, 3], [1, 2, 3])).toBeCloseTo(1, 12);
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(normRatio([2, 4, 6], [1, 2, 3])).toBeCloseTo(2, 12);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([0, 0], [0, 0])).toBe(1);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    expect(normRatio([1], [0])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('checkSimilarity', () => {
  const base = logits();
  const ref = reference(base, 5);
  const check = { minCosine: 0.99, topK: { k: 5, minShared: 4 } };

  it('passes small noise, reporting the cosine', () => {
    const noisy = base.map((v, i) => v + 0.02 * Math.sin(i));
    const result = checkSimilarity([out('logits', noisy)], ref, check);
    expect(result.ok).toBe(true);
    expect(result.metric).toBe('cosine');
    expect(result.value).toBeGreaterThan(0.99);
    expect(result.value).toBeLessThan(1);
    expect(result.tolerance).toBe(0.99);
  });

  it('fails garbage on cosine', () => {
    // The same values in reverse order: the size is right, the direction is not.
    const garbage = [...base].reverse();
    expect(checkSimilarity([out('logits', garbage)], ref, check)).toMatchObject({
      ok: false,
      metric: 'cosine',
    });
  });

  it('fails a wrongly scaled output that cosine alone would pass', () => {
    const scaled = base.map((v) => v * 8);
    const result = checkSimilarity([out('logits', scaled)], ref, check);
    expect(result).toMatchObject({ ok: false, metric: 'normRatio', tolerance: 1.25 });
    expect(result.value).toBeCloseTo(8, 9);
    expect(checkSimilarity([out('logits', scaled)], ref, { ...check, maxNormRatio: 10 }).ok).toBe(true);
  });

  it('fails when the top classes change though the cosine stays high', () => {
    // Two of the reference's top five drop to the middle: the vector barely moves.
    const swapped = [...base];
    swapped[TOP[3] as number] = 0;
    swapped[TOP[4] as number] = 0;
    const result = checkSimilarity([out('logits', swapped)], ref, check);
    expect(result).toMatchObject({ ok: false, metric: 'topKShared', value: 3, tolerance: 4 });
    expect(cosine(swapped, base)).toBeGreaterThan(0.9);
  });

  it('says so when the reference has no top classes instead of passing', () => {
    const result = checkSimilarity([out('logits', base)], reference(base), check);
    expect(result).toMatchObject({ ok: false, metric: 'topKShared' });
    expect(result.detail).toContain('npm run references');
  });

  it('reads class indices from an output that holds them (a MediaPipe classifier)', () => {
    const mp = (scores: number[], indices: number[]) => [out('scores', scores), out('indices', indices)];
    const mpRef: ModelReference = {
      model: 'm',
      computedWith: 'test',
      outputs: mp([9, 8, 7, 6, 5], [10, 200, 400, 600, 800]).map((o) => fingerprint(o)),
    };
    const byIndices = { minCosine: 0.99, topK: { k: 5, minShared: 4, indicesOutput: 'indices' } };
    // Same classes in another order pass the set comparison (the scores' cosine stays high).
    expect(checkSimilarity(mp([9, 8.1, 7, 6, 5], [200, 10, 400, 600, 800]), mpRef, byIndices).ok).toBe(true);
    expect(checkSimilarity(mp([9, 8, 7, 6, 5], [10, 200, 1, 2, 3]), mpRef, byIndices)).toMatchObject({
      ok: false,
      metric: 'topKShared',
      value: 2,
    });
  });

  it('refuses a shape mismatch or a NaN before comparing', () => {
    expect(checkSimilarity([out('logits', base.slice(1))], ref, check).metric).toBe('shapeMismatch');
    const nan = [...base];
    nan[0] = Number.NaN;
    expect(checkSimilarity([out('logits', nan)], ref, check).metric).toBe('nonFinite');
  });
});

describe('judgeOutputs and worseOf', () => {
  const base = logits();
  const model = (similarity?: SimilarityCheck): OutputCheck => ({
    maxAbsDiff: 1e-4,
    perBackend: { webgpu: 1e-2 },
    ...(similarity ? { similarity } : {}),
  });
  const noisy = [
    out(
      'logits',
      base.map((v, i) => v + 0.005 * Math.sin(i)),
    ),
  ];

  it('uses the absolute check (per backend) unless the model asks for similarity', () => {
    const ref = reference(base, 5);
    expect(judgeOutputs(noisy, ref, model(), 'wasm')).toMatchObject({ ok: false, metric: 'maxAbsDiff' });
    expect(judgeOutputs(noisy, ref, model(), 'webgpu')).toMatchObject({ ok: true, tolerance: 1e-2 });
    expect(judgeOutputs(noisy, ref, model({ minCosine: 0.999 }), 'wasm')).toMatchObject({
      ok: true,
      metric: 'cosine',
    });
  });

  it('keeps the lower cosine and the larger difference as the worse', () => {
    const cos = (value: number) => ({ ok: true, metric: 'cosine', value, tolerance: 0.9 });
    expect(worseOf(cos(0.99), cos(0.95)).value).toBe(0.95);
    expect(worseOf(cos(0.95), cos(0.99)).value).toBe(0.95);
    const diff = (value: number) => ({ ok: true, metric: 'maxAbsDiff', value, tolerance: 1 });
    expect(worseOf(diff(0.1), diff(0.3)).value).toBe(0.3);
    const failed = { ok: false, metric: 'normRatio', value: 8, tolerance: 1.25 };
    expect(worseOf(cos(0.99), failed)).toBe(failed);
    expect(worseOf(failed, cos(0.99))).toBe(failed);
  });
});
