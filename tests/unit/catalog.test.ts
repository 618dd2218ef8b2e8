import { describe, expect, it } from 'vitest';
import { rankNetworks } from '../../src/report/ranking.ts';
import { MODELS, networkOf, rankingNetworks } from '../../src/suite/catalog.ts';
import { SUITES } from '../../src/suite/suites.ts';
import { type InputFill, isGenerated, type ModelEntry } from '../../src/suite/types.ts';
import { okCase } from '../support/records.ts';

const SPEC = /^(@[^/]+\/)?[^@]+@\d+\.\d+\.\d+/;

function fillProblem(fill: InputFill): string | undefined {
  switch (fill.kind) {
    case 'uniform':
    case 'uniformInt':
      if (!Number.isFinite(fill.min) || !Number.isFinite(fill.max)) return 'non-finite bounds';
      if (fill.min >= fill.max) return `min ${fill.min} >= max ${fill.max}`;
      if (!Number.isInteger(fill.seed)) return `seed ${fill.seed} is not an integer`;
      if (fill.kind === 'uniformInt' && (!Number.isInteger(fill.min) || !Number.isInteger(fill.max))) {
        return 'uniformInt bounds must be integers';
      }
      return undefined;
    case 'pixels':
      return Number.isInteger(fill.seed) ? undefined : `seed ${fill.seed} is not an integer`;
    case 'constant':
      return Number.isFinite(fill.value) ? undefined : `constant ${fill.value} is not finite`;
    case 'portrait':
      if (!(fill.noise >= 0 && fill.noise <= 1)) return `portrait noise ${fill.noise} outside [0, 1]`;
      return Number.isInteger(fill.seed) ? undefined : `seed ${fill.seed} is not an integer`;
    case 'text':
      if (!fill.lines.length) return 'a text fill without lines';
      if (!fill.std.every((s) => s > 0)) return `std ${fill.std} must be positive`;
      if (fill.lines.some((l) => !(l.size > 0) || !/^[A-Z0-9 -]+$/.test(l.text))) return 'bad text line';
      return undefined;
    case 'audio':
      if (!(fill.sampleRate > 0 && fill.noise >= 0)) return 'bad sample rate or noise';
      if (fill.tones.some((t) => !(t.frequency > 0 && t.frequency < fill.sampleRate / 2)))
        return 'tone above Nyquist';
      return Number.isInteger(fill.seed) ? undefined : `seed ${fill.seed} is not an integer`;
    default:
      return `unknown fill ${JSON.stringify(fill)}`;
  }
}

describe('model catalog', () => {
  it('has models with unique ids', () => {
    expect(MODELS.length).toBeGreaterThan(0);
    const ids = MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(MODELS.map((m) => [m.id, m] as const))('%s has well-formed files', (_id, model) => {
    expect(model.files.length).toBeGreaterThanOrEqual(1);
    for (const file of model.files) {
      expect(file.sha256, file.path).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isInteger(file.bytes) && file.bytes > 0, `${file.path} bytes`).toBe(true);
      expect(file.license.trim(), file.path).not.toBe('');
      if (isGenerated(file)) {
        expect(model.source, file.path).toBe('generated');
        expect(file.from, file.path).toMatch(/^generated: webml-atlas zoo v\d+ seed \d+$/);
        expect(file.path, file.path).toBe(`zoo/${file.generated.arch}/${file.generated.file}`);
      } else {
        expect(model.source, file.path).toBe('package');
        expect(file.from, file.path).toMatch(SPEC);
        expect(file.packagePath.trim(), file.path).not.toBe('');
        expect(file.packagePath.split('/'), file.path).not.toContain('..');
      }
      expect(file.path, 'relative path').not.toMatch(/^[/\\]|^[A-Za-z]:/);
      expect(file.path.split(/[/\\]/), file.path).not.toContain('..');
    }
  });

  it('entry file matches the format', () => {
    for (const model of MODELS) {
      const entry = model.files[0]?.path ?? '';
      const extension = {
        onnx: /\.onnx$/,
        'tfjs-graph': /\.json$/,
        'tfjs-layers': /\.json$/,
        tflite: /\.tflite$/,
        'mediapipe-task': /\.(tflite|task)$/,
      }[model.format];
      expect(entry, model.id).toMatch(extension);
    }
  });

  it('has unique file paths across the catalog (unless the same file is shared)', () => {
    const byPath = new Map<string, string>();
    for (const file of MODELS.flatMap((m) => m.files)) {
      const key = `${file.sha256}:${file.bytes}:${file.from}:${isGenerated(file) ? file.generated.file : file.packagePath}`;
      const prev = byPath.get(file.path);
      if (prev !== undefined) expect(prev, `${file.path} listed twice with different content`).toBe(key);
      byPath.set(file.path, key);
    }
    for (const model of MODELS) {
      const paths = model.files.map((f) => f.path);
      expect(new Set(paths).size, model.id).toBe(paths.length);
    }
  });

  it.each(MODELS.map((m) => [m.id, m] as const))('%s has valid inputs', (_id, model) => {
    expect(model.inputs.length).toBeGreaterThanOrEqual(1);
    const names = model.inputs.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const input of model.inputs) {
      expect(input.name).not.toBe('');
      expect(
        input.shape.every((d) => Number.isInteger(d) && d > 0),
        `${input.name} shape`,
      ).toBe(true);
      expect(fillProblem(input.fill), `${input.name} fill`).toBeUndefined();
      if (input.dtype !== 'float32') {
        const fill = input.fill;
        const ints = fill.kind === 'constant' ? Number.isInteger(fill.value) : fill.kind === 'uniformInt';
        expect(ints, `${input.name}: ${input.dtype} input needs an integer fill`).toBe(true);
      }
    }
    expect(model.outputs.length).toBeGreaterThanOrEqual(1);
    expect(model.check.maxAbsDiff).toBeGreaterThan(0);
  });

  const withTaskCheck = MODELS.filter((m) => m.taskCheck);
  it.each(withTaskCheck.map((m) => [m.id, m] as const))(
    '%s has a task check on its own data',
    (_id, model) => {
      const check = model.taskCheck;
      if (!check) throw new Error('no task check');
      expect(model.outputs, 'task check output').toContain(check.output);
      if (check.kind === 'ctcText') {
        // The dictionary is a catalog file of the model, but never its entry file.
        expect(model.files.slice(1).map((f) => f.path)).toContain(check.dictionary);
        expect(check.expected).not.toBe('');
      }
      if (check.kind === 'textRegions') {
        expect(model.inputs.find((i) => i.name === check.input)?.fill.kind).toBe('text');
        expect(check.insideMin).toBeGreaterThan(check.outsideMax);
      }
    },
  );

  it('gives the OCR models and the voice detector task checks', () => {
    expect(withTaskCheck.map((m) => m.id).sort()).toEqual(
      expect.arrayContaining(['ppocr-cls', 'ppocr-det', 'ppocr-rec', 'silero-vad']),
    );
  });
});

describe('suites', () => {
  it('only name catalog models', () => {
    const ids = new Set(MODELS.map((m) => m.id));
    for (const suite of SUITES) {
      for (const id of suite.models) expect(ids.has(id), `${suite.id} lists unknown model ${id}`).toBe(true);
      expect(new Set(suite.models).size, `${suite.id} lists a model twice`).toBe(suite.models.length);
    }
  });

  it('the default (quick) suite covers every library and format, and stays near 150 MB to download', () => {
    const quick = SUITES.find((s) => s.id === 'quick');
    expect(quick).toBeDefined();
    const models = (quick?.models ?? []).map((id) => MODELS.find((m) => m.id === id));
    const formats = new Set(models.map((m) => m?.format));
    expect([...formats].sort()).toEqual([...new Set(MODELS.map((m) => m.format))].sort());
    const files = new Map(models.flatMap((m) => m?.files ?? []).map((f) => [f.path, f.bytes]));
    const bytes = [...files.values()].reduce((n, b) => n + b, 0);
    // 93.6 MB of package models plus 54 MB for the zoo's MobileNetV2 in four (ORT, TF.js, LiteRT.js, MediaPipe).
    expect(bytes).toBeLessThan(155e6);
    expect(new Set(models.map((m) => m?.task)).size).toBeGreaterThanOrEqual(7);
  });

  it('keeps the heavy models (over 20 MB of files) out of the quick suite', () => {
    const quick = new Set(SUITES.find((s) => s.id === 'quick')?.models);
    for (const model of MODELS) {
      const bytes = model.files.reduce((n, f) => n + f.bytes, 0);
      if (bytes > 20e6) expect(quick.has(model.id), model.id).toBe(false);
    }
  });

  it('full suite runs every model, LiteRT.js .tflite models included', () => {
    const full = SUITES.find((s) => s.id === 'full');
    expect([...(full?.models ?? [])].sort()).toEqual(MODELS.map((m) => m.id).sort());
    expect(MODELS.filter((m) => m.format === 'tflite').length).toBeGreaterThanOrEqual(4);
  });
});

describe('networkOf', () => {
  it('gives float32 entries their network and reduced-precision variants none', () => {
    expect(networkOf('zoo-mobilenet-v2-onnx')).toBe('zoo-mobilenet-v2');
    expect(networkOf('zoo-mobilenet-v2-tflite')).toBe('zoo-mobilenet-v2');
    for (const variant of [
      'zoo-mobilenet-v2-onnx-int8',
      'zoo-mobilenet-v2-tflite-fp16',
      'zoo-mobilenet-v2-tfjs-uint8',
    ])
      expect(networkOf(variant), variant).toBeUndefined();
  });

  it('lets a weights-only entry stand for its network when its format has no float32 entry there', () => {
    const entry = (
      id: string,
      format: ModelEntry['format'],
      precision?: ModelEntry['precision'],
      network = 'n',
    ) => ({ id, format, ...(network ? { network } : {}), ...(precision ? { precision } : {}) }) as ModelEntry;
    const fp16Weights = { stored: 'float16', computed: 'float32' } as const;
    const map = rankingNetworks([
      entry('n-tflite-fp16', 'tflite', fp16Weights), // no float32 .tflite on n: stands in
      entry('n-tfjs', 'tfjs-graph'),
      entry('n-tfjs-uint8', 'tfjs-graph', { stored: 'uint8', computed: 'float32' }), // has a float32 sibling
      entry('n-onnx-int8', 'onnx', { stored: 'int8', computed: 'int8' }), // computes int8: never
      entry('n-task-fp16', 'mediapipe-task', { stored: 'float16', computed: 'float16' }), // computes float16
      // float32 on the CPU but float16 on the GPU: not the same arithmetic everywhere, so never
      entry('n-onnx-fp16', 'onnx', { stored: 'float16', computed: 'float32', computedOnGpu: 'float16' }),
      entry('lonely-fp16', 'tflite', fp16Weights, ''),
    ]);
    expect([...map.keys()].sort()).toEqual(['n-tfjs', 'n-tflite-fp16']);
  });

  it('keeps the real float16 pairs of MediaPipe networks in library rankings, and the zoo variants out', () => {
    // Both formats of BlazePose and the hand landmark model store float16 weights (MediaPipe's
    // .tflite and Human's TF.js conversion alike) and compute in float32 on CPU backends.
    for (const id of [
      'pose-landmark-full',
      'blazepose-full',
      'hand-landmark-full',
      'hand-landmark-full-tfjs',
    ]) {
      const m = MODELS.find((x) => x.id === id);
      expect(m?.precision, id).toMatchObject({ stored: 'float16', computed: 'float32' });
      expect(networkOf(id), id).toBe(m?.network);
    }
    for (const variant of MODELS.filter((m) => m.source === 'generated' && m.precision))
      expect(networkOf(variant.id), variant.id).toBeUndefined();
  });

  it('keeps a faster int8 case out of the float32 library ranking', () => {
    const ranked = rankNetworks(
      [
        okCase('zoo-mobilenet-v2-onnx', 'ort', 'wasm', 40),
        okCase('zoo-mobilenet-v2-onnx-int8', 'ort', 'wasm', 10),
        okCase('zoo-mobilenet-v2-tflite', 'litert', 'wasm', 30),
      ],
      networkOf,
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0]?.standings.map((s) => [s.model, s.medianMs])).toEqual([
      ['zoo-mobilenet-v2-tflite', 30],
      ['zoo-mobilenet-v2-onnx', 40],
    ]);
  });
});
