/**
 * The `pipeline` scenario: face detection then face landmarks, each stage in its own session on
 * WASM or WebGPU, streamed through every placement of the two stages this browser can run. Its
 * card plots each placement's steady throughput against its end-to-end latency. The streaming
 * schedule and its figures are in `stream.ts`; the runner (`runner.ts`) is page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';

export interface PipelineDefinition extends ScenarioDefinitionBase<'pipeline'> {
  /** Stage models and the backends each stage may be placed on. */
  stages: readonly [RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { items: number }>;
}

const definition: PipelineDefinition = {
  id: 'pipeline',
  version: '1',
  title: 'Two-stage pipeline',
  question:
    'Face detection then face landmarks: which placement of the two stages on backends gives the most frames per second, and the lowest latency?',
  stages: [
    {
      role: 'detect',
      model: 'face-detection-short',
      runtime: 'litert',
      backends: ['wasm', 'webgpu'],
      threads: 1,
    },
    {
      role: 'landmarks',
      model: 'face-landmark',
      runtime: 'litert',
      backends: ['wasm', 'webgpu'],
      threads: 1,
    },
  ],
  sizes: { quick: { items: 10 }, full: { items: 60 } },
};

const chart: ChartSpec<ScenarioConfigOf<'pipeline'>> = {
  x: (c) => c.latency?.medianMs ?? 0,
  xLabel: 'median end-to-end latency, ms',
  series: (c) => c.label,
  y: { metric: 'throughputPerS' },
  yLabel: 'steady-state items/s',
  unit: 'items/s',
  dots: true,
};

export const pipelineScenario = { definition, chart } satisfies ScenarioModule<'pipeline'>;
