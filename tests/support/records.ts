/**
 * Builders of valid `atlas.run/1` records for server and browser tests: a fresh id each time, `n`
 * cases with plausible timings, and overrides for what a test is about; `buildRun` makes a run on
 * a named phone from case specs (the dashboard tests), `buildRunIn` one on this Linux machine in
 * Chromium, Firefox or WebKitGTK, each with the environment that engine reports, and
 * `threeEngineRuns` one run in each where the fastest library changes with the browser.
 */
import { randomUUID } from 'node:crypto';
import { type Case, caseSchema, type MeasuredCase, type Run } from '../../src/schema/run.ts';

export function okCase(
  model: string,
  runtime: string,
  backend: string,
  medianMs: number,
  options: Case['options'] = {},
): MeasuredCase {
  return {
    model,
    runtime,
    backend,
    options,
    status: 'ok',
    timings: {
      loadMs: 12,
      initMs: 30,
      firstMs: medianMs * 3,
      warm: {
        n: 10,
        medianMs,
        meanMs: medianMs * 1.01,
        minMs: medianMs * 0.97,
        p90Ms: medianMs * 1.05,
        stdevMs: medianMs * 0.02,
        ci95Ms: [medianMs * 0.98, medianMs * 1.02],
        samplesMs: Array.from({ length: 10 }, (_, i) => medianMs * (0.97 + i * 0.008)),
        stop: 'converged',
      },
    },
    check: { ok: true, metric: 'maxAbsDiff', value: 0, tolerance: 0.001 },
  };
}

export function makeRun(overrides: Partial<Run> = {}, caseCount = 20): Run {
  const backends = ['wasm', 'webgpu', 'webgl', 'cpu'];
  const cases: Case[] = Array.from({ length: caseCount }, (_, i) =>
    okCase(`model-${i % 5}`, i % 2 ? 'tfjs' : 'ort', backends[i % 4] as string, 1 + i, {
      threads: 1 + (i % 2),
    }),
  );
  return {
    schema: 'atlas.run/1',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: { version: '0.1.0' },
    suite: { id: 'quick', version: '1' },
    source: 'browser',
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: { brands: [{ brand: 'Google Chrome', version: '156' }], mobile: true, platform: 'Android' },
      hardwareConcurrency: 8,
      deviceMemory: 8,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: true, webnn: false },
      gpu: { vendor: 'qualcomm', architecture: 'adreno-7xx' },
    },
    cases,
    ...overrides,
  };
}

/** A case of a `buildRun` record: ok with this median unless a status says otherwise. */
export interface CaseSpec {
  model: string;
  runtime: string;
  backend: string;
  medianMs?: number;
  status?: Case['status'];
  error?: string;
  /** Cold start and memory (issue 18): `coldStart.firstAnswerMs`, `memory.*PeakBytes`, one model file of `modelBytes`. */
  firstAnswerMs?: number;
  wasmHeapPeakBytes?: number;
  gpuPeakBytes?: number;
  modelBytes?: number;
  /** The model file's bytes over the network (0: the HTTP cache answered); needs `modelBytes`. */
  modelTransferBytes?: number;
  /** `memory.pageBytes`: the whole page's memory. */
  pageBytes?: number;
}

/** The `coldStart`, `memory` and `modelFiles` members a spec asks for (none when it asks for none). */
function specFigures(c: CaseSpec): Partial<Case> {
  const memory = {
    ...(c.wasmHeapPeakBytes !== undefined ? { wasmHeapPeakBytes: c.wasmHeapPeakBytes } : {}),
    ...(c.gpuPeakBytes !== undefined ? { gpuPeakBytes: c.gpuPeakBytes } : {}),
    ...(c.pageBytes !== undefined ? { pageBytes: c.pageBytes } : {}),
  };
  const sent =
    c.modelTransferBytes === undefined
      ? {}
      : { transferBytes: c.modelTransferBytes, via: c.modelTransferBytes === 0 ? 'http-cache' : 'network' };
  return {
    ...(c.firstAnswerMs !== undefined ? { coldStart: { firstAnswerMs: c.firstAnswerMs } } : {}),
    ...(Object.keys(memory).length ? { memory } : {}),
    ...(c.modelBytes !== undefined
      ? { modelFiles: [{ path: `${c.model}.bin`, bytes: c.modelBytes, source: 'network' as const, ...sent }] }
      : {}),
  } as Partial<Case>;
}

function specTimings(medianMs: number): NonNullable<Case['timings']> {
  const samplesMs = [0.98, 0.99, 1, 1, 1.01, 1.02].map((f) => f * medianMs);
  return {
    loadMs: 5,
    initMs: 3,
    firstMs: medianMs * 2,
    warm: {
      n: samplesMs.length,
      medianMs,
      meanMs: medianMs,
      minMs: medianMs * 0.98,
      p90Ms: medianMs * 1.01,
      stdevMs: medianMs * 0.01,
      ci95Ms: [medianMs * 0.99, medianMs * 1.01],
      samplesMs,
      stop: 'converged',
    },
  };
}

/** A valid atlas.run/1 record made on a phone called `deviceModel`, with a fresh id. */
export function buildRun(deviceModel: string, cases: readonly CaseSpec[]): Run {
  return {
    schema: 'atlas.run/1',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: { version: '0.0.0-test' },
    suite: { id: 'quick', version: '1' },
    source: 'automation',
    env: {
      userAgent: `Mozilla/5.0 (Linux; Android 15; ${deviceModel}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36`,
      uaData: {
        brands: [{ brand: 'Google Chrome', version: '150' }],
        mobile: true,
        platform: 'Android',
        model: deviceModel,
      },
      hardwareConcurrency: 8,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
    },
    cases: cases.map((c) =>
      caseSchema.parse({
        model: c.model,
        runtime: c.runtime,
        backend: c.backend,
        options: {},
        status: c.status ?? 'ok',
        ...(c.error ? { error: c.error } : {}),
        ...(c.medianMs !== undefined && (c.status ?? 'ok') === 'ok'
          ? { timings: specTimings(c.medianMs), ...specFigures(c) }
          : {}),
      }),
    ),
  };
}

/** Real user agents of the engines on this machine and elsewhere (Firefox and WebKit send no client hints). */
export const USER_AGENTS = {
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  webkitgtk:
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  chromium:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.156 Mobile/15E148 Safari/604.1',
} as const;

/** What each engine here puts in `env` besides its user agent. */
const ENGINE_ENV: Record<'chromium' | 'firefox' | 'webkit', Partial<Run['env']>> = {
  chromium: {
    userAgent: USER_AGENTS.chromium,
    uaData: {
      brands: [
        { brand: 'Not:A-Brand', version: '8' },
        { brand: 'Chromium', version: '156' },
      ],
      mobile: false,
      platform: 'Linux',
    },
    // Headless Chromium here: SwiftShader, flagged as the fallback adapter.
    gpu: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
  },
  firefox: { userAgent: USER_AGENTS.firefox },
  webkit: { userAgent: USER_AGENTS.webkitgtk },
};

/** A valid run made on this Linux machine in `engine`'s browser, from case specs. */
export function buildRunIn(engine: keyof typeof ENGINE_ENV, cases: readonly CaseSpec[]): Run {
  const run = buildRun('unused', cases);
  const { uaData: _hints, ...env } = run.env;
  return { ...run, env: { ...env, hardwareConcurrency: 2, ...ENGINE_ENV[engine] } };
}

/**
 * One Linux machine in three engines: on `model` ort wins in Chromium and tfjs in Firefox and
 * Safari (2× apart, CIs ±1%); on the zoo's MobileNetV2 (ONNX and TF.js formats) ort wins in all.
 */
export function threeEngineRuns(model: string): Run[] {
  const times = { chromium: [10, 20, 5, 8], firefox: [30, 15, 6, 12], webkit: [40, 20, 7, 14] } as const;
  return Object.entries(times).map(([engine, [ort, tfjs, zooOrt, zooTfjs]]) =>
    buildRunIn(engine as keyof typeof times, [
      { model, runtime: 'ort', backend: 'wasm', medianMs: ort },
      { model, runtime: 'tfjs', backend: 'wasm', medianMs: tfjs },
      { model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'wasm', medianMs: zooOrt },
      { model: 'zoo-mobilenet-v2-tfjs', runtime: 'tfjs', backend: 'wasm', medianMs: zooTfjs },
    ]),
  );
}
