/**
 * Every file the zoo publishes for one architecture: the three formats, their float16 / uint8
 * variants and the two int8 files (emit.ts) and, for image classifiers, `model.meta.tflite`,
 * `model.fp16.meta.tflite` and `model.int8.meta.tflite` — the float32, float16-weight and int8
 * `.tflite` with the TFLite metadata MediaPipe's ImageClassifier needs to feed them (RGB pixels
 * normalised as `(p − 127.5) / 127.5`, the zoo's own input convention; every one keeps a float32
 * input, so the same metadata fits), written by the project's metadata writer.
 */
import type { ZooFileName } from '../../src/suite/types.ts';
import { addTfliteMetadata } from '../models/tflite-metadata.ts';
import type { Arch } from './archs/index.ts';
import { emitAll, emitInt8, emitVariants, ZOO_SEED } from './emit.ts';

/** Whether MediaPipe's ImageClassifier can run the architecture (one image in, class scores out). */
export const isClassifier = (arch: Arch): boolean => arch.task === 'image classification';

/** The `.tflite` files that get a MediaPipe twin with metadata, and the twin's name. */
const WITH_METADATA = [
  ['model.tflite', 'model.meta.tflite'],
  ['model.fp16.tflite', 'model.fp16.meta.tflite'],
  ['model.int8.tflite', 'model.int8.meta.tflite'],
] as const;

/**
 * The zoo's files of `arch` at its published size, by file name. The int8 files need a
 * calibration run (seconds per network): `int8: false` leaves them out.
 */
export async function zooFiles(
  arch: Arch,
  seed = ZOO_SEED,
  { int8 = true }: { int8?: boolean } = {},
): Promise<Partial<Record<ZooFileName, Uint8Array>>> {
  const graph = arch.build(arch.size);
  const files: Partial<Record<ZooFileName, Uint8Array>> = {
    ...emitAll(graph, seed),
    ...emitVariants(graph, seed),
    ...(int8 ? await emitInt8(graph, seed) : {}),
  };
  for (const [plain, meta] of WITH_METADATA) {
    const tflite = files[plain];
    if (!isClassifier(arch) || !tflite) continue;
    files[meta] = addTfliteMetadata(tflite, {
      name: arch.id,
      input: { name: graph.inputs[0] ?? 'input', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
      outputs: [...graph.outputs],
    });
  }
  return files;
}
