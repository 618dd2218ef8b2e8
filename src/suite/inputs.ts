/**
 * Deterministic model inputs: each input spec of the catalog becomes the same typed array on
 * every device, from a seeded generator (mulberry32: 32-bit state, period 2^32, uniform in [0,1))
 * or our own drawing code (portrait here, text images and waveforms in their own modules).
 */
import { fillAudio } from './audio-input.ts';
import { fillText } from './text-input.ts';
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

type Rgb = readonly [number, number, number];
const WALL: Rgb = [0.85, 0.88, 0.9];
const SKIN: Rgb = [0.87, 0.68, 0.56];
const HAIR: Rgb = [0.2, 0.13, 0.08];
const SHIRT: Rgb = [0.15, 0.25, 0.55];

const EYE: Rgb = [0.12, 0.1, 0.1];
const BROW: Rgb = [0.25, 0.16, 0.1];
const LIPS: Rgb = [0.6, 0.3, 0.3];
const NOSE: Rgb = [0.75, 0.56, 0.46];

/** Skin with eyes, brows, a nose shadow and a mouth, at |dx| from the face's centre line. */
function faceColour(ax: number, v: number): Rgb {
  if (((ax - 0.055) / 0.028) ** 2 + ((v - 0.33) / 0.016) ** 2 < 1) return EYE;
  if (Math.abs(ax - 0.055) < 0.035 && Math.abs(v - 0.295) < 0.007) return BROW;
  if (ax < 0.018 && v > 0.35 && v < 0.41) return NOSE;
  if ((ax / 0.05) ** 2 + ((v - 0.455) / 0.012) ** 2 < 1) return LIPS;
  return SKIN;
}

/** Colour of the synthetic portrait at (u, v) in [0, 1)², v downwards. */
function portraitColour(u: number, v: number): Rgb {
  const dx = u - 0.5;
  if (v < 0.3 && (dx / 0.15) ** 2 + ((v - 0.3) / 0.17) ** 2 < 1) return HAIR;
  if ((dx / 0.14) ** 2 + ((v - 0.36) / 0.19) ** 2 < 1) return faceColour(Math.abs(dx), v);
  if (Math.abs(dx) < 0.06 && v > 0.5 && v < 0.62) return SKIN;
  if (v > 0.6 && Math.abs(dx) < 0.12 + (v - 0.6) * 1.2) return SHIRT;
  return WALL;
}

/** A head-and-shoulders figure on a plain wall, NHWC `[1, H, W, 3]`, plus seeded noise, clamped to [0, 1]. */
function fillPortrait(data: Float32Array, shape: readonly number[], noise: number, seed: number): void {
  const [n, height, width, channels] = shape;
  if (shape.length !== 4 || n !== 1 || channels !== 3 || !height || !width) {
    throw new Error(`a portrait input must be [1, H, W, 3], not [${shape.join(', ')}]`);
  }
  const random = seededRandom(seed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = portraitColour(x / width, y / height);
      for (let c = 0; c < 3; c++) {
        const value = (colour[c] ?? 0) + (random() - 0.5) * noise;
        data[(y * width + x) * 3 + c] = Math.min(1, Math.max(0, value));
      }
    }
  }
}

/**
 * A seeded RGB image of whole pixel values 0–255 as `(p − 127.5) / 127.5` (or `p / 255` when
 * `unit`), drawn in H, W, C order whatever the layout, so an NCHW and an NHWC tensor of one seed
 * hold the same image.
 */
function fillPixels(
  data: Float32Array,
  shape: readonly number[],
  layout: 'nchw' | 'nhwc',
  seed: number,
  unit: boolean,
): void {
  const [n, a, b, c] = shape;
  const [h, w, channels] = layout === 'nchw' ? [b, c, a] : [a, b, c];
  if (shape.length !== 4 || n !== 1 || channels !== 3 || h === undefined || w === undefined) {
    throw new Error(`a pixels input needs shape [1, 3, H, W] (nchw) or [1, H, W, 3] (nhwc), not [${shape}]`);
  }
  const random = seededRandom(seed);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < 3; k++) {
        const p = Math.floor(random() * 256);
        data[layout === 'nchw' ? (k * h + y) * w + x : (y * w + x) * 3 + k] = unit
          ? p / 255
          : (p - 127.5) / 127.5;
      }
    }
  }
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
  if (fill.kind === 'portrait') {
    if (!(data instanceof Float32Array)) throw new Error(`a portrait input must be float32 ("${spec.name}")`);
    fillPortrait(data, spec.shape, fill.noise, fill.seed);
  } else if (fill.kind === 'text') {
    if (!(data instanceof Float32Array)) throw new Error(`a text input must be float32 ("${spec.name}")`);
    fillText(data, spec.shape, fill);
  } else if (fill.kind === 'audio') {
    if (!(data instanceof Float32Array)) throw new Error(`an audio input must be float32 ("${spec.name}")`);
    fillAudio(data, fill, seededRandom(fill.seed));
  } else if (fill.kind === 'pixels') {
    if (!(data instanceof Float32Array)) throw new Error(`a pixels input must be float32 ("${spec.name}")`);
    fillPixels(data, spec.shape, fill.layout, fill.seed, fill.range === 'unit');
  } else if (fill.kind === 'constant') {
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
