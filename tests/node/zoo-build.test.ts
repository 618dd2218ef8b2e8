/**
 * The zoo build writes each network's files (formats, float16 / uint8 variants, int8, MediaPipe
 * twins) where the manifest says, with the bytes and
 * sha256 it records, and writes the same bytes every time it runs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archById } from '../../tools/zoo/archs/index.ts';
import { buildArch } from '../../tools/zoo/build.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-zoo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('zoo build', () => {
  it('writes the files its manifest entry describes, the same bytes on every run', async () => {
    const arch = archById('squeezenet-1.1');
    const first = await buildArch(arch, 11, join(root, 'a', 'zoo'));
    const second = await buildArch(arch, 11, join(root, 'b', 'zoo'));
    expect(first.files.map((f) => f.path)).toEqual([
      'zoo/squeezenet-1.1/model.onnx',
      'zoo/squeezenet-1.1/model.json',
      'zoo/squeezenet-1.1/weights.bin',
      'zoo/squeezenet-1.1/model.tflite',
      'zoo/squeezenet-1.1/model.fp16.onnx',
      'zoo/squeezenet-1.1/model.fp16.tflite',
      'zoo/squeezenet-1.1/model.uint8.json',
      'zoo/squeezenet-1.1/weights.uint8.bin',
      'zoo/squeezenet-1.1/model.fp16.json',
      'zoo/squeezenet-1.1/weights.fp16.bin',
      'zoo/squeezenet-1.1/model.int8.onnx',
      'zoo/squeezenet-1.1/model.int8.tflite',
      'zoo/squeezenet-1.1/model.meta.tflite',
      'zoo/squeezenet-1.1/model.fp16.meta.tflite',
      'zoo/squeezenet-1.1/model.int8.meta.tflite',
    ]);
    for (const file of first.files) {
      const bytes = readFileSync(join(root, 'a', file.path));
      expect(bytes.byteLength).toBe(file.bytes);
      expect(sha256(bytes)).toBe(file.sha256);
    }
    expect(second.files).toEqual(first.files);
    expect(first.inputShape).toEqual([1, 3, 224, 224]);
    expect(first.params).toBe(1235496);
  });
});
