/**
 * The `split` scenario: one batch split between a WASM and a WebGPU session of the same model at
 * ratios r (the share on the `gpu` session). Its card charts the measured makespan against the
 * one the service times predict; across runs the summary reads the best split's gain over the
 * best single backend (`figures.ts`). The runner (`runner.ts`) is page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import { DETECTOR } from '../models.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';
import { splitGain } from './figures.ts';

export interface SplitDefinition extends ScenarioDefinitionBase<'split'> {
  /** The same model on two backends. */
  roles: readonly [RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { batch: number; ratios: readonly number[]; repeats: number }>;
}

const definition: SplitDefinition = {
  id: 'split',
  version: '1',
  title: 'One batch split across two backends',
  question:
    'Does splitting a batch between the CPU and the GPU finish sooner than the faster one alone, and at what ratio?',
  roles: [
    { role: 'cpu', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
    { role: 'gpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
  ],
  sizes: {
    quick: { batch: 8, ratios: [0, 0.125, 0.25, 0.5, 0.75, 0.875, 1], repeats: 2 },
    full: { batch: 32, ratios: [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1], repeats: 3 },
  },
};

const chart: ChartSpec<ScenarioConfigOf<'split'>> = {
  x: (c) => c.params.ratio,
  xLabel: 'share of the batch on the gpu session (r)',
  series: () => 'measured',
  y: 'medianMs',
  yLabel: 'makespan of the batch, ms',
  points: (c) =>
    [
      { series: 'measured', y: c.metrics?.makespanMs },
      { series: 'predicted from service times', y: c.metrics?.predictedMakespanMs },
    ].filter((p): p is { series: string; y: number } => p.y !== undefined),
  tableMetrics: ['makespanMs', 'predictedMakespanMs', 'throughputPerS', 'transferMs'],
};

export const splitScenario = {
  definition,
  chart,
  figures: { gain: splitGain },
} satisfies ScenarioModule<'split'>;
