/**
 * Builders of hand-made scenario results (`atlas.run/1` `scenarios[i]`) with known figures, for
 * the server and dashboard tests: a split with a known best ratio, a dynamic run with known p99s
 * per policy and load, an interference run whose fastest backend flips (or not), a sustained run.
 */
import type {
  DISPATCH_POLICIES,
  LatencyStats,
  ScenarioConfigOf,
  ScenarioId,
  ScenarioResult,
  ScenarioResultOf,
} from '../../src/schema/scenario.ts';

/** Latency statistics with this median and p99 (the rest plausible). */
export function latency(medianMs: number, p99Ms = medianMs * 2): LatencyStats {
  return {
    n: 20,
    medianMs,
    meanMs: medianMs,
    minMs: medianMs * 0.9,
    maxMs: p99Ms,
    p90Ms: medianMs * 1.2,
    p95Ms: Math.min(p99Ms, medianMs * 1.5),
    p99Ms,
    stdevMs: medianMs * 0.1,
    ci95Ms: [medianMs * 0.95, medianMs * 1.05],
  };
}

const placements: ScenarioResult['placements'] = [
  { role: 'cpu', model: 'face-detection-short', runtime: 'litert', backend: 'wasm' },
  { role: 'gpu', model: 'face-detection-short', runtime: 'litert', backend: 'webgpu' },
];

/** A result of scenario `id` with `configs` and an optional headline; ok unless `extra` says otherwise. */
export function scenarioResult<Id extends ScenarioId>(
  id: Id,
  configs: ScenarioConfigOf<Id>[],
  headline?: { metric: string; value: number; text?: string },
  extra: Partial<ScenarioResultOf<Id>> = {},
): ScenarioResultOf<Id> {
  const result = {
    id,
    version: '1',
    status: 'ok' as const,
    params: {},
    placements,
    configs,
    ...(headline ? { headline: { text: `${headline.metric} ${headline.value}`, ...headline } } : {}),
    ...extra,
  };
  // A generic id does not narrow the union; each caller gives its own scenario's configurations.
  return result as unknown as ScenarioResultOf<Id>;
}

/** A split configuration's parameters for `ratio` of a batch of 8. */
export const splitParams = (ratio: number) => ({
  ratio,
  cpuItems: 8 - Math.round(8 * ratio),
  gpuItems: Math.round(8 * ratio),
});

/** Split: makespan per ratio (0 and 1 = one backend alone); headline = best single / best split when `withHeadline`. */
export function splitResult(
  makespans: Record<number, number>,
  withHeadline = true,
): ScenarioResultOf<'split'> {
  const configs = Object.entries(makespans).map(([ratio, makespanMs]) => ({
    label: `ratio ${ratio}`,
    params: splitParams(Number(ratio)),
    metrics: { makespanMs },
  }));
  const single = Math.min(makespans[0] ?? Infinity, makespans[1] ?? Infinity);
  const split = Math.min(
    ...Object.entries(makespans)
      .filter(([r]) => Number(r) > 0 && Number(r) < 1)
      .map(([, v]) => v),
  );
  return scenarioResult(
    'split',
    configs,
    withHeadline ? { metric: 'bestSplitGain', value: single / split } : undefined,
  );
}

/** Dynamic: p99 per `[load, policy]`. */
export function dynamicResult(
  p99s: readonly [number, (typeof DISPATCH_POLICIES)[number], number][],
  headlineValue = 1,
): ScenarioResultOf<'dynamic'> {
  return scenarioResult(
    'dynamic',
    p99s.map(([load, policy, p99]) => ({
      label: `${policy} at load ${load}`,
      params: { policy, load, ratePerS: 100 * load },
      latency: latency(p99 / 2, p99),
      metrics: { missRate: 0 },
    })),
    { metric: 'bestPolicyP99OverFixed', value: headlineValue },
  );
}

/** Interference: median per backend per level, levels in order (`levels[i]` its label, `gpu` marks the GPU loop). */
export function interferenceResult(
  levels: readonly { label: string; busyWorkers: number; gpuLoad: boolean; wasm: number; webgpu: number }[],
): ScenarioResultOf<'interference'> {
  const configs = levels.flatMap((l) =>
    (['wasm', 'webgpu'] as const).map((backend) => ({
      label: `${backend} · ${l.label}`,
      params: { role: backend, backend, busyWorkers: l.busyWorkers, gpuLoad: l.gpuLoad },
      latency: latency(l[backend]),
    })),
  );
  const idle = levels[0]?.wasm ?? 1;
  const busy = levels.filter((l) => !l.gpuLoad).at(-1)?.wasm ?? idle;
  return scenarioResult('interference', configs, { metric: 'wasmSlowdownAllCoresBusy', value: busy / idle });
}

/** The interference levels of a 2-core device: WASM is fastest idle, WebGPU once both cores are busy. */
export const FLIPPING_LEVELS = [
  { label: '0 busy CPU workers', busyWorkers: 0, gpuLoad: false, wasm: 10, webgpu: 15 },
  { label: '1 busy CPU worker', busyWorkers: 1, gpuLoad: false, wasm: 12, webgpu: 15 },
  { label: '2 busy CPU workers', busyWorkers: 2, gpuLoad: false, wasm: 20, webgpu: 15 },
  { label: 'GPU compute loop', busyWorkers: 0, gpuLoad: true, wasm: 10, webgpu: 30 },
];

/** The same levels where WASM stays fastest throughout. */
export const STEADY_LEVELS = FLIPPING_LEVELS.map((l) => ({ ...l, wasm: 5 }));

/** Sustained: last window's median over the first's. */
export function sustainedResult(value: number): ScenarioResultOf<'sustained'> {
  return scenarioResult(
    'sustained',
    [
      { label: '0–3 s', params: { window: 0, startMs: 0 }, latency: latency(10) },
      { label: '3–6 s', params: { window: 1, startMs: 3000 }, latency: latency(10 * value) },
    ],
    { metric: 'lastOverFirstWindowMedian', value },
  );
}
