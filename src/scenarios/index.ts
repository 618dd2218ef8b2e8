/**
 * The scenarios: named, versioned runs of several model sessions at once, each one folder that
 * owns everything about it —
 *
 * - `index.ts`: its definition (id, version, title, question, the sessions it wants, its
 *   parameters at the `quick` and `full` sizes), how the page's card charts it, and its figures
 *   across runs (`figures.ts`) — pure, shared by the page, the dashboard, the server and the CLI;
 * - its pure bookkeeping (`plan.ts`, `co-run.ts`, `stream.ts`, `rounds.ts`, `dispatch.ts`, …);
 * - `runner.ts`: what runs it in the browser — page code, listed apart in
 *   `src/app/scenarios/index.ts`, never imported by the pure parts, the dashboard or the server.
 *
 * Its result's shape lives in the record schema (`src/schema/scenario-results/<id>.ts`, one
 * member of the union in `src/schema/scenario.ts`), below everything that writes or reads it.
 * The list below is the registry: keyed by the schema's scenario ids, so a scenario the schema
 * knows and no module covers (or a module whose id differs from its key) does not compile; its
 * order is the catalog's (page, CLI, dashboard). Bump a scenario's version whenever what it
 * measures changes.
 */
import type { ScenarioId } from '../schema/scenario.ts';
import { concurrentScenario } from './concurrent/index.ts';
import { dynamicScenario } from './dynamic/index.ts';
import { interferenceScenario } from './interference/index.ts';
import { pipelineScenario } from './pipeline/index.ts';
import { splitScenario } from './split/index.ts';
import { sustainedScenario } from './sustained/index.ts';
import type { ScenarioModule } from './types.ts';

export { type ChartPoint, type ChartSpec, chartPoints, shownMetrics } from './chart.ts';
export type { ConcurrentDefinition } from './concurrent/index.ts';
export type { DynamicDefinition } from './dynamic/index.ts';
export { medianOf } from './figures.ts';
export type { InterferenceDefinition } from './interference/index.ts';
export type { PipelineDefinition } from './pipeline/index.ts';
export type { SplitDefinition } from './split/index.ts';
export type { SustainedDefinition } from './sustained/index.ts';
export type { RoleSpec, ScenarioFigures, ScenarioModule, ScenarioSize } from './types.ts';

const MODULES = Object.freeze({
  concurrent: concurrentScenario,
  split: splitScenario,
  pipeline: pipelineScenario,
  interference: interferenceScenario,
  dynamic: dynamicScenario,
  sustained: sustainedScenario,
} satisfies { [Id in ScenarioId]: ScenarioModule<Id> });

/** Scenario `Id`'s definition, with the sessions and sizes of its own kind. */
export type ScenarioDefinitionOf<Id extends ScenarioId> = (typeof MODULES)[Id]['definition'];
export type ScenarioDefinition = ScenarioDefinitionOf<ScenarioId>;

/** Every scenario's definition, in catalog order. */
export const SCENARIOS: readonly ScenarioDefinition[] = Object.freeze(
  Object.values(MODULES).map((m) => m.definition),
);

/** Whether `id` names a scenario. */
export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(MODULES, id);
}

/**
 * Scenario `id`'s module. Typed for that id's results: `scenarioModule(result.id).chart` applies
 * to `result.configs` (the registry's keys are the modules' ids, so they always match).
 */
export function scenarioModule<Id extends ScenarioId>(id: Id): ScenarioModule<Id> {
  return MODULES[id] as unknown as ScenarioModule<Id>;
}

/** Looks a scenario's definition up; throws with the known ids when there is none. */
export function scenarioById(id: string): ScenarioDefinition {
  if (!isScenarioId(id))
    throw new Error(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return MODULES[id].definition;
}
