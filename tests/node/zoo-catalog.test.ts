/**
 * The model zoo as the suite sees it: every non-ONNX entry of a zoo network, run on its own
 * format's reference backend (TF.js cpu, LiteRT.js wasm), passes the output check against the
 * reference taken from ONNX Runtime wasm (permuted to NHWC where the output is an image); a
 * layout mix-up fails it; `npm run models` regenerates exactly the recorded bytes and refuses a
 * catalog that no longer matches the emitters. Needs `npm run models`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputs } from '../../src/measure/check.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import zoo from '../../src/suite/models/zoo.json' with { type: 'json' };
import { referenceFor } from '../../src/suite/references.ts';
import { type GeneratedFile, isGenerated, type ModelEntry } from '../../src/suite/types.ts';
import { generatedFiles, generateFiles } from '../../tools/models/generate.ts';
import { MODELS_DIR, runOnReferenceBackend, topK } from '../../tools/models/references.ts';
import { FetchError, hashFile } from '../../tools/models/verified-files.ts';
import { archById } from '../../tools/zoo/archs/index.ts';
import { recordArch } from '../../tools/zoo/catalog.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-zoo-catalog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The float32 entries of a network (its reduced-precision variants: tests/node/zoo-variants.test.ts). */
const entriesOf = (network: string) => MODELS.filter((m) => m.network === network && !m.precision);
const variantsOf = (network: string) => MODELS.filter((m) => m.network === network && m.precision);

function reference(model: ModelEntry) {
  const ref = referenceFor(model.id);
  if (!ref) throw new Error(`no reference for ${model.id}`);
  return ref;
}

describe('zoo networks in the catalog', () => {
  it('list every zoo network in three formats, the image classifiers as MediaPipe tasks too, and each one’s variants', () => {
    const networks = new Set(MODELS.filter((m) => m.source === 'generated').map((m) => m.network));
    expect(networks.size).toBe(zoo.networks.length);
    expect(networks.size).toBeGreaterThanOrEqual(16);
    for (const network of networks) {
      const entries = entriesOf(network ?? '');
      const classifier = entries[0]?.task === 'image classification';
      const formats = ['onnx', 'tfjs-graph', 'tflite', ...(classifier ? ['mediapipe-task'] : [])];
      expect(
        entries.map((m) => m.format),
        network,
      ).toEqual(formats);
      expect(
        variantsOf(network ?? '').map((m) => m.id.slice((network ?? '').length + 1)),
        network,
      ).toEqual([
        'onnx-fp16',
        'onnx-int8',
        'tfjs-fp16',
        'tfjs-uint8',
        'tflite-fp16',
        'tflite-int8',
        ...(classifier ? ['mediapipe-fp16', 'mediapipe-int8'] : []),
      ]);
    }
    const mediapipe = MODELS.filter((m) => m.source === 'generated' && m.format === 'mediapipe-task');
    expect(mediapipe.filter((m) => !m.precision)).toHaveLength(12);
    expect(mediapipe.filter((m) => m.precision?.stored === 'float16')).toHaveLength(12);
    expect(mediapipe.filter((m) => m.precision?.stored === 'int8')).toHaveLength(12);
  });

  // Image classifier, detector (NCHW grid permuted), encoder, recurrent net.
  it.each(['zoo-mobilenet-v2', 'zoo-tiny-yolo-v2', 'zoo-bert-mini-encoder', 'zoo-lstm-kws'])(
    '%s: the TF.js and LiteRT.js files pass the check against ORT’s output',
    async (network) => {
      const [onnx, ...nhwc] = entriesOf(network);
      expect(onnx?.format).toBe('onnx');
      // MediaPipe runs only in a browser: tests/e2e/zoo.spec.ts checks that column.
      for (const model of nhwc.filter((m) => m.format !== 'mediapipe-task')) {
        expect(model.referenceOf?.model).toBe(onnx?.id);
        const { outputs, computedWith } = await runOnReferenceBackend(model, MODELS_DIR);
        const result = checkOutputs(outputs, reference(model), model.check.maxAbsDiff);
        console.log(`${model.id} on ${computedWith}: max abs diff ${result.value.toExponential(2)}`);
        expect(result.ok, `${model.id}: ${result.detail ?? ''}`).toBe(true);
      }
    },
    120_000,
  );

  it('fail the check when an NHWC output is compared in NCHW order', async () => {
    const [onnx, , tflite] = entriesOf('zoo-tiny-yolo-v2');
    if (!onnx || !tflite) throw new Error('tiny-yolo-v2 entries missing');
    expect(tflite.referenceOf?.perm).toEqual([0, 2, 3, 1]);
    const { outputs } = await runOnReferenceBackend(tflite, MODELS_DIR);
    // The NHWC values against the NCHW reference, shape aside: the layout must matter.
    const asNchw = outputs.map((o) => ({ ...o, shape: reference(onnx).outputs[0]?.shape ?? [] }));
    expect(checkOutputs(asNchw, reference(onnx), tflite.check.maxAbsDiff).ok).toBe(false);
  }, 60_000);
});

describe('the MediaPipe column', () => {
  it('takes its reference as the top k of the ONNX logits, ties by lower index', () => {
    const logits = {
      name: 'logits',
      dtype: 'float32',
      shape: [1, 6],
      data: Float32Array.from([0.5, 3, -1, 3, 2, 0]),
    };
    const [scores, indices] = topK(logits, 3);
    expect(scores).toMatchObject({ name: 'scores', shape: [1, 3] });
    expect(Array.from(scores?.data as Float32Array)).toEqual([3, 3, 2]);
    expect(Array.from(indices?.data as Float32Array)).toEqual([1, 3, 4]);
  });

  it('feeds MediaPipe the RGB image of the same pixels the other formats get', async () => {
    const { makeInput } = await import('../../src/suite/inputs.ts');
    const [tflite, mediapipe] = entriesOf('zoo-mobilenet-v2').slice(2);
    expect(mediapipe?.mediapipe).toEqual({ api: 'imageClassifier', maxResults: 5 });
    expect(mediapipe?.files[0]?.path).toBe('zoo/mobilenet-v2/model.meta.tflite');
    const signed = makeInput(tflite?.inputs[0] as ModelEntry['inputs'][number]).data as Float32Array;
    const unit = makeInput(mediapipe?.inputs[0] as ModelEntry['inputs'][number]).data as Float32Array;
    // MediaPipe's normalisation (metadata mean 127.5, std 127.5) of round(unit · 255) gives `signed`.
    expect(unit.every((u, i) => Math.fround((Math.round(u * 255) - 127.5) / 127.5) === signed[i])).toBe(true);
  });
});

describe('generated zoo files', () => {
  it('are emitted again with exactly the recorded sizes and sha256', async () => {
    const recorded = zoo.networks.find((n) => n.arch === 'mobilenet-v2');
    expect(await recordArch(archById('mobilenet-v2'))).toEqual(recorded);
  });

  it('are generated into place, a damaged one replaced and intact ones left alone', async () => {
    const files = generatedFiles(MODELS).filter((f) => f.generated.arch === 'squeezenet-1.1');
    expect(files.map((f) => f.generated.file).sort()).toEqual([
      'model.fp16.json',
      'model.fp16.meta.tflite',
      'model.fp16.onnx',
      'model.fp16.tflite',
      'model.int8.meta.tflite',
      'model.int8.onnx',
      'model.int8.tflite',
      'model.json',
      'model.meta.tflite',
      'model.onnx',
      'model.tflite',
      'model.uint8.json',
      'weights.bin',
      'weights.fp16.bin',
      'weights.uint8.bin',
    ]);
    const dest = join(scratch, 'models');
    const lines: string[] = [];
    expect((await generateFiles(files, dest, (l) => lines.push(l))).sort()).toEqual(
      files.map((f) => f.path).sort(),
    );
    for (const file of files) {
      expect(await hashFile(join(dest, file.path))).toEqual({ bytes: file.bytes, sha256: file.sha256 });
    }
    const onnx = files.find((f) => f.generated.file === 'model.onnx') as GeneratedFile;
    const bytes = readFileSync(join(dest, onnx.path));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(join(dest, onnx.path), bytes);
    expect(await generateFiles(files, dest)).toEqual([onnx.path]);
    expect(await generateFiles(files, dest)).toEqual([]);
    expect(lines.join('\n')).toMatch(/generated squeezenet-1\.1 \(15 file\(s\)/);
  });

  it('refuse a catalog entry the emitters no longer produce, installing nothing', async () => {
    const [file] = generatedFiles(MODELS).filter((f) => f.generated.arch === 'lstm-kws');
    if (!file || !isGenerated(file)) throw new Error('lstm-kws missing');
    const stale: GeneratedFile = { ...file, sha256: '0'.repeat(64) };
    const dest = join(scratch, 'stale');
    const attempt = generateFiles([stale], dest);
    await expect(attempt).rejects.toBeInstanceOf(FetchError);
    await expect(generateFiles([stale], dest)).rejects.toThrow(/npm run zoo:catalog/);
    expect(existsSync(join(dest, file.path))).toBe(false);
  });
});
