import { describe, expect, it } from 'vitest';
import { effectiveBudget, type PlannedCase, planRun } from '../../src/app/plan.ts';
import { parseRunParams, type RunParams } from '../../src/measure/params.ts';
import { optionsLabel } from '../../src/report/format.ts';
import type { PlannerEnv } from '../../src/runtimes/index.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { loadReference } from '../../src/suite/load-reference.ts';
import { REFERENCES } from '../../src/suite/references.ts';
import { suiteById } from '../../src/suite/suites.ts';

const BASE_URL = 'http://localhost/models/';

/** The page's defaults (an empty query) with some settings changed. */
const params = (overrides: Partial<RunParams> = {}): RunParams => ({
  ...parseRunParams(new URLSearchParams('suite=quick')),
  ...overrides,
});

const allFeatures = { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: true, webnn: true };
const env = (
  overrides: Partial<PlannerEnv> = {},
  features: Partial<PlannerEnv['features']> = {},
): PlannerEnv => ({
  crossOriginIsolated: true,
  hardwareConcurrency: 4,
  ...overrides,
  features: { ...allFeatures, ...features },
});

/** "model runtime backend label" for each planned case. */
const keys = (plan: PlannedCase[]) =>
  plan.map((c) =>
    `${c.spec.model.id} ${c.spec.runtime} ${c.spec.backend} ${optionsLabel(c.spec.options)}`.trim(),
  );

const ORT_VARIANTS = [
  'ort wasm 1 thread',
  'ort wasm 4 threads',
  'ort webgpu',
  'ort webnn cpu',
  'ort webnn gpu',
  'ort webnn npu',
  'ort webgl',
];
const TFJS_VARIANTS = ['tfjs cpu', 'tfjs wasm', 'tfjs webgl', 'tfjs webgpu'];
const LITERT_VARIANTS = ['litert wasm 1 thread', 'litert wasm 4 threads', 'litert webgpu'];
const MEDIAPIPE_VARIANTS = ['mediapipe wasm', 'mediapipe webgl'];
/** The variants a full-featured 4-core browser offers per model format. */
const VARIANTS: Record<string, string[]> = {
  onnx: ORT_VARIANTS,
  'tfjs-graph': TFJS_VARIANTS,
  'tfjs-layers': TFJS_VARIANTS,
  tflite: LITERT_VARIANTS,
  'mediapipe-task': MEDIAPIPE_VARIANTS,
};
const formatOf = (id: string) => MODELS.find((m) => m.id === id)?.format ?? 'none';
const quickModels = () => suiteById('quick').models;
/** Quick models of these formats. */
const quickOf = (...formats: string[]) => quickModels().filter((id) => formats.includes(formatOf(id)));

describe('planRun', () => {
  it('plans every quick model × matching runtime × variant, none unsupported, on a full-featured browser', () => {
    const plan = planRun(params(), env(), BASE_URL);
    const quick = suiteById('quick');
    const expected = quick.models.flatMap((id) => (VARIANTS[formatOf(id)] ?? []).map((v) => `${id} ${v}`));
    expect(keys(plan)).toEqual(expected);
    expect(new Set(plan.map((c) => c.spec.runtime))).toEqual(new Set(['ort', 'tfjs', 'litert', 'mediapipe']));
    expect(plan.filter((c) => c.unsupported !== undefined)).toEqual([]);
    for (const c of plan) {
      expect(c.spec.budget).toEqual(quick.budget);
      expect(c.spec.modelsBaseUrl).toBe(BASE_URL);
      expect(c.spec.fault).toBeUndefined();
    }
  });

  it('never plans a runtime for a format it cannot read', () => {
    for (const c of planRun(params({ suite: 'full' }), env(), BASE_URL)) {
      const runtime = {
        onnx: 'ort',
        'tfjs-graph': 'tfjs',
        'tfjs-layers': 'tfjs',
        tflite: 'litert',
        'mediapipe-task': 'mediapipe',
      }[c.spec.model.format];
      expect(c.spec.runtime, c.spec.model.id).toBe(runtime);
    }
  });

  it('plans LiteRT.js wasm (1 thread, all threads) and webgpu for a .tflite model', () => {
    expect(keys(planRun(params({ models: ['face-detection-short'] }), env(), BASE_URL))).toEqual([
      'face-detection-short litert wasm 1 thread',
      'face-detection-short litert wasm 4 threads',
      'face-detection-short litert webgpu',
    ]);
  });

  it('keeps multi-thread WASM but marks it unsupported without cross-origin isolation', () => {
    const plan = planRun(params({ models: ['ppocr-cls'] }), env({ crossOriginIsolated: false }), BASE_URL);
    expect(keys(plan)).toEqual(ORT_VARIANTS.map((v) => `ppocr-cls ${v}`));
    const unsupported = plan.filter((c) => c.unsupported !== undefined);
    expect(unsupported.map((c) => c.spec.options)).toEqual([{ threads: 4 }]);
    expect(unsupported[0]?.unsupported).toMatch(/cross-origin/i);
  });

  it('marks every WebGPU case unsupported when WebGPU is missing', () => {
    const plan = planRun(params(), env({}, { webgpu: false }), BASE_URL);
    expect(plan).toHaveLength(planRun(params(), env(), BASE_URL).length);
    const unsupported = plan.filter((c) => c.unsupported !== undefined);
    // One WebGPU case per ONNX, TF.js and .tflite model; MediaPipe's GPU delegate is WebGL.
    expect(unsupported.length).toBe(quickOf('onnx', 'tfjs-graph', 'tfjs-layers', 'tflite').length);
    for (const c of unsupported) {
      expect(c.spec.backend).toBe('webgpu');
      expect(c.unsupported).toMatch(/WebGPU/);
    }
    expect(plan.filter((c) => c.spec.backend === 'webgpu').every((c) => c.unsupported)).toBe(true);
  });

  it('offers no multi-thread variant on a single-core device', () => {
    const plan = planRun(params({ runtimes: ['ort'] }), env({ hardwareConcurrency: 1 }), BASE_URL);
    const wasm = plan.filter((c) => c.spec.backend === 'wasm');
    const onnx = quickOf('onnx');
    expect(wasm.map((c) => c.spec.options)).toEqual(onnx.map(() => ({ threads: 1 })));
    expect(plan).toHaveLength(onnx.length * 6);
  });

  it('narrows by model, runtime and backend filters', () => {
    expect(keys(planRun(params({ models: ['silero-vad'], backends: ['webnn'] }), env(), BASE_URL))).toEqual([
      'silero-vad ort webnn cpu',
      'silero-vad ort webnn gpu',
      'silero-vad ort webnn npu',
    ]);
    const tfjsOnly = planRun(params({ runtimes: ['tfjs'] }), env(), BASE_URL);
    const tfjsModels = quickOf('tfjs-graph', 'tfjs-layers');
    expect(new Set(tfjsOnly.map((c) => c.spec.model.id))).toEqual(new Set(tfjsModels));
    expect(tfjsOnly).toHaveLength(tfjsModels.length * 4);
    expect(keys(planRun(params({ backends: ['cpu'] }), env(), BASE_URL))).toEqual(
      tfjsModels.map((id) => `${id} tfjs cpu`),
    );
    expect(planRun(params({ models: ['ppocr-cls'], runtimes: ['tfjs'] }), env(), BASE_URL)).toEqual([]);
  });

  it('throws for an unknown model id', () => {
    expect(() => planRun(params({ models: ['no-such-model'] }), env(), BASE_URL)).toThrow(/no-such-model/);
  });

  it('throws for an unknown suite', () => {
    expect(() => planRun(params({ suite: 'huge' }), env(), BASE_URL)).toThrow(/huge/);
  });

  it('plans the heavy models in the full suite only', () => {
    const full = planRun(params({ suite: 'full', models: ['nsfw-inception-v3'] }), env(), BASE_URL);
    expect(full).toHaveLength(4);
    expect(full[0]?.spec.budget).toEqual(suiteById('full').budget);
    expect(
      planRun(params({ suite: 'quick' }), env(), BASE_URL).some(
        (c) => c.spec.model.id === 'nsfw-inception-v3',
      ),
    ).toBe(false);
  });

  it('plans one unsupported WebNN case per ONNX model where WebNN is missing, three device types where present', () => {
    const absent = planRun(
      params({ models: ['ppocr-cls'], backends: ['webnn'] }),
      env({}, { webnn: false }),
      BASE_URL,
    );
    expect(absent).toHaveLength(1);
    expect(absent[0]?.unsupported).toMatch(/WebNN/);
    const present = planRun(params({ models: ['ppocr-cls'], backends: ['webnn'] }), env(), BASE_URL);
    expect(present.map((c) => c.spec.options.deviceType)).toEqual(['cpu', 'gpu', 'npu']);
    expect(present.every((c) => c.unsupported === undefined)).toBe(true);
  });

  it('runs a model the user names even when the suite does not list it, with the suite budget', () => {
    const quick = planRun(params({ suite: 'quick', models: ['ppocr-rec'] }), env(), BASE_URL);
    expect(quick).toHaveLength(7);
    expect(quick.every((c) => c.spec.model.id === 'ppocr-rec')).toBe(true);
    expect(quick[0]?.spec.budget).toEqual(suiteById('quick').budget);
  });

  it('fixes minRuns = maxRuns = runs and keeps the rest of the suite budget', () => {
    const plan = planRun(params({ runs: 7, caseTimeoutMs: 5000 }), env(), BASE_URL);
    const base = suiteById('quick').budget;
    for (const c of plan)
      expect(c.spec.budget).toEqual({ ...base, minRuns: 7, maxRuns: 7, caseTimeoutMs: 5000 });
  });

  it('attaches a fault only to the matching case(s)', () => {
    const plan = planRun(
      params({ fault: { kind: 'hang', model: 'ppocr-cls', runtime: 'ort', backend: 'webgpu' } }),
      env(),
      BASE_URL,
    );
    expect(keys(plan.filter((c) => c.spec.fault === 'hang'))).toEqual(['ppocr-cls ort webgpu']);
    expect(plan.filter((c) => c.spec.fault !== undefined)).toHaveLength(1);
    // Both WASM thread variants share the backend id, so a wasm fault reaches both.
    const wasm = planRun(
      params({ fault: { kind: 'throw', model: 'silero-vad', runtime: 'ort', backend: 'wasm' } }),
      env(),
      BASE_URL,
    );
    expect(keys(wasm.filter((c) => c.spec.fault === 'throw'))).toEqual([
      'silero-vad ort wasm 1 thread',
      'silero-vad ort wasm 4 threads',
    ]);
  });

  it('finds a reference for the model of every planned case, loaded lazily (not carried by the plan)', async () => {
    const plan = planRun(params({ suite: 'full' }), env(), BASE_URL);
    expect(plan.length).toBeGreaterThan(0);
    for (const c of plan) {
      expect(c.spec.reference, 'the plan leaves references to the case runner').toBeUndefined();
      const reference = await loadReference(c.spec.model.id);
      expect(reference?.model, c.spec.model.id).toBe(c.spec.model.id);
      expect(reference?.outputs.map((o) => o.name)).toEqual(c.spec.model.outputs);
    }
    expect(new Set(REFERENCES.map((r) => r.model))).toEqual(new Set(MODELS.map((m) => m.id)));
    expect(await loadReference('no-such-model')).toBeUndefined();
  });
});

describe('effectiveBudget', () => {
  const base = suiteById('quick').budget;

  it('returns the suite budget unchanged without overrides', () => {
    expect(effectiveBudget(base, { runs: undefined, caseTimeoutMs: undefined })).toEqual(base);
  });

  it('applies runs and caseTimeoutMs', () => {
    expect(effectiveBudget(base, { runs: 3, caseTimeoutMs: undefined })).toEqual({
      ...base,
      minRuns: 3,
      maxRuns: 3,
    });
    expect(effectiveBudget(base, { runs: undefined, caseTimeoutMs: 1234 })).toEqual({
      ...base,
      caseTimeoutMs: 1234,
    });
  });

  it('does not modify the suite budget', () => {
    const before = { ...base };
    effectiveBudget(base, { runs: 2, caseTimeoutMs: 9 });
    expect(base).toEqual(before);
  });
});

describe('optionsLabel', () => {
  it.each([
    [undefined, ''],
    [{}, ''],
    [{ threads: 1 }, '1 thread'],
    [{ threads: 4 }, '4 threads'],
    [{ deviceType: 'npu' }, 'npu'],
    [{ threads: 2, deviceType: 'gpu' }, '2 threads, gpu'],
    [{ threads: '2' }, ''],
  ])('%j → %j', (options, label) => {
    expect(optionsLabel(options)).toBe(label);
  });
});
