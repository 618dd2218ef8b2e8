/**
 * What keeps a run alive on a phone that misbehaves, around one run of the page: the screen wake
 * lock while it runs (wake-lock.ts), and the journal (run-journal.ts) written before and after
 * every case and scenario, so a page that was closed or crashed can continue the run after a
 * reload. The page calls these hooks from its run loop; the record gets `wakeLock` and, for a
 * continued run, `resumedAt`.
 */

import type { RunParams } from '../measure/params.ts';
import type { Case, Run } from '../schema/run.ts';
import type { ScenarioResult } from '../schema/scenario.ts';
import type { Suite } from '../suite/types.ts';
import { crashInjected, crashThePage } from './crash-fault.ts';
import type { InterruptedRun } from './interrupted-run.ts';
import { claimEntry, indexedDbJournalStore } from './journal-store.ts';
import type { PlannedCase } from './plan.ts';
import { randomUuid } from './record.ts';
import { JOURNAL_VERSION, type JournalEntry, planKey, planMatches, RunJournal } from './run-journal.ts';
import { holdScreenAwake, type WakeLockHold } from './wake-lock.ts';

declare const __APP_VERSION__: string;

export interface RunGuard {
  /** When the run started: now, or when the interrupted run it continues started. */
  readonly startedAt: Date;
  /** Results the run already has (a continued run's kept and crashed ones), in order. */
  readonly done: { readonly cases: Case[]; readonly scenarios: ScenarioResult[] };
  readonly wakeLock: WakeLockHold;
  caseStarting(index: number, planned: PlannedCase): Promise<void>;
  /** Every progress event of a running case (the injected crash fires here). */
  caseProgress(planned: PlannedCase): void;
  caseDone(index: number, result: Case): Promise<void>;
  scenarioStarting(index: number, def: { id: string; version: string }): Promise<void>;
  scenarioDone(index: number, result: ScenarioResult): Promise<void>;
  /** The record's fields from this module. */
  recordFields(): Pick<Run, 'wakeLock' | 'resumedAt'>;
  /** The run ended, done or failed: the journal entry goes, the screen may sleep. */
  end(): Promise<void>;
}

export interface GuardOptions {
  params: RunParams;
  suite: Suite;
  plan: readonly PlannedCase[];
  /** The interrupted run this one continues. */
  resume?: InterruptedRun;
}

export async function guardRun({ params, suite, plan, resume }: GuardOptions): Promise<RunGuard> {
  if (resume && !planMatches(resume.entry, plan)) {
    await resume.discard();
    throw new Error(
      'the interrupted run cannot be continued: the cases this browser offers now differ from the ones it was planned with',
    );
  }
  const now = new Date();
  const entry: JournalEntry = resume
    ? {
        ...resume.entry,
        cases: resume.point.cases,
        scenarios: resume.point.scenarios,
        resumedAt: [...resume.entry.resumedAt, now.toISOString()],
      }
    : {
        journal: JOURNAL_VERSION,
        id: randomUuid(),
        appVersion: __APP_VERSION__,
        suite: { id: suite.id, version: suite.version },
        params,
        startedAt: now.toISOString(),
        updatedAt: now.toISOString(),
        plan: plan.map(planKey),
        cases: [],
        scenarios: [],
        resumedAt: [],
      };
  delete entry.current;
  const lock = resume?.lock ?? (await claimEntry(entry.id, 0));
  const journal = new RunJournal(indexedDbJournalStore(), entry);
  const wakeLock = await holdScreenAwake();
  await journal.save();
  /** Set once the injected crash fired: this page is going away and must not write the case's end. */
  let crashing = false;

  return {
    startedAt: new Date(entry.startedAt),
    done: { cases: [...entry.cases], scenarios: [...entry.scenarios] },
    wakeLock,
    caseStarting: (index, planned) => journal.caseStarting(index, planned),
    caseProgress(planned) {
      if (crashing || !crashInjected(planned.spec)) return;
      crashing = true;
      void crashThePage();
    },
    // The page is reloading: the case's end is never written (nor anything after it).
    caseDone: (index, result) => (crashing ? new Promise<never>(() => {}) : journal.caseDone(index, result)),
    scenarioStarting: (index, def) => journal.scenarioStarting(index, def.id, def.version),
    scenarioDone: (index, result) => journal.scenarioDone(index, result),
    recordFields: () => ({
      wakeLock: wakeLock.state,
      ...(entry.resumedAt.length ? { resumedAt: [...entry.resumedAt] } : {}),
    }),
    async end() {
      await Promise.all([journal.end(), wakeLock.release()]);
      lock?.release();
    },
  };
}
