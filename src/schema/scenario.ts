/**
 * Scenario results: the optional `scenarios` array of an `atlas.run/1` record. A scenario runs
 * several model sessions at once (concurrent models, a split batch, a pipeline, background load,
 * a dispatcher under Poisson arrivals, a sustained loop); its result names the scenario and its
 * version, the parameters it ran with, the sessions (placements) it used, one entry per measured
 * configuration with latency statistics and small raw samples, and one headline figure. Adding
 * the field keeps every record without it valid.
 *
 * A result is one of a union discriminated on its `id`: each scenario's schema
 * (`./scenario-results/<id>.ts`) names the parameters, configuration parameters and figures its runner
 * writes, so the runner that writes them and the page, dashboard and server that read them
 * compile against the same members, and a result whose shape does not match its id is refused
 * with the path of the mismatch. An id no scenario has is refused.
 */
import { z } from 'zod';
import { concurrentResultSchema } from './scenario-results/concurrent.ts';
import { dynamicResultSchema } from './scenario-results/dynamic.ts';
import { interferenceResultSchema } from './scenario-results/interference.ts';
import { pipelineResultSchema } from './scenario-results/pipeline.ts';
import { splitResultSchema } from './scenario-results/split.ts';
import { sustainedResultSchema } from './scenario-results/sustained.ts';

export type { ConcurrentResult } from './scenario-results/concurrent.ts';
export { DISPATCH_POLICIES, type DynamicResult } from './scenario-results/dynamic.ts';
export type { InterferenceResult } from './scenario-results/interference.ts';
export {
  type LatencyStats,
  latencyStatsSchema,
  type Placement,
  placementSchema,
  SCENARIO_LIMITS,
  SCENARIO_STATUSES,
  type ScenarioStatus,
} from './scenario-results/parts.ts';
export type { PipelineResult } from './scenario-results/pipeline.ts';
export type { SplitResult } from './scenario-results/split.ts';
export type { SustainedResult } from './scenario-results/sustained.ts';

export const scenarioResultSchema = z.discriminatedUnion('id', [
  concurrentResultSchema,
  splitResultSchema,
  pipelineResultSchema,
  interferenceResultSchema,
  dynamicResultSchema,
  sustainedResultSchema,
]);
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

/** The scenario ids a record may hold. */
export type ScenarioId = ScenarioResult['id'];
/** The result of scenario `Id`. */
export type ScenarioResultOf<Id extends ScenarioId> = Extract<ScenarioResult, { id: Id }>;
/** One measured configuration of scenario `Id`. */
export type ScenarioConfigOf<Id extends ScenarioId> = ScenarioResultOf<Id>['configs'][number];
/** One measured configuration of any scenario (a load level, a split ratio, a policy at a rate, …). */
export type ScenarioConfig = ScenarioResult['configs'][number];
/** What every result has, whatever its scenario. */
export type ScenarioHeadline = NonNullable<ScenarioResult['headline']>;

/** Every scenario id, in the order of the union. */
export const SCENARIO_IDS: readonly ScenarioId[] = Object.freeze(
  scenarioResultSchema.options.map((o) => o.shape.id.value),
);
