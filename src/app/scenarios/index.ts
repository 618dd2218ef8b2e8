/**
 * The scenario runners by id, and running a list of them one after another (never two at once:
 * each scenario controls what runs in parallel itself).
 */
import {
  SCENARIOS,
  type ScenarioDefinition,
  type ScenarioId,
  scenarioById,
} from '../../measure/scenarios/catalog.ts';
import type { ScenarioResult } from '../../schema/scenario.ts';
import { runConcurrent } from './concurrent.ts';
import { type RunScenarioOptions, runScenario, type ScenarioRunner } from './context.ts';
import { runDynamic } from './dynamic.ts';
import { runInterference } from './interference.ts';
import { runPipeline } from './pipeline.ts';
import { runSplit } from './split.ts';
import { runSustained } from './sustained.ts';

type Runners = { [K in ScenarioId]?: ScenarioRunner<Extract<ScenarioDefinition, { id: K }>> };

const RUNNERS: Runners = Object.freeze({
  split: runSplit,
  concurrent: runConcurrent,
  pipeline: runPipeline,
  interference: runInterference,
  dynamic: runDynamic,
  sustained: runSustained,
});

/** The scenarios this page can run, in catalog order. */
export function runnableScenarios(): ScenarioDefinition[] {
  return SCENARIOS.filter((s) => RUNNERS[s.id] !== undefined);
}

/** Runs the named scenarios in order; `onStart(index, def)` before each. Unknown ids throw at once. */
export async function runScenarios(
  ids: readonly string[],
  options: RunScenarioOptions & { onStart?: (index: number, def: ScenarioDefinition) => void },
): Promise<ScenarioResult[]> {
  const defs = ids.map(scenarioById);
  const missing = defs.filter((d) => RUNNERS[d.id] === undefined).map((d) => d.id);
  if (missing.length) throw new Error(`no runner for scenario(s) ${missing.join(', ')}`);
  const results: ScenarioResult[] = [];
  for (const [index, def] of defs.entries()) {
    options.onStart?.(index, def);
    const runner = RUNNERS[def.id] as ScenarioRunner<typeof def>;
    results.push(await runScenario(def, runner, options));
  }
  return results;
}
