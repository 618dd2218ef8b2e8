/**
 * Emits one zoo graph in all three formats from one set of seeded weights; (emitVariants) the
 * same weights in lower-precision storage: ONNX float16, TFLite float16 weights, TF.js uint8 /
 * float16 weight quantization; and in int8 (ONNX QDQ and full-integer TFLite, calibrated by
 * calibrate.ts). The files are deterministic: same graph, version and seed → same bytes
 * (tests/node/zoo-emitters.test.ts, zoo-variants.test.ts, zoo-int8.test.ts).
 */
import { CALIBRATION, calibrate } from './calibrate.ts';
import { emitOnnx, onnxModel } from './emit-onnx.ts';
import { quantizeOnnx } from './emit-onnx-int8.ts';
import { emitTfjs, type TfjsModel } from './emit-tfjs.ts';
import { buildTflite, emitTflite } from './emit-tflite.ts';
import { quantizeTflite } from './emit-tflite-int8.ts';
import type { Graph } from './ir.ts';
import { toFloat16Model } from './onnx-fp16.ts';
import { encodeModel } from './onnx-proto.ts';
import { quantizeTfjs } from './tfjs-quantize.ts';
import { generateWeights } from './weights.ts';

/** Bumped whenever an emitter or the weight generator changes what it writes. */
export const ZOO_VERSION = 1;
/** The seed of every published zoo file. */
export const ZOO_SEED = 20261129;

/** The files of one emitted network, by file name. */
export interface ZooFiles {
  'model.onnx': Uint8Array;
  'model.json': Uint8Array;
  'weights.bin': Uint8Array;
  'model.tflite': Uint8Array;
}

/** What every file says it is. */
export function provenance(seed: number): string {
  return `generated: webml-atlas zoo v${ZOO_VERSION} seed ${seed}`;
}

/**
 * One graph's seeded weights and TF.js files, made once for emitAll, emitVariants and emitInt8
 * (each used to make its own: a third of emitting a network). Nothing writes into them.
 */
const prepared = new WeakMap<
  Graph,
  Map<number, { weights: ReadonlyMap<string, Float32Array>; tfjs: TfjsModel }>
>();

function prepare(
  graph: Graph,
  seed: number,
): { weights: ReadonlyMap<string, Float32Array>; tfjs: TfjsModel } {
  let bySeed = prepared.get(graph);
  if (!bySeed) prepared.set(graph, (bySeed = new Map()));
  let made = bySeed.get(seed);
  if (!made) {
    const weights = generateWeights(graph, seed);
    made = { weights, tfjs: emitTfjs(graph, weights) };
    bySeed.set(seed, made);
  }
  return made;
}

export function emitAll(graph: Graph, seed: number = ZOO_SEED): ZooFiles {
  const { weights, tfjs } = prepare(graph, seed);
  const doc = `${graph.name}; ${provenance(seed)}`;
  return {
    'model.onnx': emitOnnx(graph, weights, doc),
    'model.json': new TextEncoder().encode(tfjs.json),
    'weights.bin': tfjs.weights,
    'model.tflite': emitTflite(graph, weights, doc),
  };
}

/** The lower-precision files of one network, by file name. */
export interface ZooVariantFiles {
  'model.fp16.onnx': Uint8Array;
  'model.fp16.tflite': Uint8Array;
  'model.uint8.json': Uint8Array;
  'weights.uint8.bin': Uint8Array;
  'model.fp16.json': Uint8Array;
  'weights.fp16.bin': Uint8Array;
}

/** The same seeded weights as emitAll's, stored in float16 (ONNX, TFLite) and uint8/float16 (TF.js). */
export function emitVariants(graph: Graph, seed: number = ZOO_SEED): ZooVariantFiles {
  const { weights, tfjs } = prepare(graph, seed);
  const doc = `${graph.name}; ${provenance(seed)}`;
  const uint8 = quantizeTfjs(tfjs.json, tfjs.weights, 'uint8', 'weights.uint8.bin');
  const fp16 = quantizeTfjs(tfjs.json, tfjs.weights, 'float16', 'weights.fp16.bin');
  const text = (json: string) => new TextEncoder().encode(json);
  return {
    'model.fp16.onnx': encodeModel({ ...toFloat16Model(onnxModel(graph, weights, `${doc}; float16`)) }),
    'model.fp16.tflite': emitTflite(graph, weights, `${doc}; float16 weights`, 'float16'),
    'model.uint8.json': text(uint8.json),
    'weights.uint8.bin': uint8.weights,
    'model.fp16.json': text(fp16.json),
    'weights.fp16.bin': fp16.weights,
  };
}

/** The int8 files of one network. */
export interface ZooInt8Files {
  'model.int8.onnx': Uint8Array;
  'model.int8.tflite': Uint8Array;
}

/** What the int8 files say about their calibration. */
export const calibrationNote = (): string =>
  `int8, calibration ${CALIBRATION.method} over ${CALIBRATION.count} seeded inputs (seeds ${CALIBRATION.seeds.join(',')})`;

/** Calibrates `graph` and emits its int8 files (model I/O stays float32). */
export async function emitInt8(graph: Graph, seed: number = ZOO_SEED): Promise<ZooInt8Files> {
  const { weights } = prepare(graph, seed);
  const calibration = await calibrate(graph, weights);
  const doc = `${graph.name}; ${provenance(seed)}; ${calibrationNote()}`;
  return {
    'model.int8.onnx': encodeModel(quantizeOnnx(onnxModel(graph, weights, doc), calibration)),
    'model.int8.tflite': quantizeTflite(buildTflite(graph, weights), calibration, graph.name, doc),
  };
}
