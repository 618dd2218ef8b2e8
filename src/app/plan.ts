/**
 * Plans a run: every suite model (or the models the user named) × every runtime that reads its format × every backend variant,
 * narrowed by the run's filters. Variants the browser cannot run stay in the plan, marked, so the
 * results table shows them as `unsupported` with the reason.
 */
import type { RunParams } from '../measure/params.ts';
import type { CaseSpec } from '../measure/protocol.ts';
import { type PlannerEnv, runtimesFor } from '../runtimes/index.ts';
import { modelById } from '../suite/catalog.ts';
import { suiteById } from '../suite/suites.ts';
import type { Budget } from '../suite/types.ts';

export interface PlannedCase {
  spec: CaseSpec;
  /** Set when the browser cannot run this case; no worker is started. */
  unsupported?: string;
}

/** The suite's budget with the run's overrides applied. */
export function effectiveBudget(base: Budget, params: Pick<RunParams, 'runs' | 'caseTimeoutMs'>): Budget {
  return {
    ...base,
    ...(params.runs === undefined ? {} : { minRuns: params.runs, maxRuns: params.runs }),
    ...(params.caseTimeoutMs === undefined ? {} : { caseTimeoutMs: params.caseTimeoutMs }),
  };
}

const included = (filter: readonly string[], id: string) => filter.length === 0 || filter.includes(id);

export function planRun(params: RunParams, env: PlannerEnv, modelsBaseUrl: string): PlannedCase[] {
  const suite = suiteById(params.suite);
  const budget = effectiveBudget(suite.budget, params);
  // Models the user names run even when the suite does not list them; the suite sets the budget.
  const modelIds = params.models.length ? params.models : suite.models;
  const plan: PlannedCase[] = [];
  for (const modelId of modelIds) {
    const model = modelById(modelId);
    for (const runtime of runtimesFor(model.format)) {
      if (!included(params.runtimes, runtime.id)) continue;
      for (const variant of runtime.variants(env)) {
        if (!included(params.backends, variant.backend)) continue;
        const fault = params.fault;
        const faulty =
          fault &&
          fault.model === model.id &&
          fault.runtime === runtime.id &&
          fault.backend === variant.backend;
        const spec: CaseSpec = {
          model,
          runtime: runtime.id,
          backend: variant.backend,
          options: variant.options,
          budget,
          modelsBaseUrl,
          ...(faulty ? { fault: fault.kind } : {}),
        };
        plan.push(variant.unsupported ? { spec, unsupported: variant.unsupported } : { spec });
      }
    }
  }
  return plan;
}
