/**
 * Deterministic model inputs: each input spec of the catalog becomes the same typed array on
 * every device, from a seeded generator (mulberry32: 32-bit state, period 2^32, uniform in [0,1)).
 */
import type { InputSpec, TensorDType } from './types.ts';

export type TypedData = Float32Array | Int32Array | BigInt64Array;

export interface InputTensor {
  name: string;
  dtype: TensorDType;
  shape: number[];
  data: TypedData;
}

/** mulberry32: a tiny, well-known seeded PRNG; returns a function yielding floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function allocate(dtype: TensorDType, n: number): TypedData {
  if (dtype === 'float32') return new Float32Array(n);
  if (dtype === 'int32') return new Int32Array(n);
  return new BigInt64Array(n);
}

/**
 * Builds one input tensor from its spec; the same spec always gives the same bytes. Uniform
 * float values lie in [min, max] (rounding to float32 can reach max itself).
 */
export function makeInput(spec: InputSpec): InputTensor {
  const n = elementCount(spec.shape);
  const data = allocate(spec.dtype, n);
  const fill = spec.fill;
  const set = (i: number, v: number) => {
    if (data instanceof BigInt64Array) data[i] = BigInt(Math.round(v));
    else data[i] = v;
  };
  if (fill.kind === 'constant') {
    for (let i = 0; i < n; i++) set(i, fill.value);
  } else {
    const random = seededRandom(fill.seed);
    for (let i = 0; i < n; i++) {
      const u = random();
      set(
        i,
        fill.kind === 'uniform'
          ? fill.min + u * (fill.max - fill.min)
          : fill.min + Math.floor(u * (fill.max - fill.min + 1)),
      );
    }
  }
  return { name: spec.name, dtype: spec.dtype, shape: [...spec.shape], data };
}

export function makeInputs(specs: readonly InputSpec[]): InputTensor[] {
  return specs.map(makeInput);
}
