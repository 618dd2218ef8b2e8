/**
 * The `interference` scenario: each backend's session under background load — k busy CPU
 * workers for k = 0 … cores, then a WebGPU compute loop — measured in alternating rounds. Its
 * card charts each backend's median per load level; across runs the summary reads where the
 * fastest backend flips (`figures.ts`). The rounds' bookkeeping is in `rounds.ts`; the runner
 * (`runner.ts`, with the page's background load) is page code.
 */
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import type { ChartSpec } from '../chart.ts';
import { DETECTOR } from '../models.ts';
import type { RoleSpec, ScenarioDefinitionBase, ScenarioModule, ScenarioSize } from '../types.ts';
import { interferenceFlip } from './figures.ts';

export interface InterferenceDefinition extends ScenarioDefinitionBase<'interference'> {
  /** The measured sessions, one per backend. */
  roles: readonly RoleSpec[];
  /** `inferences` per level and session, measured in `rounds` alternating rounds. */
  sizes: Record<ScenarioSize, { inferences: number; rounds: number; gpuLoad: boolean }>;
}

const definition: InterferenceDefinition = {
  id: 'interference',
  // 2: alternating rounds with pooled samples and a confirmed, recorded background load.
  version: '2',
  title: 'Background load',
  question:
    'How much slower does inference get while other work keeps the CPU cores (or the GPU) busy, and does the fastest backend change?',
  roles: [
    { role: 'wasm', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
    { role: 'webgpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu'], threads: 1 },
  ],
  sizes: {
    quick: { inferences: 24, rounds: 4, gpuLoad: true },
    full: { inferences: 120, rounds: 6, gpuLoad: true },
  },
};

const chart: ChartSpec<ScenarioConfigOf<'interference'>> = {
  x: (c) => (c.params.gpuLoad ? 'GPU loop' : `${c.params.busyWorkers} busy`),
  xLabel: 'background load',
  series: (c) => c.params.backend,
  y: 'medianMs',
  yLabel: 'median latency, ms',
};

export const interferenceScenario = {
  definition,
  chart,
  figures: { flip: interferenceFlip },
} satisfies ScenarioModule<'interference'>;
