/**
 * The summary behind `/api/summary` and the dashboard: for each model × device group × browser
 * and engine (emulated and real runs never share a group), each runtime/backend/options
 * combination's median of per-run medians with a 95% CI, its run count, and its ratio to the
 * fastest; next to it, where runs carried them, the median time to the first answer and peak
 * memory (WebAssembly heap, its multiple of the model's size, GPU bytes, the whole page), and the
 * time to the first answer split by first and repeat visit where runs said which they were.
 *
 * Kept in memory and updated as runs are stored, so a request never scans the store: the index
 * is loaded once at start, each new run touches only its own groups, and the JSON of an unchanged
 * group is reused. Runs written by another process (a second server on the same PostgreSQL, the
 * store generator) are picked up by a background reload when the run count stops matching; a
 * deleted run by a reload the next answers wait for.
 */

import type { Summary, SummaryGroup } from '../../src/schema/api.ts';
import type { Store } from './database.ts';
import { isVisit } from './run-visit.ts';
import { EntryAcc, type SummaryCase, type SummaryRun } from './summary-entry.ts';

export type { SummaryCase, SummaryRun } from './summary-entry.ts';

class GroupAcc {
  readonly runs = new Set<number>();
  readonly devices = new Set<string>();
  readonly entries = new Map<string, EntryAcc>();
  /** JSON of the group as last computed; dropped when a run touches it. */
  json: string | undefined;

  constructor(
    readonly key: Pick<SummaryGroup, 'model' | 'deviceGroup' | 'browser' | 'engine' | 'emulated'>,
  ) {}

  toJson(): string {
    if (this.json !== undefined) return this.json;
    const entries = [...this.entries.values()].map((e) => e.entry());
    entries.sort((a, b) => a.medianMs - b.medianMs || a.label.localeCompare(b.label));
    const best = entries[0]?.medianMs ?? 0;
    const group: SummaryGroup = {
      ...this.key,
      runs: this.runs.size,
      devices: this.devices.size,
      entries: entries.map((e) => ({ ...e, ratioToBest: best > 0 ? e.medianMs / best : 1 })),
    };
    this.json = JSON.stringify(group);
    return this.json;
  }
}

const compareGroups = (a: GroupAcc, b: GroupAcc) =>
  a.key.model.localeCompare(b.key.model) ||
  a.key.deviceGroup.localeCompare(b.key.deviceGroup) ||
  a.key.browser.localeCompare(b.key.browser) ||
  a.key.engine.localeCompare(b.key.engine) ||
  Number(a.key.emulated) - Number(b.key.emulated);

/** The summary's state; pure (no store): fed runs, answers the summary. */
export class SummaryIndex {
  readonly #groups = new Map<string, GroupAcc>();
  #ordered: GroupAcc[] | undefined = [];
  /** Run id → small number, so the per-group run sets hold numbers, not strings. */
  readonly #runIds = new Map<string, number>();
  readonly #devices = new Set<string>();
  readonly #deviceGroups = new Set<string>();
  #cases = 0;
  #json: string | undefined;

  get runCount(): number {
    return this.#runIds.size;
  }

  has(runId: string): boolean {
    return this.#runIds.has(runId);
  }

  /** Adds a stored run and its cases; a run already in the index is ignored. */
  add(run: SummaryRun, cases: Iterable<SummaryCase>): void {
    if (this.#runIds.has(run.id)) return;
    const ordinal = this.#runIds.size;
    this.#runIds.set(run.id, ordinal);
    this.#devices.add(run.device_key);
    this.#deviceGroups.add(run.device_group);
    this.#cases += run.case_count;
    this.#json = undefined;
    for (const c of cases) this.#addCase(run, ordinal, c);
  }

  #addCase(run: SummaryRun, ordinal: number, c: SummaryCase): void {
    if (c.status !== 'ok' || c.median_ms === null || c.median_ms === undefined) return;
    // The page was hidden during the case (even after re-measuring it): not comparable.
    if (c.visibility_lost === 1) return;
    const emulated = run.emulated === 1;
    const engine = run.engine ?? 'unknown';
    const groupKey = `${c.model}\u0000${run.device_group}\u0000${run.browser}\u0000${engine}\u0000${emulated}`;
    let group = this.#groups.get(groupKey);
    if (!group) {
      group = new GroupAcc({
        model: c.model,
        deviceGroup: run.device_group,
        browser: run.browser,
        engine,
        emulated,
      });
      this.#groups.set(groupKey, group);
      this.#ordered = undefined;
    }
    group.json = undefined;
    group.runs.add(ordinal);
    group.devices.add(run.device_key);
    const entryKey = `${c.runtime}\u0000${c.backend}\u0000${c.options}`;
    let entry = group.entries.get(entryKey);
    if (!entry) {
      entry = new EntryAcc(c.runtime, c.backend, c.options);
      group.entries.set(entryKey, entry);
    }
    entry.add(ordinal, c.median_ms, c, isVisit(run.visit) ? run.visit : undefined);
  }

  /** The summary as JSON text (what the API sends); recomputes only groups that changed. */
  json(now = new Date()): string {
    if (this.#json !== undefined) return this.#json;
    this.#ordered ??= [...this.#groups.values()].sort(compareGroups);
    const totals: Summary['totals'] = {
      runs: this.#runIds.size,
      cases: this.#cases,
      devices: this.#devices.size,
      deviceGroups: this.#deviceGroups.size,
    };
    const groups = this.#ordered.map((g) => g.toJson()).join(',');
    this.#json = `{"generatedAt":${JSON.stringify(now.toISOString())},"totals":${JSON.stringify(totals)},"groups":[${groups}]}`;
    return this.#json;
  }

  summary(): Summary {
    return JSON.parse(this.json()) as Summary;
  }
}

/** Runs read per page while loading; between pages the server answers other requests. */
const LOAD_PAGE = 2000;

/**
 * Reads every run and ok case of the store into a new index, a page of runs at a time (on SQLite
 * each query blocks the process, so one big one would stall every request for seconds).
 */
export async function loadSummaryIndex(store: Store, pageSize = LOAD_PAGE): Promise<SummaryIndex> {
  const index = new SummaryIndex();
  let after = '';
  for (;;) {
    const runs = await store.db
      .selectFrom('runs')
      .select(['id', 'device_key', 'device_group', 'browser', 'engine', 'emulated', 'case_count', 'visit'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    const last = runs.at(-1);
    if (!last) return index;
    const byId = new Map(runs.map((r) => [r.id, [] as SummaryCase[]]));
    const cases = await store.db
      .selectFrom('cases')
      .select([
        'run_id',
        'model',
        'runtime',
        'backend',
        'options',
        'status',
        'median_ms',
        'ci_lo_ms',
        'ci_hi_ms',
        'visibility_lost',
        'first_answer_ms',
        'wasm_heap_peak_bytes',
        'gpu_peak_bytes',
        'model_bytes',
        'model_transfer_bytes',
        'page_bytes',
      ])
      .where('run_id', 'in', [...byId.keys()])
      .where('status', '=', 'ok')
      .execute();
    for (const c of cases) byId.get(c.run_id)?.push(c);
    for (const run of runs) index.add(run, byId.get(run.id) ?? []);
    after = last.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How long a summary may go without checking the store for runs written by another process. */
export const STALE_CHECK_MS = 30_000;

/**
 * The server's summary: the index, loaded at start; new runs added as they are stored; a
 * background reload when the store holds runs the index was never told of.
 */
export class LiveSummary {
  #index: Promise<SummaryIndex>;
  /** Runs stored while a (re)load is running: added to the new index when it arrives. */
  #recent: { run: SummaryRun; cases: SummaryCase[] }[] = [];
  #loading = false;
  #checkedAt = Date.now();
  /** Bumped by each deletion: a background reload begun before one must not replace its load. */
  #generation = 0;

  constructor(
    private readonly store: Store,
    private readonly staleCheckMs = STALE_CHECK_MS,
  ) {
    this.#index = this.#load();
  }

  #load(): Promise<SummaryIndex> {
    this.#loading = true;
    return loadSummaryIndex(this.store).then(
      (index) => {
        for (const { run, cases } of this.#recent) index.add(run, cases);
        this.#recent = [];
        this.#loading = false;
        return index;
      },
      (error: unknown) => {
        this.#loading = false;
        throw error;
      },
    );
  }

  /**
   * Call once a run was deleted from the store: answers wait for a fresh load, which no longer
   * has it. (A whole load, seconds on a 1M-case store, but deletions are rare and the index keeps
   * no per-run detail to take a run back out.)
   */
  removed(): void {
    this.#generation++;
    this.#checkedAt = Date.now();
    this.#index = this.#load();
  }

  /** When the summary was last loaded from, or checked against, the store (ms since the epoch). */
  get checkedAt(): number {
    return this.#checkedAt;
  }

  /** Call with every newly stored run. */
  add(run: SummaryRun, cases: SummaryCase[]): void {
    if (this.#loading) this.#recent.push({ run, cases });
    void this.#index.then(
      (index) => index.add(run, cases),
      () => undefined,
    );
  }

  async json(): Promise<string> {
    let index: SummaryIndex;
    try {
      index = await this.#index;
    } catch {
      // The first load failed (store down at start): try again now.
      this.#index = this.#load();
      index = await this.#index;
    }
    if (Date.now() - this.#checkedAt >= this.staleCheckMs && !this.#loading) {
      this.#checkedAt = Date.now();
      void this.#reloadIfStale(index);
    }
    return index.json();
  }

  async #reloadIfStale(current: SummaryIndex): Promise<void> {
    const row = await this.store.db
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst()
      .catch(() => undefined);
    if (!row || Number(row.n) === current.runCount || this.#loading) return;
    const generation = this.#generation;
    const next = this.#load();
    // Keep answering from the current index until the new one is complete.
    await next.then(
      () => {
        if (generation === this.#generation) this.#index = next;
      },
      () => undefined,
    );
  }
}
