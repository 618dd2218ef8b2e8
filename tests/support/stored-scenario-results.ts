/**
 * One scenario result in every shape a committed runner has written — every member each runner
 * revision set, with small made-up figures — so the tests can prove that what stores hold today
 * stays valid, is stored as sent, and keeps its figures and charts: `concurrent` with and without
 * `countStretch`, `split` with and without the co-running service times (and on a browser without
 * WebGPU), `pipeline`, `interference` versions 1 and 2, `dynamic` with and without the per-backend
 * service times, `sustained`, and the shapes of a failed and an excluded scenario.
 */
import type { DISPATCH_POLICIES, Placement, ScenarioResult } from '../../src/schema/scenario.ts';
import { latency } from './scenario-records.ts';

const litert = (role: string, backend: string, serviceMs: number): Placement => ({
  role,
  model: 'face-detection-short',
  runtime: 'litert',
  backend,
  options: { threads: 1 },
  libraryVersion: '2.5.3',
  serviceMs,
  clock: { offsetMs: -0.05, rttMs: 0.2 },
});

/** `count` samples around `ms`. */
const samples = (ms: number, count = 4) => Array.from({ length: count }, (_, i) => ms + (i % 2 ? 0.1 : -0.1));

/** Concurrent, v1: three sessions; alone, taking turns and co-running, then the same on one backend. */
export function storedConcurrent(withStretch = true): ScenarioResult {
  const faces = { role: 'faces', model: 'face-detection-short', backend: 'webgpu' };
  const facesCpu = { role: 'faces-cpu', model: 'face-detection-short', backend: 'wasm' };
  const voice = { role: 'voice', model: 'silero-vad', backend: 'wasm' };
  const pair = (suffix: string, face: typeof faces, name: string, ms: number) => {
    const both = `${name} + VAD (wasm)`;
    return [
      {
        label: `alone${suffix} · ${name}`,
        params: { mode: `alone${suffix}`, ...face },
        latency: latency(ms),
        samplesMs: samples(ms),
        metrics: { slowdown: 1, wallMs: 80, throughputPerS: 150 },
      },
      {
        label: `alone${suffix} · VAD (wasm)`,
        params: { mode: `alone${suffix}`, ...voice },
        latency: latency(1),
        samplesMs: samples(1),
        metrics: { slowdown: 1, wallMs: 60, throughputPerS: 500 },
      },
      {
        label: `sequential${suffix} · ${name}`,
        params: { mode: `sequential${suffix}`, ...face },
        latency: latency(ms * 1.05),
        metrics: { slowdown: 1.05 },
      },
      {
        label: `sequential${suffix} · VAD (wasm)`,
        params: { mode: `sequential${suffix}`, ...voice },
        latency: latency(1.1),
        metrics: { slowdown: 1.1 },
      },
      {
        label: `sequential${suffix} · both`,
        params: { mode: `sequential${suffix}`, models: both, inferences: 42 },
        metrics: { wallMs: 140, throughputPerS: 300 },
      },
      {
        label: `co-run${suffix} · ${name}`,
        params: { mode: `co-run${suffix}`, ...face },
        latency: latency(ms * 1.25),
        metrics: { slowdown: 1.25, overlapped: 12 },
      },
      {
        label: `co-run${suffix} · VAD (wasm)`,
        params: { mode: `co-run${suffix}`, ...voice },
        latency: latency(1.3),
        metrics: { slowdown: 1.3, overlapped: 28 },
      },
      {
        label: `co-run${suffix} · both`,
        params: { mode: `co-run${suffix}`, models: both, inferences: 42 },
        metrics: { wallMs: 100, throughputPerS: 420, speedupVsSequential: 1.4 },
      },
    ];
  };
  return {
    id: 'concurrent',
    version: '1',
    status: 'ok',
    params: {
      inferences: 12,
      inferencesFaces: 20,
      inferencesVoice: 30,
      inferencesFacesCpu: 14,
      latency: 'worker service time',
      countCap: 200,
      ...(withStretch ? { countStretch: 1.5 } : {}),
      facesBackend: 'webgpu',
    },
    placements: [
      litert('faces', 'webgpu', 4),
      { role: 'voice', model: 'silero-vad', runtime: 'ort', backend: 'wasm', options: { threads: 1 } },
      litert('faces-cpu', 'wasm', 3),
    ],
    configs: [
      ...pair('', faces, 'face detector (webgpu)', 4),
      ...pair(', one backend', facesCpu, 'face detector (wasm)', 3),
    ],
    headline: {
      metric: 'coRunSpeedupVsSequential',
      value: 1.4,
      text: 'co-run on webgpu+wasm: 1.40× the throughput of taking turns',
    },
    wallMs: 9000,
  };
}

/**
 * Split, v1: a batch of 8 at five ratios. `serviceTimes`: the revision that also records each
 * session's service time while both work; `noWebGpu`: both sessions on wasm, no prediction.
 */
export function storedSplit({ serviceTimes = true, noWebGpu = false } = {}): ScenarioResult {
  const gpu = noWebGpu ? 'wasm' : 'webgpu';
  const makespans = [
    [0, 40],
    [0.25, 34],
    [0.5, 30],
    [0.75, 36],
    [1, 48],
  ] as const;
  const configs = makespans.map(([ratio, makespanMs]) => {
    const gpuItems = Math.round(8 * ratio);
    return {
      label: `r = ${ratio} (${8 - gpuItems} wasm + ${gpuItems} ${gpu})`,
      params: { ratio, cpuItems: 8 - gpuItems, gpuItems },
      latency: latency(makespanMs / 8),
      samplesMs: samples(makespanMs / 8, 8),
      metrics: {
        makespanMs,
        throughputPerS: (8 / makespanMs) * 1000,
        transferMs: 0.3,
        ...(noWebGpu ? {} : { predictedMakespanMs: makespanMs * 0.9 }),
        // A session with no items has no service time (NaN, left out of the record).
        ...(serviceTimes && ratio < 1 ? { cpuServiceMs: 5 } : {}),
        ...(serviceTimes && ratio > 0 ? { gpuServiceMs: 6 } : {}),
      },
    };
  });
  return {
    id: 'split',
    version: '1',
    status: 'ok',
    params: {
      batch: 8,
      repeats: 2,
      serviceRuns: 8,
      ratios: '0 0.25 0.5 0.75 1',
      rounding: 'gpu items = round(batch × r), halves up; cpu items = the rest',
      itemLatency: 'page round trip of one item: send (inputs transferred) to outputs back',
      cpuBackend: 'wasm',
      gpuBackend: gpu,
      outputBytesPerItem: 3584,
      ...(noWebGpu
        ? { note: 'no WebGPU in this browser: both sessions ran on wasm' }
        : { predictedRatio: 0.4545, predictedBestTestedRatio: 0.5 }),
    },
    placements: [litert('cpu', 'wasm', 5), litert('gpu', gpu, 6)],
    configs,
    headline: {
      metric: 'bestSplitGainOverBestSingle',
      value: 40 / 30,
      text: 'best r = 0.5 (split): 266.7 items/s; best split r = 0.5: 1.33× the better single backend (r = 0, all on wasm)',
    },
    wallMs: 4000,
  };
}

/** Pipeline, v1: detection → landmarks on three placements (one stage backend skipped). */
export function storedPipeline(): ScenarioResult {
  const placement = (stage1: string, stage2: string, e2e: number, throughputPerS: number) => ({
    label: `${stage1}→${stage2}`,
    params: { stage1, stage2, items: 10 },
    latency: latency(e2e),
    samplesMs: samples(e2e, 10),
    metrics: {
      throughputPerS,
      boundThroughputPerS: throughputPerS * 1.1,
      stage1Ms: 3,
      stage2Ms: 6,
      transferGapMs: 0.2,
      handoffMs: 0.1,
      messagingMs: 0.4,
      bytesPerItem: 150_000,
    },
  });
  return {
    id: 'pipeline',
    version: '1',
    status: 'ok',
    params: {
      items: 10,
      stage2Input: 'deterministic',
      placements: 'wasm→wasm, wasm→webgpu, webgpu→wasm',
      skipped: 'landmarks on webgpu failed: out of memory',
    },
    placements: [
      { ...litert('detect-wasm', 'wasm', 3) },
      { ...litert('detect-webgpu', 'webgpu', 9) },
      { ...litert('landmarks-wasm', 'wasm', 6), model: 'face-landmark' },
      { ...litert('landmarks-webgpu', 'webgpu', 20), model: 'face-landmark' },
    ],
    configs: [
      placement('wasm', 'wasm', 10, 150),
      placement('wasm', 'webgpu', 25, 60),
      placement('webgpu', 'wasm', 16, 105),
    ],
    headline: {
      metric: 'bestOverBestSingleBackendThroughput',
      value: 1,
      text: 'wasm→wasm gives the most items/s (150.0); no split placement beats it',
    },
    wallMs: 3000,
  };
}

/** The levels of a 2-core device (WASM fastest idle, WebGPU once both cores are busy). */
const LEVELS = [
  { label: '0 busy CPU workers', busyWorkers: 0, gpuLoad: false, wasm: 10, webgpu: 15 },
  { label: '1 busy CPU worker', busyWorkers: 1, gpuLoad: false, wasm: 12, webgpu: 15 },
  { label: '2 busy CPU workers', busyWorkers: 2, gpuLoad: false, wasm: 20, webgpu: 15 },
  { label: 'GPU compute loop', busyWorkers: 0, gpuLoad: true, wasm: 10, webgpu: 30 },
];

/**
 * Interference, version 1 (one pass per level, no load metrics) or 2 (alternating rounds, the
 * load's work; `busyCores` from a later revision of version 2).
 */
export function storedInterference(version: '1' | '2', busyCores = true): ScenarioResult {
  const configs = LEVELS.flatMap((l) =>
    (['wasm', 'webgpu'] as const).map((backend) => ({
      label: `${backend} · ${l.label}`,
      params: { role: backend, backend, busyWorkers: l.busyWorkers, gpuLoad: l.gpuLoad },
      latency: latency(l[backend]),
      samplesMs: samples(l[backend], 6),
      ...(version === '2'
        ? {
            metrics: {
              rounds: 4,
              busyWorkersRunning: l.busyWorkers,
              busyIterationsPerS: l.busyWorkers * 1000,
              ...(busyCores ? { busyCores: l.busyWorkers * 0.9 } : {}),
              gpuDispatchesPerS: l.gpuLoad ? 55.5 : 0,
              gpuRunningShare: l.gpuLoad ? 1 : 0,
            },
          }
        : {}),
    })),
  );
  return {
    id: 'interference',
    version,
    status: 'ok',
    params:
      version === '2'
        ? { inferences: 24, rounds: 4, cores: 2, levels: 4, loadShortfall: 'GPU compute loop: 0 dispatches' }
        : { inferences: 20, cores: 2, levels: 4, skipped: 'GPU load level: no adapter' },
    placements: [litert('wasm', 'wasm', 10), litert('webgpu', 'webgpu', 15)],
    configs,
    headline: {
      metric: 'wasmSlowdownAllCoresBusy',
      value: 2,
      text: 'WASM median 10.0 ms idle → 20.0 ms with 2 busy CPU workers (2.00×); the fastest backend flips: …',
    },
    wallMs: 12_000,
  };
}

/** Dynamic, v1: four policies at loads 0.3, 0.6 and 0.8 (`serviceTimes`: the revision with service_<role>Ms). */
export function storedDynamic(serviceTimes = true): ScenarioResult {
  const p99s: Record<(typeof DISPATCH_POLICIES)[number], [number, number, number]> = {
    fixed: [8, 14, 40],
    'round-robin': [9, 20, 60],
    'least-loaded': [7, 11, 25],
    'shortest-expected': [7, 10, 32],
  };
  const loads = [0.3, 0.6, 0.8];
  const configs = loads.flatMap((load, li) =>
    (Object.keys(p99s) as (keyof typeof p99s)[]).map((policy) => {
      const byLoad = p99s[policy];
      const p99 = byLoad[li] as number;
      return {
        label: `${policy} · load ${load}`,
        params: { policy, load, ratePerS: 100 * load },
        latency: latency(p99 / 3, p99),
        samplesMs: samples(p99 / 3, 12),
        metrics: {
          missRate: p99 > 30 ? 0.05 : 0,
          throughputPerS: 100 * load,
          share_wasm: 0.6,
          share_webgpu: 0.4,
          ...(serviceTimes ? { service_wasmMs: 4, service_webgpuMs: 6 } : {}),
          predictedP50Ms: 4,
          predictedP95Ms: p99 * 0.8,
          predictedP99Ms: p99 * 0.9,
          predictedMissRate: 0,
          dispatchLateMeanMs: 0.4,
          dispatchLateMaxMs: 3,
        },
      };
    }),
  );
  return {
    id: 'dynamic',
    version: '1',
    status: 'ok',
    params: {
      requests: 120,
      loads: '0.3 0.6 0.8',
      deadlineFactor: 4,
      deadlineMs: 24,
      seed: 7,
      serviceRuns: 10,
      capacityPerS: 416.667,
      latency: 'completion minus scheduled arrival, page clock (includes a late timer)',
    },
    placements: [litert('wasm', 'wasm', 4), litert('webgpu', 'webgpu', 6)],
    configs,
    headline: {
      metric: 'bestP99AtHeadlineLoadMs',
      value: 25,
      text: 'at 80% of capacity, least-loaded has the lowest p99: least-loaded 25.0 ms (5% missed), …',
    },
    wallMs: 20_000,
  };
}

/** Sustained, v1: five 3-second windows, slightly slower at the end. */
export function storedSustained(): ScenarioResult {
  const medians = [10, 10.1, 10.3, 10.4, 10.6];
  return {
    id: 'sustained',
    version: '1',
    status: 'ok',
    params: { durationMs: 15_000, windowMs: 3000, inferences: 1420 },
    placements: [litert('model', 'wasm', 10)],
    configs: medians.map((ms, i) => ({
      label: `${i * 3}–${(i + 1) * 3} s`,
      params: { window: i, startMs: i * 3000 },
      latency: latency(ms),
      samplesMs: samples(ms, 20),
      metrics: { throughputPerS: 1000 / ms },
    })),
    headline: {
      metric: 'lastOverFirstWindowMedian',
      value: 1.06,
      text: 'median 10.0 ms in the first window, 10.6 ms in the last (1.060×) over 15 s on wasm',
    },
    wallMs: 16_000,
  };
}

/** What the runner wrapper records when a scenario fails, or cannot run in this browser. */
export function storedFailure(id: ScenarioResult['id'], status: 'error' | 'unsupported'): ScenarioResult {
  return {
    id,
    version: '1',
    status,
    error:
      status === 'error'
        ? 'session call timed out after 120000 ms'
        : 'needs 2 session(s) this browser can run',
    params: {},
    placements: status === 'error' ? [litert('wasm', 'wasm', 4)] : [],
    configs: [],
    wallMs: 1500,
  };
}

/** A scenario during which the page was hidden: measured, but `excluded`. */
export function storedExcluded(): ScenarioResult {
  return {
    ...storedSustained(),
    status: 'excluded',
    visibilityLost: true,
    error:
      'the page was hidden while this scenario ran (background tabs are throttled); its figures are not comparable',
  };
}

/** Every stored shape above, named. */
export function storedResults(): [string, ScenarioResult][] {
  return [
    ['concurrent', storedConcurrent()],
    ['concurrent without countStretch', storedConcurrent(false)],
    ['split', storedSplit()],
    ['split without service times', storedSplit({ serviceTimes: false })],
    ['split without WebGPU', storedSplit({ noWebGpu: true })],
    ['pipeline', storedPipeline()],
    ['interference v1', storedInterference('1')],
    ['interference v2', storedInterference('2')],
    ['interference v2 before busyCores', storedInterference('2', false)],
    ['dynamic', storedDynamic()],
    ['dynamic without service times', storedDynamic(false)],
    ['sustained', storedSustained()],
    ['a failed split', storedFailure('split', 'error')],
    ['an unsupported dynamic', storedFailure('dynamic', 'unsupported')],
    ['an excluded sustained', storedExcluded()],
  ];
}
