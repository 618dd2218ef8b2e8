/**
 * Scenario results: the optional `scenarios` array of an `atlas.run/1` record. A scenario runs
 * several model sessions at once (concurrent models, a split batch, a pipeline, background load,
 * a dispatcher under Poisson arrivals, a sustained loop); its result names the scenario and its
 * version, the parameters it ran with, the sessions (placements) it used, one entry per measured
 * configuration with latency statistics and small raw samples, and one headline figure. Adding
 * the field keeps every record without it valid.
 */
import { z } from 'zod';
import { finite, longText, ms, shortText } from './primitives.ts';
import { MAX_COUNT, statisticsSchema } from './statistics.ts';

const LIMITS = Object.freeze({ configs: 200, samples: 2000, placements: 16 });
/** A flat parameter map: names to a number, a string or a boolean. */
const flatParams = z.record(shortText, z.union([finite, shortText, z.boolean()]));

export const SCENARIO_STATUSES = ['ok', 'unsupported', 'error', 'excluded'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** Latency statistics of one configuration: the warm statistics plus the tail and maximum (ms). */
export const latencyStatsSchema = statisticsSchema.extend({
  n: z.number().int().positive().max(MAX_COUNT),
  /** Largest sample, ms. */
  maxMs: ms,
  /** 95th percentile (type 7), ms. */
  p95Ms: ms,
  /** 99th percentile (type 7), ms. */
  p99Ms: ms,
});
export type LatencyStats = z.infer<typeof latencyStatsSchema>;

/** One model session a scenario used: which model on which library, backend and options. */
export const placementSchema = z.object({
  /** Short name used by the configurations (`a`, `b`, `detect`, …). */
  role: shortText,
  model: shortText,
  runtime: shortText,
  backend: shortText,
  options: flatParams.optional(),
  libraryVersion: shortText.optional(),
  /** Mean service time measured after warm-up, before the scenario's configurations, ms. */
  serviceMs: ms.optional(),
  /** Offset of the session worker's clock from the page's (worker − page), and the round trip it was measured with, ms. */
  clock: z.object({ offsetMs: finite, rttMs: ms }).optional(),
});
export type Placement = z.infer<typeof placementSchema>;

/** One measured configuration of a scenario (a load level, a split ratio, a policy at a rate, …). */
export const scenarioConfigSchema = z.object({
  label: shortText,
  /** What distinguishes this configuration (`busyWorkers: 2`, `ratio: 0.25`, `policy: "round-robin"`). */
  params: flatParams,
  latency: latencyStatsSchema.optional(),
  /** Other figures of this configuration (`throughputPerS`, `makespanMs`, `deadlineMissRate`, `slowdown`, …). */
  metrics: z.record(shortText, finite).optional(),
  /** Raw latencies, ms, when few enough (at most 2000). */
  samplesMs: z.array(ms).max(LIMITS.samples).optional(),
});
export type ScenarioConfig = z.infer<typeof scenarioConfigSchema>;

export const scenarioResultSchema = z.object({
  id: shortText,
  version: shortText,
  status: z.enum(SCENARIO_STATUSES),
  /** One line, when not ok. */
  error: longText.optional(),
  params: flatParams,
  placements: z.array(placementSchema).max(LIMITS.placements),
  configs: z.array(scenarioConfigSchema).max(LIMITS.configs),
  /** The scenario's answer in one figure (e.g. the best split's gain over the best single backend). */
  headline: z.object({ metric: shortText, value: finite, text: longText }).optional(),
  /** The page lost visibility while this scenario ran: its timings are not comparable and it is `excluded`. */
  visibilityLost: z.boolean().optional(),
  wallMs: ms.optional(),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

export const SCENARIO_LIMITS = LIMITS;
