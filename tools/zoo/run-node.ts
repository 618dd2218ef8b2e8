/**
 * Runs emitted zoo files in Node through the project's own runtime adapters (the same code the
 * page's workers use): ONNX on onnxruntime-web, the TF.js graph on TensorFlow.js, the `.tflite`
 * on LiteRT.js. Feeds one seeded NCHW image (transposed to NHWC for the NHWC runtimes) and
 * returns the first output's values (rank-4 outputs in NCHW order), for comparing libraries.
 */
import type { ModelSource } from '../../src/measure/adapter.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { seededRandom } from '../../src/suite/inputs.ts';
import type { ModelFormat, ZooFileName } from '../../src/suite/types.ts';
import { type Graph } from './ir.ts';
import { nhwc } from './layouts.ts';
import { elementCount, nodeIndex, shapeOf } from './shapes.ts';
import { transpose } from './weights.ts';

/** A runtime and backend to run one format on. */
export interface Target {
  runtime: 'ort' | 'tfjs' | 'litert';
  backend: string;
}

const FORMAT: Readonly<Record<Target['runtime'], ModelFormat>> = Object.freeze({
  ort: 'onnx',
  tfjs: 'tfjs-graph',
  litert: 'tflite',
});

const toBuffer = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;

/** Emitted files by name (the float32 formats, their variants, or both). */
export type EmittedFiles = Partial<Record<ZooFileName, Uint8Array>>;

// The float32 files of each format the zoo emits; layers models and MediaPipe tasks are not made here.
const FLOAT32_FILES: Partial<Record<ModelFormat, readonly ZooFileName[]>> = {
  onnx: ['model.onnx'],
  'tfjs-graph': ['model.json', 'weights.bin'],
  tflite: ['model.tflite'],
};

function source(
  graph: Graph,
  files: EmittedFiles,
  format: ModelFormat,
  names = FLOAT32_FILES[format],
): ModelSource {
  if (!names) throw new Error(`the zoo emits no ${format} files`);
  return {
    id: graph.name,
    format,
    outputs: [...graph.outputs],
    files: names.map((p) => {
      const bytes = files[p];
      if (!bytes) throw new Error(`no ${p} among the emitted files`);
      return { path: p, bytes: toBuffer(bytes) };
    }),
  };
}

/** Seeded uniform [0, 1) image in the graph's NCHW input shape. */
export function seededImage(graph: Graph, seed = 7): Float32Array {
  const shape = shapeOf(nodeIndex(graph), graph.inputs[0] ?? '');
  const random = seededRandom(seed);
  return Float32Array.from({ length: elementCount(shape) }, () => random());
}

/**
 * Runs the files for `target` on `image` (NCHW) and returns the first output's values: the
 * format's float32 files, or the ones named in `names` (a variant's, e.g. `model.fp16.onnx`).
 */
export async function runZoo(
  graph: Graph,
  files: EmittedFiles,
  target: Target,
  image: Float32Array,
  names?: readonly ZooFileName[],
): Promise<Float32Array> {
  const format = FORMAT[target.runtime];
  const inputId = graph.inputs[0] ?? '';
  const shape = shapeOf(nodeIndex(graph), inputId);
  const nchw = format === 'onnx';
  const data = nchw || shape.length !== 4 ? image : transpose(image, shape, [0, 2, 3, 1]);
  const adapter = await loadAdapter(target.runtime);
  const session = await adapter.load({
    model: source(graph, files, format, names),
    backend: target.backend,
    options: target.runtime === 'tfjs' ? {} : { threads: 1 },
  });
  try {
    const [out] = await session.run([
      { name: inputId, dtype: 'float32', shape: nchw ? [...shape] : nhwc(shape), data },
    ]);
    if (!out) throw new Error(`${target.runtime} returned no output`);
    const values = Float32Array.from(out.data as Float32Array);
    return nchw ? values : toNchw(values, out.shape);
  } finally {
    await session.dispose();
  }
}

/** An NHWC runtime's rank-4 output in ONNX's NCHW element order (other ranks unchanged). */
export function toNchw(values: Float32Array, shape: readonly number[]): Float32Array {
  return shape.length === 4 ? transpose(values, shape, [0, 3, 1, 2]) : values;
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}
