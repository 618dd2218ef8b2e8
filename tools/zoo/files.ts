/**
 * Every file the zoo publishes for one architecture: the three formats (emit.ts), their
 * lower-precision variants (emitVariants: ONNX float16, TFLite float16 weights, TF.js uint8 and
 * float16 weight quantization) and, for image classifiers, `model.meta.tflite` and
 * `model.fp16.meta.tflite` — the `.tflite` files with the TFLite metadata MediaPipe's
 * ImageClassifier needs to feed them (RGB pixels normalised as `(p − 127.5) / 127.5`, the zoo's
 * own input convention), written by the project's metadata writer.
 */
import type { ZooFileName } from '../../src/suite/types.ts';
import { addTfliteMetadata } from '../models/tflite-metadata.ts';
import type { Arch } from './archs/index.ts';
import { emitAll, emitVariants, ZOO_SEED } from './emit.ts';
import type { Graph } from './ir.ts';

/** Whether MediaPipe's ImageClassifier can run the architecture (one image in, class scores out). */
export const isClassifier = (arch: Arch): boolean => arch.task === 'image classification';

/** `tflite` with the classifier metadata MediaPipe's ImageClassifier reads. */
const withMetadata = (arch: Arch, graph: Graph, tflite: Uint8Array) =>
  addTfliteMetadata(tflite, {
    name: arch.id,
    input: { name: graph.inputs[0] ?? 'input', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
    outputs: [...graph.outputs],
  });

/** The zoo's files of `arch` at its published size, by file name. */
export function zooFiles(arch: Arch, seed = ZOO_SEED): Partial<Record<ZooFileName, Uint8Array>> {
  const graph = arch.build(arch.size);
  const files: Partial<Record<ZooFileName, Uint8Array>> = {
    ...emitAll(graph, seed),
    ...emitVariants(graph, seed),
  };
  const tflite = files['model.tflite'];
  const fp16 = files['model.fp16.tflite'];
  if (isClassifier(arch) && tflite && fp16) {
    files['model.meta.tflite'] = withMetadata(arch, graph, tflite);
    files['model.fp16.meta.tflite'] = withMetadata(arch, graph, fp16);
  }
  return files;
}
