/**
 * Runs a planned list of cases one after another (never two at once, so cases do not compete
 * for the CPU), reporting progress and an ETA from the durations of the cases done so far.
 */
import type { ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { runCaseInWorker, unsupportedCase } from './case-runner.ts';
import type { PlannedCase } from './plan.ts';

export interface RunProgress {
  /** 0-based index of the case running now. */
  index: number;
  total: number;
  planned: PlannedCase;
  event: ProgressEvent;
  /** Estimated time left for the whole run, ms (undefined until one case has finished). */
  etaMs: number | undefined;
}

export interface RunPlanHooks {
  onProgress: (progress: RunProgress) => void;
  onCaseDone: (result: Case, index: number) => void;
}

export async function runPlan(plan: readonly PlannedCase[], hooks: RunPlanHooks): Promise<Case[]> {
  const results: Case[] = [];
  const durations: number[] = [];
  const toRun = plan.filter((p) => !p.unsupported).length;
  for (const [index, planned] of plan.entries()) {
    let result: Case;
    if (planned.unsupported) {
      result = unsupportedCase(planned.spec, planned.unsupported);
    } else {
      const started = performance.now();
      const remainingAfter = toRun - durations.length - 1;
      const average = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : undefined;
      result = await runCaseInWorker(planned.spec, (event) => {
        const elapsed = performance.now() - started;
        const etaMs =
          average === undefined ? undefined : Math.max(0, average - elapsed) + average * remainingAfter;
        hooks.onProgress({ index, total: plan.length, planned, event, etaMs });
      });
      durations.push(performance.now() - started);
    }
    results.push(result);
    hooks.onCaseDone(result, index);
  }
  return results;
}
