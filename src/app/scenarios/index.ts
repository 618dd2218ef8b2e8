/**
 * The scenario runners by id — the page's half of the scenario registry (`src/scenarios/`: each
 * scenario's folder holds its `runner.ts` next to its pure parts) — and running a list of them
 * one after another (never two at once: each scenario controls what runs in parallel itself).
 * Keyed by the record schema's scenario ids, so a scenario without a runner does not compile.
 */
import { runConcurrent } from '../../scenarios/concurrent/runner.ts';
import { runDynamic } from '../../scenarios/dynamic/runner.ts';
import { SCENARIOS, type ScenarioDefinition, scenarioById } from '../../scenarios/index.ts';
import { runInterference } from '../../scenarios/interference/runner.ts';
import { runPipeline } from '../../scenarios/pipeline/runner.ts';
import { runSplit } from '../../scenarios/split/runner.ts';
import { runSustained } from '../../scenarios/sustained/runner.ts';
import type { ScenarioId, ScenarioResult } from '../../schema/scenario.ts';
import { type RunScenarioOptions, runScenario, type ScenarioRunner } from './context.ts';

const RUNNERS: { readonly [Id in ScenarioId]: ScenarioRunner<Id> } = Object.freeze({
  concurrent: runConcurrent,
  split: runSplit,
  pipeline: runPipeline,
  interference: runInterference,
  dynamic: runDynamic,
  sustained: runSustained,
});

/** The scenarios this page can run, in catalog order. */
export function runnableScenarios(): ScenarioDefinition[] {
  return [...SCENARIOS];
}

/**
 * Runs the named scenarios in order; `onStart(index, def)` before each and `onDone(index, result)`
 * after it (both awaited). Unknown ids throw at once.
 */
export async function runScenarios(
  ids: readonly string[],
  options: RunScenarioOptions & {
    onStart?: (index: number, def: ScenarioDefinition) => void | Promise<void>;
    onDone?: (index: number, result: ScenarioResult) => void | Promise<void>;
  },
): Promise<ScenarioResult[]> {
  const defs = ids.map(scenarioById);
  const results: ScenarioResult[] = [];
  for (const [index, def] of defs.entries()) {
    await options.onStart?.(index, def);
    // RUNNERS[def.id] is def's own runner; TypeScript cannot pair a union's members by key.
    const result = await runScenario(def, RUNNERS[def.id] as ScenarioRunner<typeof def.id>, options);
    results.push(result);
    await options.onDone?.(index, result);
  }
  return results;
}
