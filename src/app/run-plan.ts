/**
 * Runs a planned list of cases one after another (never two at once, so cases do not compete
 * for the CPU), reporting progress and an ETA from the durations of the cases done so far
 * (see eta.ts).
 */
import type { ProgressEvent } from '../measure/protocol.ts';
import type { Case } from '../schema/run.ts';
import { runCaseInWorker, unsupportedCase } from './case-runner.ts';
import { estimateRemainingMs, type FinishedCase } from './eta.ts';
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
  /** Before each case is run (awaited: the run journal is written then). */
  onCaseStart?: (index: number, planned: PlannedCase) => Promise<void>;
  /** After each case, also for each of `done` (awaited). */
  onCaseDone: (result: Case, index: number) => void | Promise<void>;
}

/** Runs `plan`; a continued run passes the results it already has (`done`), which are not run again. */
export async function runPlan(
  plan: readonly PlannedCase[],
  hooks: RunPlanHooks,
  done: readonly Case[] = [],
): Promise<Case[]> {
  const results: Case[] = [];
  const finished: FinishedCase[] = [];
  for (const [index, planned] of plan.entries()) {
    let result: Case;
    const kept = done[index];
    if (kept) {
      result = kept;
    } else if (planned.unsupported) {
      result = unsupportedCase(planned.spec, planned.unsupported);
    } else {
      await hooks.onCaseStart?.(index, planned);
      const started = performance.now();
      const upcoming = plan
        .slice(index + 1)
        .filter((p) => !p.unsupported)
        .map((p) => p.spec.backend);
      result = await runCaseInWorker(planned.spec, (event) => {
        const current = { backend: planned.spec.backend, elapsedMs: performance.now() - started };
        const etaMs = estimateRemainingMs(finished, current, upcoming);
        hooks.onProgress({ index, total: plan.length, planned, event, etaMs });
      });
      finished.push({ backend: planned.spec.backend, ms: performance.now() - started });
    }
    results.push(result);
    await hooks.onCaseDone(result, index);
  }
  return results;
}
