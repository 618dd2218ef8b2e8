/**
 * The `split` scenario's result: one batch split between a `cpu` and a `gpu` session at ratios
 * r (the share on `gpu`); a configuration is one ratio (its makespan, throughput, transfer
 * overhead and predicted makespan, and the item round trips as latency).
 */
import { z } from 'zod';
import { finite, shortText } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

export const splitResultSchema = scenarioResultOf('split', {
  params: {
    batch: count,
    repeats: count,
    serviceRuns: count,
    /** The ratios, space-separated. */
    ratios: shortText,
    rounding: shortText,
    itemLatency: shortText,
    cpuBackend: shortText,
    gpuBackend: shortText,
    outputBytesPerItem: count,
    note: shortText,
    predictedRatio: finite,
    /** −1 when there was no prediction. */
    predictedBestTestedRatio: finite,
  },
  configParams: {
    /** Share of the batch on the `gpu` session: 0 = all on `cpu`, 1 = all on `gpu`. */
    ratio: finite.min(0).max(1),
    cpuItems: count,
    gpuItems: count,
  },
  metrics: {
    makespanMs: finite,
    throughputPerS: finite,
    transferMs: finite,
    predictedMakespanMs: finite,
    /** Median service time of each session while both worked. */
    cpuServiceMs: finite,
    gpuServiceMs: finite,
  },
});
export type SplitResult = z.infer<typeof splitResultSchema>;
