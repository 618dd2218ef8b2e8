/**
 * The zoo's reduced-precision variants in the catalog (src/suite/models/zoo.ts, zoo-variants.ts):
 * each is its own entry with a float32 sibling of the same network and format, a precision that
 * says what is stored and computed, a similarity check, and the float32 ONNX entry's reference;
 * ids are unique and say the precision; `quick` keeps float32 only, `full` holds every variant.
 * Also the float16 and uint8 arithmetic the variant files are written with (tools/zoo).
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/suite/catalog.ts';
import { ZOO_MODELS } from '../../src/suite/models/zoo.ts';
import { ZOO_VARIANTS } from '../../src/suite/models/zoo-variants.ts';
import { suiteById } from '../../src/suite/suites.ts';
import type { ModelEntry } from '../../src/suite/types.ts';
import { FLOAT16_MAX, fromFloat16Bits, toFloat16Bits } from '../../tools/zoo/float16.ts';
import { quantizeUint8 } from '../../tools/zoo/tfjs-quantize.ts';

const variants = ZOO_MODELS.filter((m) => m.precision);
const float32 = ZOO_MODELS.filter((m) => !m.precision);
const byId = new Map(MODELS.map((m) => [m.id, m]));

describe('zoo variants in the catalog', () => {
  it('has the float16 and uint8 variants of every network that has the formats', () => {
    const networks = new Set(float32.map((m) => m.network));
    for (const network of networks) {
      for (const suffix of ['onnx-fp16', 'tflite-fp16', 'tfjs-fp16', 'tfjs-uint8']) {
        expect(byId.has(`${network}-${suffix}`), `${network}-${suffix}`).toBe(true);
      }
    }
    expect(byId.has('zoo-mobilenet-v2-mediapipe-fp16')).toBe(true);
    expect(byId.has('zoo-lstm-kws-mediapipe-fp16'), 'MediaPipe: classifiers only').toBe(false);
  });

  it('gives every variant a float32 sibling of the same network and format, and unique ids', () => {
    const ids = MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const v of variants) {
      const row = ZOO_VARIANTS.find((r) => v.id.endsWith(`-${r.format}-${r.precision}`));
      expect(row, v.id).toBeDefined();
      const sibling = byId.get(v.id.slice(0, -`-${row?.precision}`.length)) as ModelEntry;
      expect(sibling?.precision, v.id).toBeUndefined();
      expect(sibling.network).toBe(v.network);
      expect(sibling.format).toBe(v.format);
      expect(v.inputs).toEqual(sibling.inputs);
      expect(v.outputs).toEqual(sibling.outputs);
      expect(v.files.map((f) => f.path)).not.toEqual(sibling.files.map((f) => f.path));
    }
  });

  it('judges every variant by similarity to the float32 ONNX entry, permuted like its sibling', () => {
    for (const v of variants) {
      const sibling = byId.get(v.id.replace(/-(fp16|uint8|int8)$/, '')) as ModelEntry;
      const onnx = `${v.network}-onnx`;
      expect(byId.get(onnx)?.precision, v.id).toBeUndefined();
      expect(v.referenceOf, v.id).toEqual({ ...(sibling.referenceOf ?? {}), model: onnx });
      expect(v.check.similarity, v.id).toBeDefined();
      expect(v.check.similarity?.minCosine).toBeGreaterThan(0.9);
      expect(v.check.similarity?.minCosine).toBeLessThan(1);
      if (v.format === 'mediapipe-task') expect(v.check.similarity?.topK?.indicesOutput).toBe('indices');
      if (v.task === 'image classification') expect(v.check.similarity?.topK?.k).toBe(5);
      if (v.task === 'semantic segmentation') expect(v.check.similarity?.topK).toBeUndefined();
    }
  });

  it('says what each variant stores and computes: weight quantization computes in float32', () => {
    for (const v of variants) {
      const p = v.precision;
      expect(p?.stored, v.id).not.toBe('float32');
      if (v.id.endsWith('-fp16')) expect(p?.stored).toBe('float16');
      if (v.id.endsWith('-uint8')) expect(p?.stored).toBe('uint8');
      if (v.format === 'tfjs-graph') {
        expect(p?.computed, v.id).toBe('float32');
        expect(p?.note).toMatch(/float32/);
      }
    }
    expect(byId.get('zoo-mobilenet-v2-onnx-fp16')?.precision).toMatchObject({
      stored: 'float16',
      computed: 'float32',
      note: expect.stringMatching(/WebGPU/),
    });
  });

  it('says where GPU backends compute otherwise: float16 for the float16 .tflite and ONNX, not int8 for int8', () => {
    for (const v of variants) {
      const gpu = v.precision?.computedOnGpu;
      if (v.id.endsWith('-fp16') && (v.format === 'tflite' || v.format === 'onnx'))
        expect(gpu, v.id).toBe('float16');
      // No GPU delegate here documents int8 kernels: an int8 GPU figure is not int8 arithmetic.
      else if (v.id.endsWith('-int8')) expect(gpu, v.id).toBe('float32');
      // TF.js dequantizes at load on every backend; MediaPipe's GPU delegate computes float16 for
      // the float32 file too.
      else expect(gpu, v.id).toBeUndefined();
    }
    expect(byId.get('zoo-mobilenet-v2-tflite-fp16')?.precision?.note).toMatch(/fp16 precision/);
    expect(byId.get('zoo-mobilenet-v2-mediapipe-fp16')?.precision?.note).toMatch(/whatever the file stores/);
  });

  it('keeps variants out of quick and puts every one in full', () => {
    const quick = new Set(suiteById('quick').models);
    const full = new Set(suiteById('full').models);
    for (const v of variants) {
      expect(quick.has(v.id), v.id).toBe(false);
      expect(full.has(v.id), v.id).toBe(true);
    }
    expect([...quick].filter((id) => id.startsWith('zoo-mobilenet-v2-'))).toHaveLength(4);
  });
});

describe('float16 and uint8 arithmetic of the variant files', () => {
  it('rounds float32 to the nearest float16, ties to even, subnormals kept, clipped at 65504', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie: to the even mantissa
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // a tie: up to the even mantissa
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toFloat16Bits(2 ** -26)).toBe(0); // below half of it
    expect(toFloat16Bits(1e6)).toBe(0x7bff);
    expect(fromFloat16Bits(0x7bff)).toBe(FLOAT16_MAX);
    for (const x of [0.1, -3.14159, 1e-5, 12345.678, 2 ** -20]) {
      const back = fromFloat16Bits(toFloat16Bits(x));
      // Relative error at most half an ulp (2⁻¹¹) for normal numbers, absolute 2⁻²⁵ for subnormals.
      expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.max(Math.abs(x) * 2 ** -11, 2 ** -25));
    }
  });

  it('quantizes to uint8 with zero exact and every value within half a step', () => {
    const data = Float32Array.from([-0.7, -0.2, 0, 0.013, 0.5, 1.3]);
    const { bytes, min, scale } = quantizeUint8(data);
    expect(scale).toBeCloseTo(2 / 255, 6);
    const dequantized = Array.from(bytes, (q) => q * scale + min);
    expect(dequantized[2]).toBeCloseTo(0, 12);
    for (const [i, v] of data.entries())
      expect(Math.abs((dequantized[i] ?? 0) - v)).toBeLessThanOrEqual(scale / 2 + 1e-7);
    expect(quantizeUint8(Float32Array.of(0.25, 0.25))).toMatchObject({ min: 0.25, scale: 1 });
  });
});
