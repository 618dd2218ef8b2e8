/**
 * The `concurrent` scenario's result: two models alone, taking turns and at the same time, on
 * two backends and then on one. A configuration is one model in one mode (its latency and
 * slowdown against alone) or both models together in one mode (wall time, throughput).
 */
import { z } from 'zod';
import { finite, shortText } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

export const concurrentResultSchema = scenarioResultOf('concurrent', {
  params: {
    /** Inferences of the slowest model; the others run more (`inferencesFaces`, …). */
    inferences: count,
    inferencesFaces: count,
    inferencesVoice: count,
    inferencesFacesCpu: count,
    /** What a latency is: `worker service time`. */
    latency: shortText,
    countCap: finite,
    countStretch: finite,
    facesBackend: shortText,
  },
  configParams: {
    /** `alone`, `sequential`, `co-run`, each also with `, one backend`. */
    mode: shortText,
    /** One model's configuration: its session. */
    role: shortText.optional(),
    model: shortText.optional(),
    backend: shortText.optional(),
    /** Both models' configuration: their names and inferences together. */
    models: shortText.optional(),
    inferences: count.optional(),
  },
  metrics: {
    /** Median latency over the same model's alone, ×. */
    slowdown: finite,
    wallMs: finite,
    throughputPerS: finite,
    /** Co-run inferences that started while the other model was still running. */
    overlapped: finite,
    speedupVsSequential: finite,
  },
});
export type ConcurrentResult = z.infer<typeof concurrentResultSchema>;
