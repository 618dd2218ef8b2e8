/**
 * IEEE 754 half precision (binary16) for the zoo's float16 variants: float32 → float16 bits with
 * round-to-nearest-even (what numpy's `astype(np.float16)` and TFLite's converter do), subnormals
 * kept, values beyond the largest finite half (65504) clipped to it as onnxconverter-common
 * clips initializers, and the way back. Node 20 has no Float16Array, hence this file.
 */

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float16 bit pattern nearest to `value` (ties to even), clipped to ±65504; NaN stays NaN. */
export function toFloat16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  f32[0] = Math.max(-FLOAT16_MAX, Math.min(FLOAT16_MAX, value));
  const x = u32[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7bff; // unreachable after the clip; kept finite on purpose
  if (e <= 0) {
    // Subnormal half (or zero): shift the implicit bit in and round the dropped bits to even.
    if (e < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const dropped = m & ((1 << shift) - 1);
    let bits = m >>> shift;
    if (dropped > half || (dropped === half && (bits & 1) === 1)) bits++;
    return sign | bits;
  }
  let bits = (e << 10) | (mantissa >>> 13);
  const dropped = mantissa & 0x1fff;
  if (dropped > 0x1000 || (dropped === 0x1000 && (bits & 1) === 1)) bits++; // may carry into the exponent: correct
  return sign | bits;
}

/** The value of a float16 bit pattern. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Every value of `data` as float16 bits. */
export function toFloat16(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = toFloat16Bits(data[i] ?? 0);
  return out;
}

/** Little-endian bytes of a typed array (the machine's order; every engine here is little-endian). */
export function bytesOf(data: Uint16Array | Float32Array | Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
