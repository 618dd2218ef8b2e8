/**
 * What a scenario module is: its definition (the catalog entry: id, version, title, question,
 * the sessions it wants and its sizes), how the page's card charts its configurations, and the
 * figures the results summary derives from each stored result. Each is typed by the scenario's
 * result (`ScenarioResultOf<Id>` in the record schema), so the runner that writes a result and
 * everything that reads it compile against the same members.
 */
import type { InterferenceFlip, MultiBackendGain } from '../schema/api.ts';
import type { ScenarioId, ScenarioResultOf } from '../schema/scenario.ts';
import type { ChartSpec } from './chart.ts';

/** A session a scenario wants: a role name, a model, a runtime and the backends to try in order. */
export interface RoleSpec {
  role: string;
  model: string;
  runtime: string;
  /** Backends in order of preference; the first the browser offers is used. */
  backends: readonly string[];
  /** WASM threads (1 keeps a session to one core, so co-running sessions do not fight over pthreads). */
  threads?: number;
}

/** `quick` for a phone in a minute or two, `full` for tighter figures. */
export type ScenarioSize = 'quick' | 'full';

/** What every scenario's definition has; each adds its sessions and its sizes' parameters. */
export interface ScenarioDefinitionBase<Id extends ScenarioId = ScenarioId> {
  id: Id;
  /** Bumped whenever what the scenario measures changes. */
  version: string;
  title: string;
  /** The question the scenario answers, one sentence, shown on the page. */
  question: string;
  sizes: Record<ScenarioSize, object>;
}

/** What the results summary derives from one stored result of a scenario, across runs. */
export interface ScenarioFigures<R> {
  /** The best multi-backend configuration over the best single backend; undefined when not readable. */
  gain?: (result: R) => MultiBackendGain | undefined;
  /** Where the fastest backend first changes under load; `null` when it never does, undefined when not readable. */
  flip?: (result: R) => InterferenceFlip | null | undefined;
}

/** One scenario: its definition, its card's chart and its cross-run figures (the runner is page code, apart). */
export interface ScenarioModule<Id extends ScenarioId = ScenarioId> {
  definition: ScenarioDefinitionBase<Id>;
  chart: ChartSpec<ScenarioResultOf<Id>['configs'][number]>;
  figures?: ScenarioFigures<ScenarioResultOf<Id>>;
}
