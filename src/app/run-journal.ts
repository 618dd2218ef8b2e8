/**
 * The journal of the run in progress — the crash marker. Before each case (and each scenario) the
 * page writes what it has so far: the run's params and suite, when it started, its plan, the
 * results finished so far and which case is starting now; after the case it writes the result;
 * when the run ends, done or failed, the entry is deleted. A page that finds an entry on load was
 * closed or crashed mid-run (out of memory, GPU process lost, the tab killed or reloaded), and can
 * continue it: the case that was running is recorded `crashed` and never run again — so a case
 * that takes the tab down cannot do so forever — the finished ones are kept, and the rest of the
 * plan runs.
 *
 * No DOM and no IndexedDB here: the store is injected (IndexedDB on the page, journal-store.ts;
 * a Map in tests), so what to resume and what to discard is unit-tested.
 */
import type { RunParams } from '../measure/params.ts';
import type { Case, CaseOptions } from '../schema/run.ts';
import type { ScenarioResult } from '../schema/scenario.ts';
import type { PlannedCase } from './plan.ts';

/** Bumped when the entry's shape changes; an entry of another version is discarded. */
export const JOURNAL_VERSION = 1;
/** An interrupted run started longer ago than this is discarded rather than continued. */
export const MAX_JOURNAL_AGE_MS = 24 * 60 * 60 * 1000;

export const CRASHED_CASE_ERROR =
  'the page was closed or crashed while this case ran (likely out of memory); it was not run again';
export const CRASHED_SCENARIO_ERROR =
  'the page was closed or crashed while this scenario ran (likely out of memory); it was not run again';

/** What was starting when the entry was last written. */
export type JournalCurrent =
  | {
      kind: 'case';
      /** Index in the plan. */
      index: number;
      model: string;
      runtime: string;
      backend: string;
      options: CaseOptions;
    }
  | { kind: 'scenario'; index: number; id: string; version: string };

/** One journal entry, kept under its `id` (one per run in progress; several tabs may run). */
export interface JournalEntry {
  journal: typeof JOURNAL_VERSION;
  id: string;
  /** The page build (`app.version`) and the suite version the run was planned with. */
  appVersion: string;
  suite: { id: string; version: string };
  /** The run's settings as it started (the URL's, or the page's controls). */
  params: RunParams;
  /** ISO 8601: when the run started (the record's `createdAt`) and when this entry was written. */
  startedAt: string;
  updatedAt: string;
  /** Every planned case's identity, in order (`planKey`). */
  plan: string[];
  /** The finished cases, in plan order: the next case is `cases.length`. */
  cases: Case[];
  /** The finished scenarios, in order. */
  scenarios: ScenarioResult[];
  current?: JournalCurrent;
  /** When the run was continued after an interruption, so far. */
  resumedAt: string[];
}

/** Where journal entries live; keyed by entry id. */
export interface JournalStore {
  set(id: string, entry: JournalEntry): Promise<void>;
  del(id: string): Promise<void>;
  entries(): Promise<[string, JournalEntry][]>;
}

/** What identifies a planned case across page loads: model, library, backend and options. */
export function planKey(planned: Pick<PlannedCase, 'spec'>): string {
  const { model, runtime, backend, options } = planned.spec;
  const sorted = Object.fromEntries(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${model.id}|${runtime}|${backend}|${JSON.stringify(sorted)}`;
}

/** What a continued run starts from: the results kept, with the interrupted one recorded. */
export interface ResumePoint {
  cases: Case[];
  scenarios: ScenarioResult[];
  /** The case or scenario that was running when the page went away, as recorded now. */
  crashed?: { kind: 'case'; result: Case } | { kind: 'scenario'; result: ScenarioResult };
}

export function resumePoint(entry: JournalEntry): ResumePoint {
  const { current } = entry;
  if (current?.kind === 'case') {
    const result: Case = {
      model: current.model,
      runtime: current.runtime,
      backend: current.backend,
      options: current.options,
      status: 'crashed',
      error: CRASHED_CASE_ERROR,
    };
    return {
      cases: [...entry.cases.slice(0, current.index), result],
      scenarios: [],
      crashed: { kind: 'case', result },
    };
  }
  if (current?.kind === 'scenario') {
    const result = {
      id: current.id,
      version: current.version,
      status: 'error',
      error: CRASHED_SCENARIO_ERROR,
      params: {},
      placements: [],
      configs: [],
    } as unknown as ScenarioResult;
    return {
      cases: entry.cases,
      scenarios: [...entry.scenarios.slice(0, current.index), result],
      crashed: { kind: 'scenario', result },
    };
  }
  return { cases: entry.cases, scenarios: entry.scenarios };
}

/** The build a page is: its version and the version of each suite it knows. */
export interface BuildInfo {
  appVersion: string;
  /** The suite's version in this build, or undefined when it has no such suite. */
  suiteVersion(id: string): string | undefined;
}

/** Whether a stored value has the members of this version's entries (it is this page's own data). */
function isCurrentFormat(entry: JournalEntry): boolean {
  const e = entry as Partial<JournalEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.journal === JOURNAL_VERSION &&
    Array.isArray(e.cases) &&
    Array.isArray(e.scenarios) &&
    Array.isArray(e.plan) &&
    Array.isArray(e.resumedAt) &&
    typeof e.suite === 'object' &&
    typeof e.params === 'object' &&
    Array.isArray(e.params?.scenarios)
  );
}

/** Whether an entry can be continued by this build now, or why it is discarded. */
export function judgeEntry(
  entry: JournalEntry,
  build: BuildInfo,
  now: number,
): { ok: true } | { ok: false; reason: string } {
  if (!isCurrentFormat(entry))
    return { ok: false, reason: 'it was written by an older version of this page' };
  const started = Date.parse(entry.startedAt);
  if (!Number.isFinite(started) || now - started > MAX_JOURNAL_AGE_MS)
    return { ok: false, reason: 'it started more than 24 hours ago' };
  if (entry.appVersion !== build.appVersion)
    return {
      ok: false,
      reason: `it was made by version ${entry.appVersion} of this page, and this is ${build.appVersion}`,
    };
  const suiteVersion = build.suiteVersion(entry.suite.id);
  if (suiteVersion === undefined) return { ok: false, reason: `this page has no suite "${entry.suite.id}"` };
  if (suiteVersion !== entry.suite.version)
    return {
      ok: false,
      reason: `the ${entry.suite.id} suite changed since (version ${entry.suite.version}, now ${suiteVersion})`,
    };
  return { ok: true };
}

/** Whether the plan made now for the entry's params is the plan the run started with. */
export function planMatches(entry: JournalEntry, plan: readonly Pick<PlannedCase, 'spec'>[]): boolean {
  return entry.plan.length === plan.length && plan.every((p, i) => planKey(p) === entry.plan[i]);
}

/** The entries found on load: the newest one that can be continued, and the others with why not. */
export function sortEntries(
  entries: readonly JournalEntry[],
  build: BuildInfo,
  now: number,
): { offer?: JournalEntry; discard: { entry: JournalEntry; reason: string }[] } {
  const newestFirst = [...entries].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  const discard: { entry: JournalEntry; reason: string }[] = [];
  let offer: JournalEntry | undefined;
  for (const entry of newestFirst) {
    const verdict = judgeEntry(entry, build, now);
    if (!verdict.ok) discard.push({ entry, reason: verdict.reason });
    else if (offer) discard.push({ entry, reason: 'a newer run was interrupted after it' });
    else offer = entry;
  }
  return { ...(offer ? { offer } : {}), discard };
}

/**
 * Writes one run's entry as the run goes. Writes happen one at a time, in order, each with the
 * entry as it is then; a store that fails (private browsing, full disk) only turns the journal
 * off — the run goes on.
 */
export class RunJournal {
  readonly #store: JournalStore;
  readonly #entry: JournalEntry;
  readonly #now: () => Date;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;
  /** Why writing stopped, if it did. */
  failure: string | undefined;

  constructor(store: JournalStore, entry: JournalEntry, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#entry = entry;
    this.#now = now;
  }

  get entry(): Readonly<JournalEntry> {
    return this.#entry;
  }

  #write(change: (entry: JournalEntry) => void): Promise<void> {
    if (this.#ended) return this.#chain;
    change(this.#entry);
    this.#entry.updatedAt = this.#now().toISOString();
    this.#chain = this.#chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.#store.set(this.#entry.id, this.#entry);
      } catch (error) {
        this.failure = error instanceof Error ? error.message : String(error);
      }
    });
    return this.#chain;
  }

  /** The whole entry as it is now (the run's start, or its continuation). */
  save(): Promise<void> {
    return this.#write(() => {});
  }

  caseStarting(index: number, planned: Pick<PlannedCase, 'spec'>): Promise<void> {
    const { model, runtime, backend, options } = planned.spec;
    return this.#write((e) => {
      e.cases = e.cases.slice(0, index);
      e.current = { kind: 'case', index, model: model.id, runtime, backend, options };
    });
  }

  caseDone(index: number, result: Case): Promise<void> {
    if (this.#entry.cases[index] === result) return this.#chain;
    return this.#write((e) => {
      e.cases = [...e.cases.slice(0, index), result];
      delete e.current;
    });
  }

  scenarioStarting(index: number, id: string, version: string): Promise<void> {
    return this.#write((e) => {
      e.scenarios = e.scenarios.slice(0, index);
      e.current = { kind: 'scenario', index, id, version };
    });
  }

  scenarioDone(index: number, result: ScenarioResult): Promise<void> {
    return this.#write((e) => {
      e.scenarios = [...e.scenarios.slice(0, index), result];
      delete e.current;
    });
  }

  /** The run ended (done or failed): the entry is deleted, and nothing is written after. */
  end(): Promise<void> {
    if (this.#ended) return this.#chain;
    this.#ended = true;
    this.#chain = this.#chain.then(async () => {
      try {
        await this.#store.del(this.#entry.id);
      } catch (error) {
        this.failure ??= error instanceof Error ? error.message : String(error);
      }
    });
    return this.#chain;
  }
}
