import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/suite/catalog.ts';
import { elementCount, makeInput, makeInputs, seededRandom } from '../../src/suite/inputs.ts';
import type { InputSpec } from '../../src/suite/types.ts';

/**
 * mulberry32 re-implemented from its published definition (Tommy Ettinger's, as popularised by
 * bryc) in exact BigInt arithmetic modulo 2^32, so it shares no code path (Math.imul, >>>) with
 * the module. Returns the raw 32-bit outputs.
 */
function referenceMulberry32(seed: number): () => bigint {
  const MASK = 0xffff_ffffn;
  let state = BigInt(seed >>> 0);
  return () => {
    state = (state + 0x6d2b79f5n) & MASK;
    let t = state;
    t = ((t ^ (t >> 15n)) * (t | 1n)) & MASK;
    t = (t ^ ((t + (((t ^ (t >> 7n)) * (t | 61n)) & MASK)) & MASK)) & MASK;
    return (t ^ (t >> 14n)) & MASK;
  };
}

const bytes = (data: ArrayBufferView) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

const uniformSpec = (seed: number, shape = [2, 3, 8, 8]): InputSpec => ({
  name: 'x',
  dtype: 'float32',
  shape,
  fill: { kind: 'uniform', min: -1, max: 1, seed },
});

describe('seededRandom (mulberry32)', () => {
  it('yields the published mulberry32 sequence for seed 1', () => {
    const random = seededRandom(1);
    // Known first output of mulberry32(1): 2693262067 / 2^32 = 0.6270739405881613.
    expect(random() * 2 ** 32).toBe(2693262067);
    expect(random() * 2 ** 32).toBe(11749833);
    expect(random() * 2 ** 32).toBe(2265367787);
  });

  it('matches an independent BigInt implementation for several seeds', () => {
    for (const seed of [0, 1, 11, 41, 123456789, 0xffffffff]) {
      const ours = seededRandom(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 50; i++)
        expect(ours() * 2 ** 32, `seed ${seed}, draw ${i}`).toBe(Number(reference()));
    }
  });

  it('stays in [0, 1)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const u = random();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('makeInput', () => {
  it('gives identical bytes for the same spec twice', () => {
    const a = makeInput(uniformSpec(11));
    const b = makeInput(uniformSpec(11));
    expect(bytes(b.data)).toEqual(bytes(a.data));
    expect(a.data).not.toBe(b.data);
  });

  it('gives different data for different seeds', () => {
    const a = makeInput(uniformSpec(11)).data;
    const b = makeInput(uniformSpec(12)).data;
    expect(bytes(a)).not.toEqual(bytes(b));
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    expect(same).toBeLessThan(a.length / 100);
  });

  it('maps the first draws of the seed to min + u·(max − min) in float32', () => {
    const data = makeInput(uniformSpec(1, [3])).data;
    const reference = referenceMulberry32(1);
    for (let i = 0; i < 3; i++) {
      const u = Number(reference()) / 2 ** 32;
      expect(data[i]).toBe(Math.fround(-1 + u * 2));
    }
  });

  it('keeps uniform values within [min, max)', () => {
    const { data } = makeInput({
      name: 'x',
      dtype: 'float32',
      shape: [50_000],
      fill: { kind: 'uniform', min: -0.5, max: 0.5, seed: 21 },
    });
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of data as Float32Array) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(-0.5);
    expect(hi).toBeLessThan(0.5);
    // Spread over the whole range, not stuck in a corner.
    expect(lo).toBeLessThan(-0.49);
    expect(hi).toBeGreaterThan(0.49);
  });

  it('gives integers within [min, max] inclusive for uniformInt, hitting both ends', () => {
    const input = makeInput({
      name: 'input',
      dtype: 'int32',
      shape: [4, 1000],
      fill: { kind: 'uniformInt', min: -3, max: 3, seed: 41 },
    });
    expect(input.data).toBeInstanceOf(Int32Array);
    const seen = new Set<number>();
    for (const v of input.data as Int32Array) {
      expect(Number.isInteger(v) && v >= -3 && v <= 3).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('gives a BigInt64Array for int64', () => {
    const input = makeInput({
      name: 'ids',
      dtype: 'int64',
      shape: [5],
      fill: { kind: 'uniformInt', min: 0, max: 9, seed: 3 },
    });
    expect(input.data).toBeInstanceOf(BigInt64Array);
    for (const v of input.data as BigInt64Array) {
      expect(typeof v).toBe('bigint');
      expect(v >= 0n && v <= 9n).toBe(true);
    }
  });

  it('fills a constant', () => {
    const f = makeInput({
      name: 'state',
      dtype: 'float32',
      shape: [2, 1, 4],
      fill: { kind: 'constant', value: 0.25 },
    });
    expect(Array.from(f.data as Float32Array)).toEqual(new Array(8).fill(0.25));
    const i = makeInput({ name: 'k', dtype: 'int32', shape: [3], fill: { kind: 'constant', value: -7 } });
    expect(Array.from(i.data as Int32Array)).toEqual([-7, -7, -7]);
  });

  it('gives one element for a scalar shape []', () => {
    const sr = makeInput({ name: 'sr', dtype: 'int64', shape: [], fill: { kind: 'constant', value: 16000 } });
    expect(sr.shape).toEqual([]);
    expect(sr.data).toBeInstanceOf(BigInt64Array);
    expect(Array.from(sr.data as BigInt64Array)).toEqual([16000n]);
    expect(elementCount([])).toBe(1);
  });

  it('copies the shape and keeps name and dtype', () => {
    const spec = uniformSpec(5, [1, 2]);
    const input = makeInput(spec);
    expect(input).toMatchObject({ name: 'x', dtype: 'float32', shape: [1, 2] });
    expect(input.shape).not.toBe(spec.shape);
    expect(input.data.length).toBe(2);
  });
});

describe('portrait fill', () => {
  const spec = (noise: number, seed = 1): InputSpec => ({
    name: 'image',
    dtype: 'float32',
    shape: [1, 64, 48, 3],
    fill: { kind: 'portrait', noise, seed },
  });
  const pixel = (data: ArrayLike<number>, x: number, y: number) =>
    [0, 1, 2].map((c) => data[(y * 48 + x) * 3 + c] ?? Number.NaN);

  it('draws a figure on a wall: a face with eyes, wall in the corners, shirt below', () => {
    const { data } = makeInput(spec(0));
    expect(pixel(data as Float32Array, 0, 0).map((v) => v.toFixed(2))).toEqual(['0.85', '0.88', '0.90']);
    expect(pixel(data as Float32Array, 29, 24).map((v) => v.toFixed(2))).toEqual(['0.87', '0.68', '0.56']);
    // An eye (face detectors find no face without features: MediaPipe's FaceDetector found none).
    expect(pixel(data as Float32Array, 26, 21).map((v) => v.toFixed(2))).toEqual(['0.12', '0.10', '0.10']);
    expect(pixel(data as Float32Array, 24, 60).map((v) => v.toFixed(2))).toEqual(['0.15', '0.25', '0.55']);
  });

  it('is deterministic per seed, differs across seeds and stays in [0, 1]', () => {
    const a = makeInput(spec(0.3, 7)).data as Float32Array;
    expect(bytes(makeInput(spec(0.3, 7)).data)).toEqual(bytes(a));
    expect(bytes(makeInput(spec(0.3, 8)).data)).not.toEqual(bytes(a));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
  });

  it('refuses shapes that are not [1, H, W, 3] and non-float dtypes', () => {
    expect(() => makeInput({ ...spec(0), shape: [1, 3, 64, 48] })).toThrow(/\[1, H, W, 3\]/);
    expect(() => makeInput({ ...spec(0), dtype: 'int32' })).toThrow(/float32/);
  });
});

describe('pixels fill', () => {
  const spec = (layout: 'nchw' | 'nhwc', range?: 'signed' | 'unit'): InputSpec => ({
    name: 'input',
    dtype: 'float32',
    shape: layout === 'nchw' ? [1, 3, 4, 5] : [1, 4, 5, 3],
    fill: { kind: 'pixels', layout, seed: 9, ...(range ? { range } : {}) },
  });

  it('draws one image in H, W, C order whatever the layout', () => {
    const nchw = makeInput(spec('nchw')).data as Float32Array;
    const nhwc = makeInput(spec('nhwc')).data as Float32Array;
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 5; x++)
        for (let c = 0; c < 3; c++) expect(nchw[(c * 4 + y) * 5 + x]).toBe(nhwc[(y * 5 + x) * 3 + c]);
    // The first value is the first draw of the seed, as a whole pixel value.
    const first = Math.floor(seededRandom(9)() * 256);
    expect(nhwc[0]).toBe(Math.fround((first - 127.5) / 127.5));
  });

  it('holds whole pixel values: signed (p − 127.5) / 127.5, unit p / 255, the same p', () => {
    const signed = makeInput(spec('nhwc')).data as Float32Array;
    const unit = makeInput(spec('nhwc', 'unit')).data as Float32Array;
    const pixels = new Set<number>();
    signed.forEach((v, i) => {
      const p = Math.round(v * 127.5 + 127.5);
      expect(Number.isInteger(p) && p >= 0 && p <= 255).toBe(true);
      expect(Math.round((unit[i] ?? -1) * 255)).toBe(p);
      pixels.add(p);
    });
    expect(pixels.size).toBeGreaterThan(30);
  });

  it('refuses a tensor that is not one RGB image', () => {
    expect(() => makeInput({ ...spec('nhwc'), shape: [1, 4, 5, 4] })).toThrow(/pixels input needs shape/);
    expect(() => makeInput({ ...spec('nchw'), shape: [2, 3, 4, 5] })).toThrow(/pixels input needs shape/);
  });
});

describe('makeInputs over the catalog', () => {
  it('makes every catalog input with the element count of its shape, in spec order', () => {
    for (const model of MODELS) {
      const inputs = makeInputs(model.inputs);
      expect(inputs.map((i) => i.name)).toEqual(model.inputs.map((s) => s.name));
      for (const [k, input] of inputs.entries()) {
        expect(input.data.length, `${model.id}/${input.name}`).toBe(
          elementCount(model.inputs[k]?.shape ?? []),
        );
      }
    }
  });
});
