/**
 * The `concurrent` scenario: two models at once — a face detector (WebGPU, or WASM without it)
 * and a voice-activity detector (ORT WASM) — each alone, taking turns and at the same time, then
 * the same with the face detector on WASM too. Its card charts each model's slowdown against
 * alone per mode. The runner (`runner.ts`) is page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import { DETECTOR } from '../models.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';

export interface ConcurrentDefinition extends ScenarioDefinitionBase<'concurrent'> {
  /** Two sessions on different backends, and the first one's model again on the second's backend. */
  roles: readonly [RoleSpec, RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { inferences: number }>;
}

const definition: ConcurrentDefinition = {
  id: 'concurrent',
  version: '1',
  title: 'Two models at once',
  question:
    'Do two models running at the same time on different backends slow each other down, and does that beat running them one after the other or both on one backend?',
  roles: [
    { role: 'faces', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
    { role: 'voice', model: 'silero-vad', runtime: 'ort', backends: ['wasm'], threads: 1 },
    { role: 'faces-cpu', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
  ],
  sizes: { quick: { inferences: 12 }, full: { inferences: 60 } },
};

const chart: ChartSpec<ScenarioConfigOf<'concurrent'>> = {
  x: (c) => c.params.mode.replace(', one backend', ' (1 backend)'),
  xLabel: '',
  series: (c) => c.label.slice(c.label.indexOf(' · ') + 3),
  y: { metric: 'slowdown' },
  yLabel: 'median latency vs alone, ×',
  unit: '×',
  baseline: 1,
};

export const concurrentScenario = { definition, chart } satisfies ScenarioModule<'concurrent'>;
