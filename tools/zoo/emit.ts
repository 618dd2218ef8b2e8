/**
 * Emits one zoo graph in all three formats from one set of seeded weights. The files are
 * deterministic: same graph, version and seed → same bytes (tests/node/zoo-emitters.test.ts).
 */
import { emitOnnx } from './emit-onnx.ts';
import { emitTfjs } from './emit-tfjs.ts';
import { emitTflite } from './emit-tflite.ts';
import type { Graph } from './ir.ts';
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

export function emitAll(graph: Graph, seed: number = ZOO_SEED): ZooFiles {
  const weights = generateWeights(graph, seed);
  const doc = `${graph.name}; ${provenance(seed)}`;
  const tfjs = emitTfjs(graph, weights);
  return {
    'model.onnx': emitOnnx(graph, weights, doc),
    'model.json': new TextEncoder().encode(tfjs.json),
    'weights.bin': tfjs.weights,
    'model.tflite': emitTflite(graph, weights, doc),
  };
}
