import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/app/plan.ts';
import { parseRunParams } from '../../src/measure/params.ts';
import { detectSoftwareGpu, onSoftwareGpu } from '../../src/report/software-gpu.ts';
import type { PlannerEnv } from '../../src/runtimes/index.ts';
import { CAPABLE_BROWSER, suiteSize, suiteVariants } from '../../src/runtimes/suite-variants.ts';
import type { Env } from '../../src/schema/run.ts';
import { modelById, networkOf } from '../../src/suite/catalog.ts';
import { DEFAULT_SUITE, SUITES, suiteById } from '../../src/suite/suites.ts';
import { catalogListing } from '../../tools/bench/list.ts';

const BASE_URL = 'http://localhost/models/';
const phone = suiteById('phone');
const params = (query = '') => parseRunParams(new URLSearchParams(query));
const keys = (plan: ReturnType<typeof planRun>) =>
  plan.map(
    (p) =>
      `${p.spec.runtime} ${p.spec.backend}${p.spec.options.threads ? ` ${p.spec.options.threads}t` : ''}`,
  );

describe('the phone suite', () => {
  it('is the default, on the page and in the CLI', () => {
    expect(DEFAULT_SUITE).toBe('phone');
    expect(params().suite).toBe('phone');
  });

  it('fits in 25 MB and covers every library, a zoo network on each, faces, pose, segmentation and text', () => {
    const { bytes } = suiteSize(phone);
    expect(bytes).toBeLessThanOrEqual(25e6);
    const models = phone.models.map(modelById);
    const runtimes = (ids: readonly string[]) =>
      new Set(
        planRun(params(`model=${ids.join(',')}`), CAPABLE_BROWSER, BASE_URL).map((p) => p.spec.runtime),
      );
    expect([...runtimes(phone.models)].sort()).toEqual(['litert', 'mediapipe', 'ort', 'tfjs']);
    const zoo = models.filter((m) => m.source === 'generated').map((m) => m.id);
    expect([...runtimes(zoo)].sort()).toEqual(['litert', 'mediapipe', 'ort', 'tfjs']);
    const tasks = new Set(models.map((m) => m.task));
    for (const task of ['face detection', 'pose estimation', 'person segmentation', 'text detection'])
      expect(tasks, task).toContain(task);
  });

  it('holds one quantized network, the zoo LSTM in int8 on both int8 libraries, beside its float32 siblings', () => {
    const models = phone.models.map(modelById);
    // Computing in a reduced format (not weights-only): the one quantized network.
    const quantized = models.filter((m) => m.precision && m.precision.computed !== 'float32');
    expect(quantized.map((m) => m.id).sort()).toEqual(['zoo-lstm-kws-onnx-int8', 'zoo-lstm-kws-tflite-int8']);
    expect(new Set(quantized.map((m) => m.network))).toEqual(new Set(['zoo-lstm-kws']));
    for (const q of quantized) {
      const sibling = models.find((m) => m.network === q.network && m.format === q.format && !m.precision);
      expect(sibling?.id, q.id).toBe(q.id.replace(/-int8$/, ''));
    }
    // Every other reduced-precision entry is a package model's float16/uint8 weights computed in
    // float32, standing for a network that ships in no float32 form (never a zoo variant).
    const weightsOnly = models.filter((x) => x.precision && x.precision.computed === 'float32');
    for (const m of weightsOnly) expect(m.source, m.id).toBe('package');
    // Those that belong to a network stand for it in library rankings.
    const networked = weightsOnly.filter((m) => m.network);
    expect(networked.length).toBeGreaterThan(0);
    for (const m of networked) expect(networkOf(m.id), m.id).toBe(m.network);
  });

  it('runs each library on its best CPU and GPU backends only, WASM at the most threads', () => {
    const plan = planRun(params(), CAPABLE_BROWSER, BASE_URL);
    expect(new Set(keys(plan))).toEqual(
      new Set([
        'ort wasm 4t',
        'ort webgpu',
        'tfjs wasm',
        'tfjs webgl',
        'tfjs webgpu',
        'litert wasm 4t',
        'litert webgpu',
        'mediapipe wasm',
        'mediapipe webgl',
      ]),
    );
    expect(plan.every((p) => p.spec.budget === plan[0]?.spec.budget)).toBe(true);
    expect(suiteSize(phone).cases).toBe(plan.length);
  });

  it('falls back to one WASM thread where threads cannot start, and keeps a missing backend as unsupported', () => {
    const noIsolation: PlannerEnv = {
      ...CAPABLE_BROWSER,
      crossOriginIsolated: false,
      features: { ...CAPABLE_BROWSER.features, webgpu: false },
    };
    const plan = planRun(params(), noIsolation, BASE_URL).filter(
      (p) => p.spec.model.id === 'blazeface-front-onnx',
    );
    expect(keys(plan)).toEqual(['ort wasm 1t', 'ort webgpu']);
    expect(plan[0]?.unsupported).toBeUndefined();
    expect(plan[1]?.unsupported).toMatch(/WebGPU is not available/);
  });

  it('runs models the user names on every backend, with the suite’s budget', () => {
    const plan = planRun(params('model=blazeface-front-onnx'), CAPABLE_BROWSER, BASE_URL);
    expect(keys(plan)).toEqual(['ort wasm 1t', 'ort wasm 4t', 'ort webgpu', 'ort webnn', 'ort webgl']);
    expect(plan.every((p) => p.spec.budget === plan[0]?.spec.budget)).toBe(true);
    expect(plan[0]?.spec.budget).toEqual(phone.budget);
  });

  it('suiteVariants keeps the first variant, unsupported, when none of a backend can run', () => {
    const variants = [
      { backend: 'wasm', options: { threads: 1 }, unsupported: 'no SIMD' },
      { backend: 'wasm', options: { threads: 4 }, unsupported: 'no SIMD' },
    ];
    expect(suiteVariants(variants, ['wasm', 'webgpu'])).toEqual([variants[0]]);
    expect(suiteVariants(variants)).toEqual(variants);
  });

  it('is listed by --list --json with its title, version, cases and bytes, marked default', () => {
    const listed = catalogListing().suites;
    expect(listed.map((s) => s.id)).toEqual(SUITES.map((s) => s.id));
    expect(listed.filter((s) => s.default).map((s) => s.id)).toEqual(['phone']);
    expect(listed[0]).toEqual({
      id: 'phone',
      title: phone.title,
      default: true,
      version: phone.version,
      cases: suiteSize(phone).cases,
      bytes: suiteSize(phone).bytes,
    });
    // Each file counted once, even where two models share it.
    expect(listed.find((s) => s.id === 'quick')?.bytes).toBeGreaterThan(100e6);
  });
});

const features: Env['features'] = { ...CAPABLE_BROWSER.features };
const SWIFTSHADER =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

describe('software GPUs', () => {
  it('recognises a fallback adapter, SwiftShader and llvmpipe, and says why', () => {
    expect(
      detectSoftwareGpu({
        features,
        gpu: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
        webglRenderer: SWIFTSHADER,
      }),
    ).toEqual({
      webgpu: true,
      webgl: true,
      why: 'WebGPU gave a fallback adapter; the WebGL renderer is SwiftShader',
    });
    expect(detectSoftwareGpu({ features, webglRenderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toEqual({
      webgl: true,
      why: 'the WebGL renderer is llvmpipe',
    });
    expect(detectSoftwareGpu({ features, gpu: { vendor: 'mesa', device: 'lavapipe' } })?.webgpu).toBe(true);
  });

  it('leaves real GPUs alone', () => {
    expect(
      detectSoftwareGpu({
        features,
        gpu: { vendor: 'qualcomm', architecture: 'adreno-7xx', isFallbackAdapter: false },
        webglRenderer: 'ANGLE (Qualcomm, Adreno (TM) 730, OpenGL ES 3.2)',
      }),
    ).toBeUndefined();
    expect(onSoftwareGpu('webgl', undefined)).toBe(false);
    expect(onSoftwareGpu('wasm', { webgpu: true, webgl: true, why: 'x' })).toBe(false);
  });

  it('gives GPU cases on a software GPU a short fixed budget, unless the run asks for the full one', () => {
    const env = {
      ...CAPABLE_BROWSER,
      softwareGpu: { webgl: true, why: 'the WebGL renderer is SwiftShader' },
    };
    const plan = planRun(params('model=blazeface-front&backend=wasm,webgl,webgpu'), env, BASE_URL);
    const byBackend = Object.fromEntries(plan.map((p) => [p.spec.backend, p.spec]));
    expect(byBackend.webgl?.budgetKind).toBe('software-gpu');
    expect(byBackend.webgl?.budget).toMatchObject({
      warmupRuns: 1,
      minRuns: 3,
      maxRuns: 3,
      caseTimeoutMs: 20_000,
    });
    // WebGPU here is a real adapter; WASM is the CPU.
    expect(byBackend.webgpu?.budgetKind).toBeUndefined();
    expect(byBackend.webgpu?.budget).toEqual(phone.budget);
    expect(byBackend.wasm?.budget).toEqual(phone.budget);
    const full = planRun(params('model=blazeface-front&softwareGpu=full'), env, BASE_URL);
    expect(
      full.every((p) => p.spec.budgetKind === undefined && p.spec.budget.minRuns === phone.budget.minRuns),
    ).toBe(true);
    // A fixed --runs is the run's own budget: it replaces the short one.
    const fixed = planRun(params('model=blazeface-front&runs=5'), env, BASE_URL);
    const webgl = fixed.find((p) => p.spec.backend === 'webgl')?.spec;
    expect(webgl?.budget).toEqual({ ...phone.budget, minRuns: 5, maxRuns: 5 });
    expect(webgl?.budgetKind).toBeUndefined();
  });
});
