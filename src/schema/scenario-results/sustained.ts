/**
 * The `sustained` scenario's result: one model looped back to back for a fixed time; a
 * configuration is one time window (its latency and throughput).
 */
import { z } from 'zod';
import { finite, ms } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

export const sustainedResultSchema = scenarioResultOf('sustained', {
  params: {
    durationMs: ms,
    windowMs: ms,
    inferences: count,
  },
  configParams: {
    /** The window's index, and its start from the loop's start, ms. */
    window: count,
    startMs: ms,
  },
  metrics: {
    throughputPerS: finite,
  },
});
export type SustainedResult = z.infer<typeof sustainedResultSchema>;
