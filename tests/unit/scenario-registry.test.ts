/**
 * The scenario registry and the typed results, checked by the compiler (`@ts-expect-error` lines
 * fail `tsc` once they stop being errors) and at runtime: a registry or runner list missing a
 * scenario, or pairing an id with another scenario's module, does not compile; a configuration
 * written without its scenario's parameters or with a metric the scenario does not name does not
 * compile, and neither does reading such a metric; each id finds its own module.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ScenarioRunner } from '../../src/app/scenarios/context.ts';
import { makeConfig } from '../../src/measure/scenarios/latency.ts';
import { concurrentScenario } from '../../src/scenarios/concurrent/index.ts';
import { dynamicScenario } from '../../src/scenarios/dynamic/index.ts';
import {
  isScenarioId,
  SCENARIOS,
  type ScenarioModule,
  scenarioById,
  scenarioModule,
} from '../../src/scenarios/index.ts';
import { interferenceScenario } from '../../src/scenarios/interference/index.ts';
import { pipelineScenario } from '../../src/scenarios/pipeline/index.ts';
import { splitScenario } from '../../src/scenarios/split/index.ts';
import { SCENARIO_IDS, type ScenarioConfigOf, type ScenarioId } from '../../src/schema/scenario.ts';

type Registry = { [Id in ScenarioId]: ScenarioModule<Id> };
type Runners = { [Id in ScenarioId]: ScenarioRunner<Id> };

describe('scenario registry', () => {
  it('has one module per scenario id of the record schema, in catalog order, each its own', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    for (const id of SCENARIO_IDS) {
      expect(scenarioModule(id).definition.id).toBe(id);
      expect(scenarioById(id)).toBe(scenarioModule(id).definition);
    }
    expect(isScenarioId('split')).toBe(true);
    expect(isScenarioId('toString')).toBe(false);
    expect(() => scenarioById('teleport')).toThrow(/unknown scenario "teleport"; known: concurrent, split/);
  });

  it('does not compile without a module for every id, or with crossed modules', () => {
    // @ts-expect-error sustained has no module
    const missing: Registry = {
      concurrent: concurrentScenario,
      split: splitScenario,
      pipeline: pipelineScenario,
      interference: interferenceScenario,
      dynamic: dynamicScenario,
    };
    const crossed: Registry = {
      concurrent: concurrentScenario,
      // @ts-expect-error the split key holds the concurrent module
      split: concurrentScenario,
      pipeline: pipelineScenario,
      interference: interferenceScenario,
      dynamic: dynamicScenario,
      sustained: scenarioModule('sustained'),
    };
    // @ts-expect-error a runner list needs a runner for every id
    const runners: Runners = {};
    expect([missing, crossed, runners]).toHaveLength(3);
  });

  it('types a configuration by its scenario: parameters required, metrics named', () => {
    const params = { ratio: 0.5, cpuItems: 4, gpuItems: 4 };
    const ok = makeConfig<'split'>('r = 0.5', params, [1, 2], { makespanMs: 3 });
    expectTypeOf(ok).toEqualTypeOf<ScenarioConfigOf<'split'>>();
    expectTypeOf(ok.params.ratio).toBeNumber();
    expectTypeOf(ok.metrics?.makespanMs).toEqualTypeOf<number | undefined>();
    // @ts-expect-error a split configuration names its ratio
    makeConfig<'split'>('no ratio', { cpuItems: 4, gpuItems: 4 }, []);
    // @ts-expect-error a metric the split scenario does not name
    makeConfig<'split'>('typo', params, [], { makespan: 3 });
    // @ts-expect-error reading a metric the split scenario does not name
    expect(ok.metrics?.makespan).toBeUndefined();
    expect(ok.metrics).toEqual({ makespanMs: 3 });
  });
});
