/**
 * The `sustained` scenario: one model looped back to back for minutes, its latencies grouped in
 * time windows, to expose thermal throttling or memory growth. Its card charts each window's
 * median over time. The runner (`runner.ts`) is page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import { DETECTOR } from '../models.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';

export interface SustainedDefinition extends ScenarioDefinitionBase<'sustained'> {
  roles: readonly [RoleSpec];
  sizes: Record<ScenarioSize, { durationMs: number; windowMs: number }>;
}

const definition: SustainedDefinition = {
  id: 'sustained',
  version: '1',
  title: 'Sustained load',
  question: 'Does latency drift over minutes of continuous inference (thermal throttling, memory growth)?',
  roles: [{ role: 'model', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 }],
  sizes: {
    quick: { durationMs: 15_000, windowMs: 3_000 },
    full: { durationMs: 180_000, windowMs: 15_000 },
  },
};

const chart: ChartSpec<ScenarioConfigOf<'sustained'>> = {
  x: (c) => c.params.startMs / 1000,
  xLabel: 'time, s',
  series: () => 'median',
  y: 'medianMs',
  yLabel: 'median latency, ms',
};

export const sustainedScenario = { definition, chart } satisfies ScenarioModule<'sustained'>;
