/**
 * Runs a planned list of cases one after another (never two at once, so cases do not compete
 * for the CPU), reporting progress and an ETA from the plan and the cases done so far (eta.ts).
 */
import type { ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { type CaseRunOptions, runCaseInWorker, unsupportedCase } from './case-runner.ts';
import { caseCost, RunEstimate } from './eta.ts';
import type { PlannedCase } from './plan.ts';

export interface RunProgress {
  /** 0-based index of the case running now. */
  index: number;
  total: number;
  planned: PlannedCase;
  event: ProgressEvent;
  /** Estimated time left for the whole run, ms. */
  etaMs: number;
}

export interface RunPlanHooks {
  onProgress: (progress: RunProgress) => void;
  /** Before each case is run (awaited: the run journal is written then). */
  onCaseStart?: (index: number, planned: PlannedCase) => Promise<void>;
  /** After each case, also for each of `done` (awaited). */
  onCaseDone: (result: Case, index: number) => void | Promise<void>;
  /** After each case that ran: the estimated time left for the rest of the run, ms. */
  onEstimate?: (etaMs: number) => void;
}

/** The estimate of a plan before it runs (what the page shows beside Run). */
export function estimatePlan(plan: readonly PlannedCase[]): RunEstimate {
  return new RunEstimate(plan.map((p) => (p.unsupported ? undefined : caseCost(p.spec))));
}

/**
 * Runs `plan`; a continued run passes the results it already has (`done`), which are not run again.
 * `caseOptions` go to every case (e.g. whether the page measures its own memory).
 */
export async function runPlan(
  plan: readonly PlannedCase[],
  hooks: RunPlanHooks,
  done: readonly Case[] = [],
  caseOptions: CaseRunOptions = {},
): Promise<Case[]> {
  const results: Case[] = [];
  const estimate = estimatePlan(plan);
  for (const [index, planned] of plan.entries()) {
    let result: Case;
    const kept = done[index];
    if (kept) {
      result = kept;
      // What it took before the page was lost still tells this device's speed.
      if (!planned.unsupported && kept.wallMs !== undefined) estimate.finished(index, kept.wallMs);
    } else if (planned.unsupported) {
      result = unsupportedCase(planned.spec, planned.unsupported);
    } else {
      await hooks.onCaseStart?.(index, planned);
      const started = performance.now();
      result = await runCaseInWorker(
        planned.spec,
        (event) => {
          const etaMs = estimate.remainingMs(index, performance.now() - started);
          hooks.onProgress({ index, total: plan.length, planned, event, etaMs });
        },
        caseOptions,
      );
      estimate.finished(index, performance.now() - started);
      hooks.onEstimate?.(estimate.remainingMs(index + 1, 0));
    }
    results.push(result);
    await hooks.onCaseDone(result, index);
  }
  return results;
}
