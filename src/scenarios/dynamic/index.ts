/**
 * The `dynamic` scenario: requests arriving as a seeded Poisson process, dispatched to a WASM and
 * a WebGPU session by four policies at rising load. Its card charts each policy's p99 against
 * the load on a log scale; across runs the summary reads how the best policy's p99 compares with
 * always using the fastest backend (`figures.ts`). Arrivals, policies and per-configuration
 * bookkeeping are in `poisson.ts`, `dispatch.ts` and `requests.ts`; the runner (`runner.ts`) is
 * page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import { DETECTOR } from '../models.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';
import { dynamicGain } from './figures.ts';

export interface DynamicDefinition extends ScenarioDefinitionBase<'dynamic'> {
  /** The backend sessions the dispatcher sends requests to. */
  roles: readonly RoleSpec[];
  sizes: Record<
    ScenarioSize,
    { requests: number; loads: readonly number[]; deadlineFactor: number; seed: number }
  >;
}

const definition: DynamicDefinition = {
  id: 'dynamic',
  version: '1',
  title: 'Requests arriving at random',
  question:
    'With requests arriving as a Poisson process, which dispatch policy keeps the tail latency and deadline misses lowest as the load grows?',
  roles: [
    { role: 'wasm', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
    { role: 'webgpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
  ],
  sizes: {
    quick: { requests: 120, loads: [0.3, 0.6, 0.8], deadlineFactor: 4, seed: 7 },
    full: { requests: 300, loads: [0.3, 0.5, 0.7, 0.8, 0.9, 1.0], deadlineFactor: 4, seed: 7 },
  },
};

const chart: ChartSpec<ScenarioConfigOf<'dynamic'>> = {
  x: (c) => c.params.load,
  xLabel: 'offered load (fraction of capacity)',
  series: (c) => c.params.policy,
  y: 'p99Ms',
  yLabel: 'p99 latency, ms (log scale)',
  yLog: true,
  tableMetrics: ['missRate', 'predictedP99Ms', 'throughputPerS', 'share_', 'dispatchLateMaxMs'],
};

export const dynamicScenario = {
  definition,
  chart,
  figures: { gain: dynamicGain },
} satisfies ScenarioModule<'dynamic'>;
