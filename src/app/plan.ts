/**
 * Plans a run: every suite model × every runtime that reads its format × the backend variants the
 * suite runs (all of them unless the suite picks) — or the models the user named, on every
 * variant — narrowed by the run's filters. Variants the browser cannot run stay in the plan, marked, so the results
 * table shows them as `unsupported` with the reason. GPU cases on a software GPU get a short fixed
 * budget unless the run asks for the full one.
 */
import type { RunParams } from '../measure/params.ts';
import type { CaseSpec } from '../measure/protocol.ts';
import { onSoftwareGpu } from '../report/software-gpu.ts';
import { type PlannerEnv, type RuntimeId, runtimesFor } from '../runtimes/index.ts';
import { suiteVariants } from '../runtimes/suite-variants.ts';
import type { Env } from '../schema/run.ts';
import { modelById } from '../suite/catalog.ts';
import { suiteById } from '../suite/suites.ts';
import type { Budget } from '../suite/types.ts';

export interface PlannedCase {
  spec: CaseSpec;
  /** Set when the browser cannot run this case; no worker is started. */
  unsupported?: string;
}

/** The planner's view of the browser: what variants need, and which GPU APIs are software. */
export type PlanEnv = PlannerEnv & Pick<Env, 'softwareGpu'>;

/** The suite's budget with the run's overrides applied. */
export function effectiveBudget(base: Budget, params: Pick<RunParams, 'runs' | 'caseTimeoutMs'>): Budget {
  return {
    ...base,
    ...(params.runs === undefined ? {} : { minRuns: params.runs, maxRuns: params.runs }),
    ...(params.caseTimeoutMs === undefined ? {} : { caseTimeoutMs: params.caseTimeoutMs }),
  };
}

/** Measured runs of a GPU case on a software GPU: enough for a median, not for a tight CI. */
export const SOFTWARE_GPU_RUNS = 3;
/** Its whole case (load to dispose) is stopped past this, ms. */
export const SOFTWARE_GPU_LIMIT_MS = 20_000;

/** The short fixed budget of a GPU case on a software GPU (a run's fixed `runs` replaces it). */
export function softwareGpuBudget(base: Budget): Budget {
  return {
    ...base,
    warmupRuns: 1,
    warmupMs: 0,
    minRuns: SOFTWARE_GPU_RUNS,
    maxRuns: SOFTWARE_GPU_RUNS,
    budgetMs: 0,
    caseTimeoutMs: Math.min(base.caseTimeoutMs, SOFTWARE_GPU_LIMIT_MS),
  };
}

const included = (filter: readonly string[], id: string) => filter.length === 0 || filter.includes(id);

export function planRun(params: RunParams, env: PlanEnv, modelsBaseUrl: string): PlannedCase[] {
  const suite = suiteById(params.suite);
  const budget = effectiveBudget(suite.budget, params);
  const shortBudget = effectiveBudget(softwareGpuBudget(suite.budget), params);
  // Models the user names run even when the suite does not list them, on every backend (the
  // filters still apply); the suite sets the budget.
  const modelIds = params.models.length ? params.models : suite.models;
  const backendsOf = (runtime: RuntimeId) => (params.models.length ? undefined : suite.backends?.[runtime]);
  // A fixed number of runs (`runs`) is the run's own budget: it replaces the short one too.
  const shortOnSoftware = params.softwareGpu === 'short' && params.runs === undefined;
  const plan: PlannedCase[] = [];
  for (const modelId of modelIds) {
    const model = modelById(modelId);
    for (const runtime of runtimesFor(model.format)) {
      if (!included(params.runtimes, runtime.id)) continue;
      for (const variant of suiteVariants(runtime.variants(env), backendsOf(runtime.id))) {
        if (!included(params.backends, variant.backend)) continue;
        const fault = params.fault;
        const faulty =
          fault &&
          fault.model === model.id &&
          fault.runtime === runtime.id &&
          fault.backend === variant.backend;
        const software = shortOnSoftware && onSoftwareGpu(variant.backend, env.softwareGpu);
        const spec: CaseSpec = {
          model,
          runtime: runtime.id,
          backend: variant.backend,
          options: variant.options,
          budget: software ? shortBudget : budget,
          modelsBaseUrl,
          ...(software ? { budgetKind: 'software-gpu' as const } : {}),
          ...(faulty ? { fault: fault.kind } : {}),
        };
        plan.push(variant.unsupported ? { spec, unsupported: variant.unsupported } : { spec });
      }
    }
  }
  return plan;
}
