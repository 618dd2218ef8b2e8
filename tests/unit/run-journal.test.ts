/**
 * The run journal (src/app/run-journal.ts, src/app/interrupted-run.ts): what a page that was
 * closed or crashed mid-run continues from, which entries it discards and why, and that a case
 * which takes the page down is recorded `crashed` and never run again — so a run interrupted
 * again and again still comes to an end with every case recorded.
 */
import { describe, expect, it } from 'vitest';
import { findInterruptedRun } from '../../src/app/interrupted-run.ts';
import { planRun } from '../../src/app/plan.ts';
import {
  type BuildInfo,
  CRASHED_CASE_ERROR,
  CRASHED_SCENARIO_ERROR,
  JOURNAL_VERSION,
  type JournalEntry,
  type JournalStore,
  judgeEntry,
  MAX_JOURNAL_AGE_MS,
  planKey,
  planMatches,
  RunJournal,
  resumePoint,
  sortEntries,
} from '../../src/app/run-journal.ts';
import { parseRunParams } from '../../src/measure/params.ts';
import type { PlannerEnv } from '../../src/runtimes/index.ts';
import { caseSchema, validateRun } from '../../src/schema/run.ts';
import { scenarioResultSchema } from '../../src/schema/scenario.ts';
import { makeRun, okCase } from '../support/records.ts';

const NOW = Date.parse('2026-12-10T12:00:00Z');
const BUILD: BuildInfo = {
  appVersion: '0.1.0',
  suiteVersion: (id) => ({ quick: '3', full: '3' })[id],
};
const ENV: PlannerEnv = {
  crossOriginIsolated: true,
  hardwareConcurrency: 2,
  features: { wasmSimd: true, wasmThreads: true, webgl2: false, webgpu: false, webnn: false },
};
const params = parseRunParams(
  new URLSearchParams('model=blazeface-front,blazeface-back,selfie-segmentation-tfjs&backend=wasm&runs=3'),
);
const plan = planRun(params, ENV, 'http://127.0.0.1/models/');

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    journal: JOURNAL_VERSION,
    id: crypto.randomUUID(),
    appVersion: '0.1.0',
    suite: { id: 'quick', version: '3' },
    params,
    startedAt: new Date(NOW - 60_000).toISOString(),
    updatedAt: new Date(NOW - 1000).toISOString(),
    plan: plan.map(planKey),
    cases: [],
    scenarios: [],
    resumedAt: [],
    ...overrides,
  };
}

/** A store in memory, as IndexedDB keeps entries (a structured clone per write). */
class MemoryStore implements JournalStore {
  readonly map = new Map<string, JournalEntry>();
  writes = 0;
  failWith: string | undefined;
  async set(id: string, e: JournalEntry) {
    if (this.failWith) throw new Error(this.failWith);
    this.writes++;
    this.map.set(id, structuredClone(e));
  }
  async del(id: string) {
    this.map.delete(id);
  }
  async entries(): Promise<[string, JournalEntry][]> {
    return [...this.map.entries()].map(([id, e]) => [id, structuredClone(e)]);
  }
}

const ok = (model: string) => okCase(model, 'tfjs', 'wasm', 4);

describe('the plan a run is journaled with', () => {
  it('has three cases here, one per model, and keys that do not depend on option order', () => {
    expect(plan.map((p) => p.spec.model.id)).toEqual([
      'blazeface-front',
      'blazeface-back',
      'selfie-segmentation-tfjs',
    ]);
    const [first] = plan;
    if (!first) throw new Error('no plan');
    const reordered = { ...first, spec: { ...first.spec, options: { b: 2, a: 1 } } };
    const ordered = { ...first, spec: { ...first.spec, options: { a: 1, b: 2 } } };
    expect(planKey(reordered)).toBe(planKey(ordered));
  });

  it('matches the plan made again for the same params on the same browser, not on another one', () => {
    expect(planMatches(entry(), planRun(params, ENV, 'http://other/models/'))).toBe(true);
    const ort = parseRunParams(new URLSearchParams('model=ppocr-cls&runtime=ort&backend=wasm'));
    const onTwoCores = entry({ plan: planRun(ort, ENV, '').map(planKey) });
    // Four cores: the multi-threaded case now asks for 4 threads, so it is not the same case.
    expect(planMatches(onTwoCores, planRun(ort, { ...ENV, hardwareConcurrency: 4 }, ''))).toBe(false);
    expect(planMatches(onTwoCores, planRun(ort, ENV, ''))).toBe(true);
  });
});

describe('judgeEntry: what this build continues', () => {
  it('continues an entry of this build and suite version, started within 24 hours', () => {
    expect(judgeEntry(entry(), BUILD, NOW)).toEqual({ ok: true });
    const almost = entry({ startedAt: new Date(NOW - MAX_JOURNAL_AGE_MS + 1000).toISOString() });
    expect(judgeEntry(almost, BUILD, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['an old entry', { startedAt: new Date(NOW - MAX_JOURNAL_AGE_MS - 1000).toISOString() }, '24 hours'],
    ['an unreadable start time', { startedAt: 'yesterday' }, '24 hours'],
    ['another page version', { appVersion: '0.0.9' }, 'version 0.0.9 of this page, and this is 0.1.0'],
    [
      'a changed suite',
      { suite: { id: 'quick', version: '2' } },
      'quick suite changed since (version 2, now 3)',
    ],
    ['a suite this build lacks', { suite: { id: 'gone', version: '1' } }, 'no suite "gone"'],
    ['another journal format', { journal: 0 as unknown as 1 }, 'older version of this page'],
  ])('discards %s, saying why', (_what, changes, reason) => {
    const verdict = judgeEntry(entry(changes), BUILD, NOW);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('offers the newest entry it can continue and discards the rest with their reasons', () => {
    const stale = entry({ startedAt: new Date(NOW - 2 * MAX_JOURNAL_AGE_MS).toISOString() });
    const older = entry({ startedAt: new Date(NOW - 3_600_000).toISOString() });
    const newest = entry({ startedAt: new Date(NOW - 60_000).toISOString() });
    const { offer, discard } = sortEntries([older, stale, newest], BUILD, NOW);
    expect(offer?.id).toBe(newest.id);
    expect(discard.map((d) => [d.entry.id, d.reason])).toEqual([
      [older.id, 'a newer run was interrupted after it'],
      [stale.id, 'it started more than 24 hours ago'],
    ]);
    expect(sortEntries([stale], BUILD, NOW).offer).toBeUndefined();
  });
});

describe('resumePoint: what a continued run starts from', () => {
  it('keeps the finished cases and records the one that was running as crashed', () => {
    const [c1, c2] = plan;
    if (!c1 || !c2) throw new Error('no plan');
    const e = entry({
      cases: [ok('blazeface-front')],
      current: {
        kind: 'case',
        index: 1,
        model: 'blazeface-back',
        runtime: 'tfjs',
        backend: 'wasm',
        options: {},
      },
    });
    const point = resumePoint(e);
    expect(point.cases.map((c) => [c.model, c.status])).toEqual([
      ['blazeface-front', 'ok'],
      ['blazeface-back', 'crashed'],
    ]);
    expect(point.crashed).toEqual({
      kind: 'case',
      result: {
        model: 'blazeface-back',
        runtime: 'tfjs',
        backend: 'wasm',
        options: {},
        status: 'crashed',
        error: CRASHED_CASE_ERROR,
      },
    });
    // The crashed case is a valid case of the record; a crashed case with timings is not.
    expect(caseSchema.safeParse(point.crashed?.result).success).toBe(true);
    expect(caseSchema.safeParse({ ...point.crashed?.result, timings: ok('x').timings }).success).toBe(false);
  });

  it('keeps everything when the page went away between two cases', () => {
    const e = entry({ cases: [ok('blazeface-front')] });
    expect(resumePoint(e)).toEqual({ cases: e.cases, scenarios: [] });
  });

  it('records a scenario that was running as an error saying the page crashed, keeping the ones before', () => {
    const all = plan.map((p) => ok(p.spec.model.id));
    const e = entry({
      cases: all,
      current: { kind: 'scenario', index: 0, id: 'split', version: '2' },
    });
    const point = resumePoint(e);
    expect(point.cases).toEqual(all);
    expect(point.scenarios).toHaveLength(1);
    const [crashed] = point.scenarios;
    expect(crashed).toMatchObject({
      id: 'split',
      version: '2',
      status: 'error',
      error: CRASHED_SCENARIO_ERROR,
    });
    expect(scenarioResultSchema.safeParse(crashed).success).toBe(true);
  });
});

describe('RunJournal', () => {
  it('writes before and after each case, in order, and deletes the entry when the run ends', async () => {
    const store = new MemoryStore();
    const e = entry();
    const journal = new RunJournal(store, e);
    await journal.save();
    const [p0] = plan;
    if (!p0) throw new Error('no plan');
    await journal.caseStarting(0, p0);
    expect(store.map.get(e.id)?.current).toMatchObject({ kind: 'case', index: 0, model: 'blazeface-front' });
    await journal.caseDone(0, ok('blazeface-front'));
    const written = store.map.get(e.id);
    expect(written?.current).toBeUndefined();
    expect(written?.cases.map((c) => c.model)).toEqual(['blazeface-front']);
    await journal.end();
    expect(store.map.size).toBe(0);
    // Nothing is written after the end.
    await journal.caseStarting(1, p0);
    expect(store.map.size).toBe(0);
  });

  it('turns itself off when the store fails, without failing the run', async () => {
    const store = new MemoryStore();
    store.failWith = 'QuotaExceededError';
    const journal = new RunJournal(store, entry());
    await expect(journal.save()).resolves.toBeUndefined();
    expect(journal.failure).toBe('QuotaExceededError');
    store.failWith = undefined;
    await journal.caseDone(0, ok('blazeface-front'));
    expect(store.writes).toBe(0);
  });

  it('brings a run interrupted on every case to an end: each crashed case is recorded once, never run again', async () => {
    const store = new MemoryStore();
    const first = entry();
    await new RunJournal(store, first).save();
    let current = first;
    const runs: string[] = [];
    // Each page load: continue from the journal, start the next case, and crash in it.
    for (let load = 0; load < 10; load++) {
      const point = resumePoint(current);
      const next = point.cases.length;
      const planned = plan[next];
      if (!planned) break;
      const journal = new RunJournal(store, {
        ...current,
        cases: point.cases,
        scenarios: point.scenarios,
        resumedAt: [...current.resumedAt, new Date(NOW + load).toISOString()],
      });
      await journal.caseStarting(next, planned);
      runs.push(planned.spec.model.id);
      const [[, stored] = []] = await store.entries();
      if (!stored) throw new Error('no entry');
      current = stored;
    }
    expect(runs).toEqual(['blazeface-front', 'blazeface-back', 'selfie-segmentation-tfjs']);
    const final = resumePoint(current);
    expect(final.cases.map((c) => c.status)).toEqual(['crashed', 'crashed', 'crashed']);
    expect(current.resumedAt).toHaveLength(3);
    // The record of such a run validates, with its continuations noted.
    const record = { ...makeRun({}, 0), cases: final.cases, resumedAt: current.resumedAt };
    expect(validateRun(record).ok).toBe(true);
  });
});

describe('findInterruptedRun', () => {
  it('offers a run whose page is gone, leaves alone one still running in another tab, discards stale ones', async () => {
    const store = new MemoryStore();
    const gone = entry({ cases: [ok('blazeface-front')] });
    const running = entry({ startedAt: new Date(NOW - 1000).toISOString() });
    const stale = entry({ startedAt: new Date(NOW - 2 * MAX_JOURNAL_AGE_MS).toISOString() });
    for (const e of [gone, running, stale]) await store.set(e.id, e);
    const released: string[] = [];
    const claim = async (id: string) =>
      id === running.id ? undefined : { release: () => void released.push(id) };

    const found = await findInterruptedRun(store, BUILD, NOW, claim);
    expect(found.run?.entry.id).toBe(gone.id);
    expect(found.run?.point.cases).toHaveLength(1);
    expect(found.discarded).toHaveLength(1);
    expect(found.discarded[0]).toMatch(
      /^An interrupted run \(started .*; 0 of 3 cases done\) was discarded: it started more than 24 hours ago\.$/,
    );
    expect([...store.map.keys()].sort()).toEqual([gone.id, running.id].sort());
    expect(released).toEqual([stale.id]);

    await found.run?.discard();
    expect([...store.map.keys()]).toEqual([running.id]);
    expect(released).toEqual([stale.id, gone.id]);
  });

  it('discards what an older page left in the journal, whatever its shape, without failing', async () => {
    const store = new MemoryStore();
    store.map.set('junk', 'not an entry' as unknown as JournalEntry);
    store.map.set('old', {
      journal: 0,
      id: 'old',
      startedAt: new Date(NOW).toISOString(),
    } as unknown as JournalEntry);
    const found = await findInterruptedRun(store, BUILD, NOW, async () => ({ release() {} }));
    expect(found.run).toBeUndefined();
    expect(found.discarded).toEqual([
      expect.stringMatching(
        /^An interrupted run \(started .*; nothing done yet\) was discarded: it was written by an older version of this page\.$/,
      ),
    ]);
    expect(store.map.size).toBe(0);
  });

  it('finds nothing in an empty journal, or where the journal cannot be read', async () => {
    expect(await findInterruptedRun(new MemoryStore(), BUILD, NOW, async () => ({ release() {} }))).toEqual({
      discarded: [],
    });
    const broken: JournalStore = {
      set: async () => {},
      del: async () => {},
      entries: async () => {
        throw new Error('no IndexedDB');
      },
    };
    expect(await findInterruptedRun(broken, BUILD, NOW)).toEqual({ discarded: [] });
  });
});
