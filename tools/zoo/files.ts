/**
 * Every file the zoo publishes for one architecture: the three formats (emit.ts) and, for image
 * classifiers, `model.meta.tflite` — the same `.tflite` with the TFLite metadata MediaPipe's
 * ImageClassifier needs to feed it (RGB pixels normalised as `(p − 127.5) / 127.5`, the zoo's own
 * input convention), written by the project's metadata writer.
 */
import type { ZooFileName } from '../../src/suite/types.ts';
import { addTfliteMetadata } from '../models/tflite-metadata.ts';
import type { Arch } from './archs/index.ts';
import { emitAll, ZOO_SEED } from './emit.ts';

/** Whether MediaPipe's ImageClassifier can run the architecture (one image in, class scores out). */
export const isClassifier = (arch: Arch): boolean => arch.task === 'image classification';

/** The zoo's files of `arch` at its published size, by file name. */
export function zooFiles(arch: Arch, seed = ZOO_SEED): Partial<Record<ZooFileName, Uint8Array>> {
  const graph = arch.build(arch.size);
  const files: Partial<Record<ZooFileName, Uint8Array>> = { ...emitAll(graph, seed) };
  const tflite = files['model.tflite'];
  if (isClassifier(arch) && tflite) {
    files['model.meta.tflite'] = addTfliteMetadata(tflite, {
      name: arch.id,
      input: { name: graph.inputs[0] ?? 'input', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
      outputs: [...graph.outputs],
    });
  }
  return files;
}
