/**
 * The `interference` scenario's result: each backend's session under background load levels (k
 * busy CPU workers, a GPU compute loop); a configuration is one backend at one level. Version 1
 * measured each level once; version 2 alternates the levels in rounds and records the load's
 * work per configuration (`rounds`, `loadShortfall` and the metrics), absent from version 1
 * (`busyCores` came later within version 2).
 */
import { z } from 'zod';
import { finite, shortText } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

export const interferenceResultSchema = scenarioResultOf('interference', {
  params: {
    inferences: count,
    rounds: count,
    cores: count,
    levels: count,
    skipped: shortText,
    /** Levels whose load could not be confirmed running, and why. */
    loadShortfall: shortText,
  },
  configParams: {
    role: shortText,
    backend: shortText,
    busyWorkers: count,
    gpuLoad: z.boolean(),
  },
  metrics: {
    rounds: finite,
    /** Fewest busy workers seen doing work in any one measurement window. */
    busyWorkersRunning: finite,
    busyIterationsPerS: finite,
    /** Cores' worth of work the busy workers did (iterations × one iteration's typical duration, over the time). */
    busyCores: finite,
    gpuDispatchesPerS: finite,
    /** Share of the measurement windows in which the GPU loop ran. */
    gpuRunningShare: finite,
  },
});
export type InterferenceResult = z.infer<typeof interferenceResultSchema>;
