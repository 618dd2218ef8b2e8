/**
 * The int8 arithmetic shared by the two int8 emitters (emit-onnx-int8.ts, emit-tflite-int8.ts),
 * so ONNX and TFLite store the same integers and scales:
 * - weights: per output channel, symmetric, zero point 0, values in [−127, 127] (TFLite's
 *   quantization spec; what onnxruntime's quantize_static writes with per_channel=True);
 * - biases: int32, per channel, scale = input scale × weight scale, zero point 0 (both specs: the
 *   integer kernels add them to the int32 accumulator as they are);
 * - activations and other constants: per tensor, asymmetric int8, the range stretched to hold 0
 *   (so zero is exact: padding, ReLU), scale = (max − min) / 255, zero point = round(−128 − min / scale).
 * Every scale is rounded to float32 first, because both formats store float32 scales and the
 * bias scale must equal the product the runtime computes.
 */

/** A tensor's value range, from calibration. */
export interface Range {
  min: number;
  max: number;
}

/** Per-tensor int8 quantization: real = scale × (q − zeroPoint). */
export interface QParams {
  scale: number;
  zeroPoint: number;
}

const f32 = Math.fround;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Asymmetric int8 parameters of a range (stretched to include 0; an empty range gets scale 1). */
export function activationParams(range: Range): QParams {
  const lo = Math.min(0, range.min);
  const hi = Math.max(0, range.max);
  const scale = hi > lo ? f32((hi - lo) / 255) : 1;
  return { scale, zeroPoint: clamp(Math.round(-128 - lo / scale), -128, 127) };
}

/** `values` quantized with `p` (rounded, saturated to int8). */
export function quantizeTensor(values: ArrayLike<number>, p: QParams): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = clamp(Math.round((values[i] ?? 0) / p.scale) + p.zeroPoint, -128, 127);
  }
  return out;
}

/** A weight quantized per channel along `axis`: int8 values (same layout) and one scale per channel. */
export interface ChannelQuant {
  values: Int8Array;
  scales: Float32Array;
}

/** Per-channel symmetric int8 of a row-major tensor along `axis` (zero point 0, range ±127). */
export function quantizeWeight(data: Float32Array, shape: readonly number[], axis: number): ChannelQuant {
  const channels = shape[axis] ?? 1;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c] ?? 0, Math.abs(data[i] ?? 0));
  }
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? f32(m / 127) : 1));
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    values[i] = clamp(Math.round((data[i] ?? 0) / (scales[channelOf(i)] ?? 1)), -127, 127);
  }
  return { values, scales };
}

/** The float32 scale of a bias fed by an input of scale `inputScale` and weights of scale `weightScale`. */
export const biasScale = (inputScale: number, weightScale: number): number => f32(inputScale * weightScale);

/** An int32 bias per channel: round(b / (inputScale × weightScale[c])). */
export function quantizeBias(
  bias: Float32Array,
  inputScale: number,
  weightScales: Float32Array,
): { values: Int32Array; scales: Float32Array } {
  const scales = Float32Array.from(weightScales, (s) => biasScale(inputScale, s));
  const values = Int32Array.from(bias, (b, c) =>
    clamp(Math.round(b / (scales[c] ?? 1)), -(2 ** 31), 2 ** 31 - 1),
  );
  return { values, scales };
}

/**
 * A calibrated bound rounded away from zero onto a grid of 32 steps per octave (≤ 2.2% wider):
 * the ranges come from float arithmetic in WASM, so a last-bit difference between two machines
 * must not change the file's bytes (it can only when a bound sits on a grid point).
 */
export function roundOutward(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const steps = Math.ceil(Math.log2(Math.abs(value)) * 32);
  return Math.sign(value) * 2 ** (steps / 32);
}
