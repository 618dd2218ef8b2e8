/**
 * What every scenario result shares — status, placements, latency statistics, the headline, the
 * size limits — and `scenarioResultOf`, which builds one scenario's result schema from the
 * members its runner writes: the scenario's parameters, what distinguishes each configuration,
 * and each configuration's figures. Members a scenario names are typed and checked; the other
 * members of the same maps are kept as sent (flat values, finite figures) and invisible to the
 * types, so a record written by another revision of a runner stays valid and is stored whole,
 * while code can only read the members the scenario declares.
 */
import { z } from 'zod';
import { finite, longText, ms, shortText } from '../primitives.ts';
import { MAX_COUNT, statisticsSchema } from '../statistics.ts';

export const SCENARIO_LIMITS = Object.freeze({ configs: 200, samples: 2000, placements: 16 });

export const SCENARIO_STATUSES = ['ok', 'unsupported', 'error', 'excluded'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** A whole number of things (items, workers, inferences, windows). */
export const count = z.number().int().nonnegative();
/** A value of a flat parameter map: a number, a string or a boolean. */
export const flatValue = z.union([finite, shortText, z.boolean()]);
/** A flat parameter map: names to a number, a string or a boolean. */
export const flatParams = z.record(shortText, flatValue);

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

/** The scenario's answer in one figure (e.g. the best split's gain over the best single backend). */
export const headlineSchema = z.object({ metric: shortText, value: finite, text: longText });

/** Every member name of a map is a short text without NUL, as in any record's maps. */
function checkNames(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(value)) {
    const checked = shortText.safeParse(name);
    if (!checked.success)
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `invalid member name: ${checked.error.issues[0]?.message ?? 'not a short text'}`,
      });
  }
}

/**
 * Members `shape` names, typed; any other member is kept as sent when it is `rest`. The type
 * shows only the named members: reading another one does not compile.
 */
function namedMembers<S extends z.ZodRawShape>(shape: S, rest: z.ZodType) {
  return z.object(shape).catchall(rest).superRefine(checkNames) as unknown as z.ZodType<
    z.output<z.ZodObject<S>>
  >;
}

/** {@link namedMembers}, every one optional. */
function optionalMembers<S extends z.ZodRawShape>(shape: S, rest: z.ZodType) {
  return z.object(shape).partial().catchall(rest).superRefine(checkNames) as unknown as z.ZodType<
    Partial<z.output<z.ZodObject<S>>>
  >;
}

/** The members one scenario's runner writes. */
export interface ScenarioShape<P extends z.ZodRawShape, C extends z.ZodRawShape, M extends z.ZodRawShape> {
  /** The scenario's parameters (none of them required: a failed scenario records `{}`). */
  params: P;
  /** What distinguishes each configuration (a load level, a split ratio, a policy at a load, …). */
  configParams: C;
  /** Each configuration's other figures (none required: a figure that is not finite is left out). */
  metrics: M;
}

/** The result schema of scenario `id` (its `atlas.run/1` `scenarios[i]` entries). */
export function scenarioResultOf<
  Id extends string,
  P extends z.ZodRawShape,
  C extends z.ZodRawShape,
  M extends z.ZodRawShape,
>(id: Id, shape: ScenarioShape<P, C, M>) {
  const config = z.object({
    label: shortText,
    params: namedMembers(shape.configParams, flatValue),
    latency: latencyStatsSchema.optional(),
    metrics: optionalMembers(shape.metrics, finite).optional(),
    /** Raw latencies, ms, when few enough (at most 2000). */
    samplesMs: z.array(ms).max(SCENARIO_LIMITS.samples).optional(),
  });
  return z.object({
    id: z.literal(id),
    /** Bumped whenever what the scenario measures changes. */
    version: shortText,
    status: z.enum(SCENARIO_STATUSES),
    /** One line, when not ok. */
    error: longText.optional(),
    params: optionalMembers(shape.params, flatValue),
    placements: z.array(placementSchema).max(SCENARIO_LIMITS.placements),
    configs: z.array(config).max(SCENARIO_LIMITS.configs),
    headline: headlineSchema.optional(),
    /** The page lost visibility while this scenario ran: its timings are not comparable and it is `excluded`. */
    visibilityLost: z.boolean().optional(),
    wallMs: ms.optional(),
  });
}
