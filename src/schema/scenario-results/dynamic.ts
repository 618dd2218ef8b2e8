/**
 * The `dynamic` scenario's result: Poisson arrivals dispatched to a `wasm` and a `webgpu` session
 * by four policies at rising load; a configuration is one policy at one load (latency from
 * scheduled arrival to completion, deadline misses, throughput, each session's share and service
 * time, and what the simulation predicts).
 */
import { z } from 'zod';
import { finite, shortText } from '../primitives.ts';
import { count, scenarioResultOf } from './parts.ts';

/** The dispatch policies: the single fastest backend, turns, shortest queue, earliest expected completion. */
export const DISPATCH_POLICIES = ['fixed', 'round-robin', 'least-loaded', 'shortest-expected'] as const;

export const dynamicResultSchema = scenarioResultOf('dynamic', {
  params: {
    requests: count,
    /** The load fractions, space-separated. */
    loads: shortText,
    deadlineFactor: finite,
    deadlineMs: finite,
    seed: finite,
    serviceRuns: count,
    capacityPerS: finite,
    latency: shortText,
    note: shortText,
    skipped: shortText,
  },
  configParams: {
    policy: z.enum(DISPATCH_POLICIES),
    /** Offered load, a fraction of the sessions' capacity. */
    load: finite,
    ratePerS: finite,
  },
  metrics: {
    missRate: finite,
    throughputPerS: finite,
    /** Share of the requests each session (by role) served, and its mean service time meanwhile. */
    share_wasm: finite,
    share_webgpu: finite,
    service_wasmMs: finite,
    service_webgpuMs: finite,
    predictedP50Ms: finite,
    predictedP95Ms: finite,
    predictedP99Ms: finite,
    predictedMissRate: finite,
    dispatchLateMeanMs: finite,
    dispatchLateMaxMs: finite,
  },
});
export type DynamicResult = z.infer<typeof dynamicResultSchema>;
