/**
 * The zoo's reduced-precision variants run on every library that claims them and stay close to
 * their float32 network: each architecture, emitted small (64×64 images, an arch's `testSize`),
 * runs its float16 ONNX on ORT wasm, its float16-weight `.tflite` on LiteRT.js wasm and its
 * uint8 / float16 weight-quantized TF.js graph on TF.js cpu and wasm; each output is judged by
 * the product's own similarity check (src/measure/similarity.ts) with the catalog's bounds
 * (src/suite/models/zoo-variants.ts) against the float32 ONNX output on ORT. A mis-scaled file
 * must fail that check, and emitting twice gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutputTensor } from '../../src/measure/adapter.ts';
import { fingerprint } from '../../src/measure/check.ts';
import { checkSimilarity } from '../../src/measure/similarity.ts';
import { similarityOf, ZOO_VARIANTS, type ZooVariant } from '../../src/suite/models/zoo-variants.ts';
import type { ModelReference, ZooFileName } from '../../src/suite/types.ts';
import { ARCHS, type Arch } from '../../tools/zoo/archs/index.ts';
import { emitAll, emitVariants } from '../../tools/zoo/emit.ts';
import type { Graph } from '../../tools/zoo/ir.ts';
import { type EmittedFiles, maxAbsDiff, runZoo, seededImage } from '../../tools/zoo/run-node.ts';
import { runTfjsWasm } from '../../tools/zoo/tfjs-wasm-node.ts';

const SIZE = 64;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const variant = (format: ZooVariant['format'], precision: ZooVariant['precision']): ZooVariant => {
  const found = ZOO_VARIANTS.find((v) => v.format === format && v.precision === precision);
  if (!found) throw new Error(`no ${format} ${precision} variant in the catalog table`);
  return found;
};

/** The float32 network's output on ORT wasm as the check's reference (top 5 kept, as `npm run references` keeps it). */
function referenceOf(graph: Graph, values: Float32Array): ModelReference {
  const output: OutputTensor = {
    name: graph.outputs[0] ?? '',
    dtype: 'float32',
    shape: [values.length],
    data: values,
  };
  return { model: graph.name, computedWith: 'ort wasm (test)', outputs: [fingerprint(output, 5)] };
}

const asOutput = (graph: Graph, values: Float32Array): OutputTensor[] => [
  { name: graph.outputs[0] ?? '', dtype: 'float32', shape: [values.length], data: values },
];

/** Every variant file of `files` on every library claiming it, by label. */
async function runVariants(graph: Graph, files: EmittedFiles, image: Float32Array) {
  const tfjs = (json: ZooFileName, bin: ZooFileName) => [json, bin] as const;
  return {
    'onnx fp16 · ort wasm': [
      variant('onnx', 'fp16'),
      await runZoo(graph, files, { runtime: 'ort', backend: 'wasm' }, image, ['model.fp16.onnx']),
    ],
    'tflite fp16 · litert wasm': [
      variant('tflite', 'fp16'),
      await runZoo(graph, files, { runtime: 'litert', backend: 'wasm' }, image, ['model.fp16.tflite']),
    ],
    'tfjs fp16 · tfjs cpu': [
      variant('tfjs', 'fp16'),
      await runZoo(graph, files, { runtime: 'tfjs', backend: 'cpu' }, image, [
        ...tfjs('model.fp16.json', 'weights.fp16.bin'),
      ]),
    ],
    'tfjs uint8 · tfjs cpu': [
      variant('tfjs', 'uint8'),
      await runZoo(graph, files, { runtime: 'tfjs', backend: 'cpu' }, image, [
        ...tfjs('model.uint8.json', 'weights.uint8.bin'),
      ]),
    ],
    'tfjs fp16 · tfjs wasm': [
      variant('tfjs', 'fp16'),
      await runTfjsWasm(graph, files, image, tfjs('model.fp16.json', 'weights.fp16.bin')),
    ],
    'tfjs uint8 · tfjs wasm': [
      variant('tfjs', 'uint8'),
      await runTfjsWasm(graph, files, image, tfjs('model.uint8.json', 'weights.uint8.bin')),
    ],
  } as const;
}

describe('zoo variants', () => {
  it.each(ARCHS.map((a) => [a.id, a] as const))(
    '%s: every variant runs on its libraries and passes the similarity check against float32',
    async (_, arch: Arch) => {
      const graph = arch.build(arch.testSize ?? SIZE);
      const files: EmittedFiles = { ...emitAll(graph), ...emitVariants(graph) };
      const image = seededImage(graph);
      const float32 = await runZoo(graph, files, { runtime: 'ort', backend: 'wasm' }, image);
      const reference = referenceOf(graph, float32);
      const results = await runVariants(graph, files, image);
      for (const [label, [v, values]] of Object.entries(results)) {
        const result = checkSimilarity(asOutput(graph, values), reference, similarityOf(v, arch.task));
        console.log(
          `${arch.id} ${label}: ${result.metric} ${result.value.toFixed(6)} (≥ ${result.tolerance})`,
        );
        expect(result, `${arch.id} ${label}`).toMatchObject({ ok: true });
        // Reduced precision changes the numbers (a variant that matched exactly would test nothing).
        expect(maxAbsDiff(values, float32), `${arch.id} ${label}`).toBeGreaterThan(0);
      }
    },
    180_000,
  );

  it('runs the float16 MobileNetV2 ONNX in float32 on ORT wasm (no float16 kernels for its Conv, Add, Gemm)', async () => {
    // ORT folds the float16 weights into float32 nodes, so its output lands on what LiteRT.js
    // computes in float32 from the same float16-rounded weights, far closer than to float32.
    // (Chains of ops ORT has float16 kernels for — LayerNormalization, Concat, Slice, Transpose,
    // Reshape — keep float16 activations: BERT, ShuffleNet, DenseNet; docs/QUIRKS.md.)
    const arch = ARCHS.find((a) => a.id === 'mobilenet-v2') as Arch;
    const graph = arch.build(SIZE);
    const files: EmittedFiles = { ...emitAll(graph), ...emitVariants(graph) };
    const image = seededImage(graph);
    const ort = { runtime: 'ort', backend: 'wasm' } as const;
    const float32 = await runZoo(graph, files, ort, image);
    const ortFp16 = await runZoo(graph, files, ort, image, ['model.fp16.onnx']);
    const litertFp16 = await runZoo(graph, files, { runtime: 'litert', backend: 'wasm' }, image, [
      'model.fp16.tflite',
    ]);
    const fromFloat32 = maxAbsDiff(ortFp16, float32);
    console.log(
      `mobilenet-v2 ORT fp16: ${maxAbsDiff(ortFp16, litertFp16)} from LiteRT fp16, ${fromFloat32} from float32`,
    );
    expect(fromFloat32).toBeGreaterThan(0);
    expect(maxAbsDiff(ortFp16, litertFp16)).toBeLessThan(fromFloat32 / 10);
  }, 120_000);

  it('fails a uint8 file whose logits scale is doubled, and one whose weights are scrambled', async () => {
    const arch = ARCHS.find((a) => a.id === 'mobilenet-v2') as Arch;
    const graph = arch.build(SIZE);
    const files: EmittedFiles = { ...emitAll(graph), ...emitVariants(graph) };
    const image = seededImage(graph);
    const reference = referenceOf(
      graph,
      await runZoo(graph, files, { runtime: 'ort', backend: 'wasm' }, image),
    );
    const check = similarityOf(variant('tfjs', 'uint8'), arch.task);
    const names = ['model.uint8.json', 'weights.uint8.bin'] as const;
    const json = JSON.parse(new TextDecoder().decode(files['model.uint8.json']));
    const judge = async (model: unknown, weights = files['weights.uint8.bin']) => {
      const bad: EmittedFiles = {
        ...files,
        'model.uint8.json': new TextEncoder().encode(JSON.stringify(model)),
      };
      if (weights) bad['weights.uint8.bin'] = weights;
      return checkSimilarity(asOutput(graph, await runTfjsWasm(graph, bad, image, names)), reference, check);
    };

    const misScaled = structuredClone(json);
    for (const spec of misScaled.weightsManifest[0].weights) {
      if (spec.name.startsWith('logits') && spec.quantization) {
        spec.quantization.scale *= 2;
        spec.quantization.min *= 2;
      }
    }
    expect(await judge(misScaled)).toMatchObject({ ok: false, metric: 'normRatio' });

    // Each quantized tensor's bytes in reverse order: valid uint8 values of the right range, in the wrong places.
    const scrambled = Uint8Array.from(files['weights.uint8.bin'] ?? []);
    let offset = 0;
    for (const spec of json.weightsManifest[0].weights as { shape: number[]; quantization?: unknown }[]) {
      const length = spec.shape.reduce((n, d) => n * d, 1) * (spec.quantization ? 1 : 4);
      if (spec.quantization) scrambled.subarray(offset, offset + length).reverse();
      offset += length;
    }
    const result = await judge(json, scrambled);
    expect(result.ok, JSON.stringify(result)).toBe(false);
  }, 120_000);

  it('halves the float16 files, quarters the uint8 weights and marks every float32 TF.js weight quantized', () => {
    const arch = ARCHS.find((a) => a.id === 'mobilenet-v3-small') as Arch;
    const graph = arch.build(SIZE);
    const float32 = emitAll(graph);
    const variants = emitVariants(graph);
    // Weights dominate: float16 about halves each file, uint8 about quarters the TF.js weights.
    const ratio = (a: Uint8Array, b: Uint8Array) => a.byteLength / b.byteLength;
    expect(ratio(variants['model.fp16.onnx'], float32['model.onnx'])).toBeGreaterThan(0.45);
    expect(ratio(variants['model.fp16.onnx'], float32['model.onnx'])).toBeLessThan(0.55);
    expect(ratio(variants['model.fp16.tflite'], float32['model.tflite'])).toBeLessThan(0.56);
    expect(ratio(variants['weights.fp16.bin'], float32['weights.bin'])).toBeCloseTo(0.5, 2);
    expect(ratio(variants['weights.uint8.bin'], float32['weights.bin'])).toBeCloseTo(0.25, 2);
    const manifest = (bytes: Uint8Array) =>
      JSON.parse(new TextDecoder().decode(bytes)).weightsManifest[0] as {
        paths: string[];
        weights: { dtype: string; quantization?: { dtype: string; min?: number; scale?: number } }[];
      };
    const uint8 = manifest(variants['model.uint8.json']);
    expect(uint8.paths).toEqual(['weights.uint8.bin']);
    for (const w of uint8.weights) {
      if (w.dtype === 'float32') expect(w.quantization).toMatchObject({ dtype: 'uint8' });
      else expect(w.quantization).toBeUndefined();
    }
    const fp16 = manifest(variants['model.fp16.json']);
    expect(fp16.paths).toEqual(['weights.fp16.bin']);
    expect(
      fp16.weights.filter((w) => w.dtype === 'float32').every((w) => w.quantization?.dtype === 'float16'),
    ).toBe(true);
  });

  it('writes byte-identical variant files when run twice', () => {
    const arch = ARCHS.find((a) => a.id === 'squeezenet-1.1') as Arch;
    const hashes = () =>
      Object.fromEntries(
        Object.entries(emitVariants(arch.build(SIZE))).map(([name, b]) => [name, sha256(b)]),
      );
    const first = hashes();
    expect(Object.keys(first)).toHaveLength(6);
    expect(hashes()).toEqual(first);
  });
});
