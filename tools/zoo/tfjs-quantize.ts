/**
 * TF.js weight quantization, as `tensorflowjs_converter --quantize_uint8` / `--quantize_float16`
 * writes it: each float32 weight stored as uint8 with an affine `{ min, scale }` per tensor (the
 * range nudged so that 0 is exactly representable, values clipped into it, round half to even as
 * numpy rounds) or as float16 bits, and the manifest entry saying so (`quantization: { dtype,
 * min?, scale? }`, `dtype` still `float32`). TF.js dequantizes at load and computes in float32:
 * the download shrinks, the arithmetic does not change. int32 constants stay as they are.
 */
import { bytesOf, toFloat16 } from './float16.ts';

/** The weight storage a quantized TF.js variant uses. */
export type TfjsQuantization = 'uint8' | 'float16';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: TfjsQuantization; min?: number; scale?: number };
}
interface ModelJson {
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  [key: string]: unknown;
}

/** numpy's `np.round`: half to even. */
const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** uint8 affine quantization of one tensor: the converter's nudged range, then round and clip. */
export function quantizeUint8(data: Float32Array): { bytes: Uint8Array; min: number; scale: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  let min = lo;
  let scale = 1;
  if (hi > lo) {
    scale = (hi - lo) / 255;
    if (lo <= 0 && hi >= 0) {
      // Nudge the range so that 0 lands on a whole step (exact zeros, e.g. padding, stay exact).
      min = -roundHalfEven(-lo / scale) * scale;
    }
  }
  const max = min + 255 * scale;
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Math.min(max, Math.max(min, data[i] ?? 0));
    bytes[i] = Math.min(255, Math.max(0, roundHalfEven((v - min) / scale)));
  }
  return { bytes, min, scale };
}

/**
 * A weight-quantized copy of an emitted TF.js graph model: the new `model.json` text (its
 * manifest naming `shard`) and the new weights file.
 */
export function quantizeTfjs(
  json: string,
  weights: Uint8Array,
  dtype: TfjsQuantization,
  shard: string,
): { json: string; weights: Uint8Array } {
  const model = JSON.parse(json) as ModelJson;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const manifest = model.weightsManifest.map((group) => ({
    paths: [shard],
    weights: group.weights.map((spec): WeightSpec => {
      const count = spec.shape.reduce((n, d) => n * d, 1);
      const raw = weights.slice(offset, offset + count * 4);
      offset += count * 4;
      if (spec.dtype !== 'float32') {
        chunks.push(raw);
        return spec;
      }
      const values = new Float32Array(raw.buffer);
      if (dtype === 'float16') {
        chunks.push(bytesOf(toFloat16(values)));
        return { ...spec, quantization: { dtype } };
      }
      const { bytes, min, scale } = quantizeUint8(values);
      chunks.push(bytes);
      return { ...spec, quantization: { dtype, min, scale } };
    }),
  }));
  if (offset !== weights.byteLength) {
    throw new Error(`weights.bin holds ${weights.byteLength} bytes, the manifest describes ${offset}`);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { json: `${JSON.stringify({ ...model, weightsManifest: manifest })}\n`, weights: out };
}
