/**
 * The zoo's int8 files run and agree with their float32 network: every architecture, emitted at
 * the small test size with its own calibration, runs as ONNX QDQ on onnxruntime-web (wasm) and as
 * full-integer TFLite on LiteRT.js (wasm), and its output's cosine similarity with the float32
 * file's output on the same library (on the catalog's input seed, not a calibration seed) stays
 * at or above COSINE_BOUND; classifiers keep at least 3 of their float32 top 5. A file whose
 * first weight is scaled ×8 (the same int8 values under a scale 8× too large) falls below the
 * bound. Emitting twice gives the same bytes, and ORT really runs the int8 ONNX on integer
 * kernels (its profile lists QLinearConv/QGemm and no float Conv/Gemm); `npm run models`'s
 * generator reproduces the int8 files zoo.json records. Figures are printed.
 */
import { createHash } from 'node:crypto';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeInput } from '../../src/suite/inputs.ts';
import zoo from '../../src/suite/models/zoo.json' with { type: 'json' };
import type { GeneratedFile, ZooFileName } from '../../src/suite/types.ts';
import { generateFiles } from '../../tools/models/generate.ts';
import { hashFile } from '../../tools/models/verified-files.ts';
import { ARCHS, archById } from '../../tools/zoo/archs/index.ts';
import { type Calibration, calibrate, calibrationInput } from '../../tools/zoo/calibrate.ts';
import { emitAll, emitInt8, provenance, ZOO_SEED } from '../../tools/zoo/emit.ts';
import { onnxModel } from '../../tools/zoo/emit-onnx.ts';
import { quantizeOnnx } from '../../tools/zoo/emit-onnx-int8.ts';
import { buildTflite } from '../../tools/zoo/emit-tflite.ts';
import { quantizeTflite } from '../../tools/zoo/emit-tflite-int8.ts';
import { cosine, top5Overlap } from '../../tools/zoo/int8-report.ts';
import type { Graph } from '../../tools/zoo/ir.ts';
import { encodeModel } from '../../tools/zoo/onnx-proto.ts';
import { runZoo, type Target } from '../../tools/zoo/run-node.ts';
import { generateWeights } from '../../tools/zoo/weights.ts';

// ORT's wasm prints its profile in Node with fs.writeSync(1, …): catch those lines.
const profile: string[] = [];
const writeSync = fs.writeSync;
fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
  if (fd === 1 && typeof data === 'string' && data.includes('kernel_time')) {
    profile.push(data);
    return data.length;
  }
  return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
}) as typeof fs.writeSync;

/**
 * Lowest cosine similarity accepted between int8 and float32 outputs. Measured at full size on
 * the catalog's input: 0.9982 (BERT-mini on LiteRT.js) to 0.99995, most above 0.9997; a ×8
 * weight scale gave ≤ 0.9 (printed below). 0.99 leaves room for the small test sizes and still
 * sits far above what a wrong scale gives.
 */
const COSINE_BOUND = 0.99;
const SIZE = 64;
/** The catalog's input seed (src/suite/models/zoo.ts): not one of the calibration seeds. */
const INPUT_SEED = 2026;
const ORT: Target = { runtime: 'ort', backend: 'wasm' };
const LITERT: Target = { runtime: 'litert', backend: 'wasm' };

const scratch = mkdtempSync(join(tmpdir(), 'atlas-zoo-int8-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Agreement {
  cosine: number;
  top5: number;
}

/** Float32 and int8 outputs of `graph` on one library, compared. */
async function agreement(graph: Graph, int8: Uint8Array, target: Target): Promise<Agreement> {
  const files = emitAll(graph);
  const image = makeInput(calibrationInput(graph, INPUT_SEED)).data as Float32Array;
  const key = target.runtime === 'ort' ? 'model.onnx' : 'model.tflite';
  const float = await runZoo(graph, files, target, image);
  const quantized = await runZoo(graph, { ...files, [key]: int8 }, target, image);
  return { cosine: cosine(float, quantized), top5: top5Overlap(float, quantized) };
}

/** The int8 files of `graph` with its first weight's values (and so its int8 scales) × 8, calibrated on the right network. */
function misScaled(graph: Graph, calibration: Calibration): { onnx: Uint8Array; tflite: Uint8Array } {
  const weights = generateWeights(graph, 20261129);
  const first = [...graph.weights.keys()][0] ?? '';
  weights.set(
    first,
    (weights.get(first) as Float32Array).map((v) => v * 8),
  );
  return {
    onnx: encodeModel(quantizeOnnx(onnxModel(graph, weights, 'mis-scaled'), calibration)),
    tflite: quantizeTflite(buildTflite(graph, weights), calibration, graph.name, 'mis-scaled'),
  };
}

const isClassifier = (graph: Graph) => graph.nodes.at(-1)?.shape.join() === '1,1000';

describe('zoo int8 files', () => {
  it.each(ARCHS.map((a) => [a.id, a] as const))(
    '%s: int8 agrees with float32 on ORT and LiteRT.js',
    async (id, arch) => {
      const graph = arch.build(arch.testSize ?? SIZE);
      const files = await emitInt8(graph);
      const ort = await agreement(graph, files['model.int8.onnx'], ORT);
      const litert = await agreement(graph, files['model.int8.tflite'], LITERT);
      console.info(
        `int8 ${id} @${arch.testSize ?? SIZE}: ORT cos ${ort.cosine.toFixed(5)} top5 ${ort.top5}/5, ` +
          `LiteRT.js cos ${litert.cosine.toFixed(5)} top5 ${litert.top5}/5`,
      );
      for (const a of [ort, litert]) {
        expect(a.cosine).toBeGreaterThanOrEqual(COSINE_BOUND);
        if (isClassifier(graph)) expect(a.top5).toBeGreaterThanOrEqual(3);
      }
    },
    120_000,
  );

  it('a weight scaled ×8 breaks agreement on both libraries', async () => {
    const graph = archById('mobilenet-v2').build(SIZE);
    const calibration = await calibrate(graph, generateWeights(graph, 20261129));
    const bad = misScaled(graph, calibration);
    const ort = await agreement(graph, bad.onnx, ORT);
    const litert = await agreement(graph, bad.tflite, LITERT);
    console.info(
      `int8 mis-scaled mobilenet-v2: ORT cos ${ort.cosine.toFixed(4)}, LiteRT.js cos ${litert.cosine.toFixed(4)}`,
    );
    expect(ort.cosine).toBeLessThan(COSINE_BOUND);
    expect(litert.cosine).toBeLessThan(COSINE_BOUND);
  }, 60_000);

  it('emits the same bytes twice', async () => {
    const graph = archById('bert-mini-encoder').build(SIZE);
    const [a, b] = [await emitInt8(graph), await emitInt8(graph)];
    expect(sha256(a['model.int8.onnx'])).toBe(sha256(b['model.int8.onnx']));
    expect(sha256(a['model.int8.tflite'])).toBe(sha256(b['model.int8.tflite']));
  }, 60_000);

  it('runs on ORT’s integer kernels: QLinearConv and QGemm, no float Conv or Gemm', async () => {
    const ort = await import('onnxruntime-web/wasm');
    const graph = archById('mobilenet-v2').build(SIZE);
    const files = await emitInt8(graph);
    const convs = graph.nodes.filter((n) => n.op === 'conv2d').length;
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(files['model.int8.onnx'], {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      enableProfiling: true,
    });
    const input = makeInput(calibrationInput(graph, INPUT_SEED));
    await session.run({ [input.name]: new ort.Tensor('float32', input.data as Float32Array, input.shape) });
    profile.length = 0;
    session.endProfiling();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await session.release();
    const ops = [...profile.join('\n').matchAll(/"op_name" : "([^"]+)"/g)].map((m) => m[1] ?? '');
    const count = (op: string) => ops.filter((o) => o === op).length;
    console.info(
      `int8 mobilenet-v2 ORT kernels: ${[...new Set(ops)].map((o) => `${o}×${count(o)}`).join(', ')}`,
    );
    expect(count('QLinearConv')).toBe(convs);
    expect(count('QGemm')).toBe(1);
    expect(count('Conv') + count('Gemm')).toBe(0);
  }, 60_000);

  it('`npm run models` generates the int8 files zoo.json records, byte for byte', async () => {
    const arch = 'squeezenet-1.1';
    const recorded = zoo.networks.find((n) => n.arch === arch)?.files as Record<
      string,
      { bytes: number; sha256: string }
    >;
    const names: ZooFileName[] = ['model.int8.onnx', 'model.int8.tflite', 'model.int8.meta.tflite'];
    const files: GeneratedFile[] = names.map((file) => ({
      path: `zoo/${arch}/${file}`,
      ...(recorded[file] as { bytes: number; sha256: string }),
      from: provenance(ZOO_SEED),
      license: 'MIT',
      generated: { arch, file },
    }));
    const dest = join(scratch, 'models');
    expect((await generateFiles(files, dest)).sort()).toEqual(files.map((f) => f.path).sort());
    for (const file of files) {
      expect(await hashFile(join(dest, file.path))).toEqual({ bytes: file.bytes, sha256: file.sha256 });
    }
  }, 60_000);
});
