/**
 * The `pipeline` scenario's result: face detection then landmarks streamed through two session
 * workers; a configuration is one placement of the two stages (end-to-end latency, steady
 * throughput, stage times, hand-off costs).
 */
import { z } from 'zod';
import { finite, shortText } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

export const pipelineResultSchema = scenarioResultOf('pipeline', {
  params: {
    items: count,
    /** What stage 2 is fed: `deterministic` (the model's own input, not a crop). */
    stage2Input: shortText,
    /** The placements measured, e.g. `wasm→wasm, wasm→webgpu`. */
    placements: shortText,
    skipped: shortText,
  },
  configParams: {
    /** Stage 1's backend, stage 2's backend. */
    stage1: shortText,
    stage2: shortText,
    items: count,
  },
  metrics: {
    throughputPerS: finite,
    boundThroughputPerS: finite,
    stage1Ms: finite,
    stage2Ms: finite,
    transferGapMs: finite,
    handoffMs: finite,
    messagingMs: finite,
    bytesPerItem: finite,
  },
});
export type PipelineResult = z.infer<typeof pipelineResultSchema>;
