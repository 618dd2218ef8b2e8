/**
 * Runs an emitted TF.js graph model on TensorFlow.js's wasm backend in Node. The project's
 * adapter cannot do this here: its wasm setup imports the backend's `.wasm` files through Vite
 * (`?url`), which Node cannot load; here it is pointed at the package's binaries on disk. Used by the
 * zoo tests to check the wasm kernels (whose `_FusedMatMul` with `transpose_b` is wrong in 4.22,
 * which the emitter avoids) against the other libraries.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { ZooFileName } from '../../src/suite/types.ts';
import type { Graph } from './ir.ts';
import { nhwc } from './layouts.ts';
import { type EmittedFiles, toNchw } from './run-node.ts';
import { nodeIndex, shapeOf } from './shapes.ts';
import { transpose } from './weights.ts';

const require = createRequire(import.meta.url);
/** The package's own binaries, by absolute path (a bundler, e.g. vitest's, hides them otherwise). */
const WASM_DIR = `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`;

/**
 * Runs the files' TF.js graph on the wasm backend with `image` (NCHW) as input: `model.json` +
 * `weights.bin`, or another pair (a weight-quantized variant's).
 */
export async function runTfjsWasm(
  graph: Graph,
  files: EmittedFiles,
  image: Float32Array,
  [jsonName, weightsName]: readonly [ZooFileName, ZooFileName] = ['model.json', 'weights.bin'],
): Promise<Float32Array> {
  setWasmPaths(WASM_DIR);
  if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm')
    throw new Error('TF.js wasm did not start');
  await tf.ready();
  const jsonBytes = files[jsonName];
  const weightBytes = files[weightsName];
  if (!jsonBytes || !weightBytes) throw new Error(`no ${jsonName} or ${weightsName} among the files`);
  const json = JSON.parse(new TextDecoder().decode(jsonBytes));
  const model = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: weightBytes.slice().buffer as ArrayBuffer,
    }),
  );
  const shape = shapeOf(nodeIndex(graph), graph.inputs[0] ?? '');
  const data = shape.length === 4 ? transpose(image, shape, [0, 2, 3, 1]) : image;
  const input = tf.tensor(data, nhwc(shape));
  try {
    const output = model.execute(input) as tf.Tensor;
    const values = toNchw(Float32Array.from((await output.data()) as Float32Array), output.shape);
    output.dispose();
    return values;
  } finally {
    input.dispose();
    model.dispose();
  }
}
