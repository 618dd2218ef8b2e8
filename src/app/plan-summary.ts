/**
 * The line beside Run that says what the chosen suite will do on this device before it starts:
 * how many cases, how many of them on a software GPU with the short budget (and why), and about
 * how long (the plan's priors, src/app/eta.ts). The model download line is model-storage's.
 */

import type { RunParams } from '../measure/params.ts';
import { type PlanEnv, type PlannedCase, planRun } from './plan.ts';
import { estimatePlan } from './run-plan.ts';

/** Short human duration: "45 s", "3 min 10 s". */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export interface PlanOverview {
  cases: number;
  unsupported: number;
  softwareGpu: number;
  estimateMs: number;
  text: string;
}

export function planOverview(plan: readonly PlannedCase[]): PlanOverview {
  const runnable = plan.filter((p) => !p.unsupported);
  const softwareGpu = runnable.filter((p) => p.spec.budgetKind === 'software-gpu').length;
  const estimateMs = estimatePlan(plan).totalPriorMs();
  const parts = [`${runnable.length} case${runnable.length === 1 ? '' : 's'}`];
  if (softwareGpu > 0) parts.push(`${softwareGpu} on a software GPU with a short budget`);
  const skipped = plan.length - runnable.length;
  if (skipped > 0) parts.push(`${skipped} this browser cannot run`);
  return {
    cases: runnable.length,
    unsupported: skipped,
    softwareGpu,
    estimateMs,
    text: `${parts.join(', ')} · about ${duration(estimateMs)}`,
  };
}

/** Plans the run the page would start now and writes its overview into `target`. */
export function showPlanOverview(
  target: HTMLElement,
  params: RunParams,
  env: PlanEnv,
  modelsBaseUrl: string,
): PlanOverview | undefined {
  try {
    const overview = planOverview(planRun(params, env, modelsBaseUrl));
    target.textContent = `This run: ${overview.text}.`;
    target.title = overview.softwareGpu ? `Software GPU: ${env.softwareGpu?.why ?? ''}` : '';
    return overview;
  } catch (error) {
    target.textContent = error instanceof Error ? error.message : String(error);
    return undefined;
  }
}
