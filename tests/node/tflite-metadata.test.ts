/**
 * Our TFLite metadata writer on the real BlazeFace and selfie-segmentation files: the result reads
 * back (flatbuffers reader) with the metadata we wrote, keeps the original bytes untouched, is
 * still a valid model that LiteRT.js loads and runs to the same outputs, is deterministic, and
 * bad input is refused with a clear error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { makeInputs } from '../../src/suite/inputs.ts';
import type { TfliteMetadataParams } from '../../src/suite/types.ts';
import { MODELS_DIR, modelSource } from '../../tools/models/references.ts';
import {
  addTfliteMetadata,
  METADATA_NAME,
  metadataNames,
  readTfliteMetadata,
  TfliteMetadataError,
} from '../../tools/models/tflite-metadata.ts';

const FACE = 'mediapipe/face_detection_short_range.tflite';
const PARAMS: TfliteMetadataParams = {
  name: 'face_detection_short_range',
  input: { name: 'input', mean: [127.5], std: [127.5] },
  outputs: ['regressors', 'classificators'],
};

const read = (path: string) => new Uint8Array(readFileSync(join(MODELS_DIR, path)));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('TFLite metadata writer', () => {
  it('writes metadata that reads back, keeping every original byte after a 16-byte aligned front', () => {
    const original = read(FACE);
    const out = addTfliteMetadata(original, PARAMS);
    const shift = out.length - original.length;
    expect(shift % 16).toBe(0);
    expect(shift).toBeGreaterThan(0);
    expect(sha(out.subarray(shift))).toBe(sha(original));
    expect(new TextDecoder().decode(out.subarray(4, 8))).toBe('TFL3');
    expect(metadataNames(out)).toEqual([...metadataNames(original), METADATA_NAME]);
    const meta = readTfliteMetadata(out);
    expect(meta).toMatchObject({
      name: PARAMS.name,
      inputs: [{ name: 'input', colorSpace: 1, mean: [127.5], std: [127.5] }],
      outputs: PARAMS.outputs,
    });
    expect(new TextDecoder().decode(meta?.bytes.subarray(4, 8))).toBe('M001');
    // The metadata buffer's data starts 16-byte aligned (schema: force_align 16).
    expect((meta?.bytes.byteOffset ?? 1) % 16).toBe(0);
    expect(readTfliteMetadata(original)).toBeUndefined();
  });

  it('is deterministic and depends on its parameters', () => {
    const original = read(FACE);
    const a = sha(addTfliteMetadata(original, PARAMS));
    expect(sha(addTfliteMetadata(read(FACE), PARAMS))).toBe(a);
    const other = { ...PARAMS, input: { ...PARAMS.input, mean: [0], std: [255] } };
    expect(sha(addTfliteMetadata(original, other))).not.toBe(a);
  });

  it('leaves a model LiteRT.js loads and runs to the same outputs as the original', async () => {
    const model = modelById('face-detection-short');
    const source = modelSource(model);
    const original = new Uint8Array(source.files[0]?.bytes ?? new ArrayBuffer(0));
    const withMetadata = addTfliteMetadata(original, PARAMS);
    const adapter = await loadAdapter('litert');
    const inputs = makeInputs(model.inputs);
    const run = async (bytes: Uint8Array) => {
      const session = await adapter.load({
        model: { ...source, files: [{ path: FACE, bytes: bytes.slice().buffer }] },
        backend: 'wasm',
        options: { threads: 1 },
      });
      try {
        return await session.run(inputs);
      } finally {
        await session.dispose();
      }
    };
    const [want, got] = [await run(original), await run(withMetadata)];
    expect(got.map((o) => o.shape)).toEqual(want.map((o) => o.shape));
    for (const [i, out] of got.entries()) expect(out.data).toEqual(want[i]?.data);
  });

  it('refuses input that is not a TFLite model, and a model that already has metadata', () => {
    expect(() => addTfliteMetadata(new Uint8Array(8), PARAMS)).toThrow(/not a TFLite model/);
    const onnx = read('ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx');
    expect(() => addTfliteMetadata(onnx, PARAMS)).toThrow(TfliteMetadataError);
    expect(() => addTfliteMetadata(onnx, PARAMS)).toThrow(/no "TFL3" file identifier/);
    const once = addTfliteMetadata(read(FACE), PARAMS);
    expect(() => addTfliteMetadata(once, PARAMS)).toThrow(/already has a TFLITE_METADATA entry/);
  });
});
