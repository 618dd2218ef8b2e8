/**
 * The in-memory summary: its figures (median of run medians, CI by the documented rule, ratio to
 * the best), that adding runs one at a time gives exactly what loading them from the store gives,
 * and that runs written by another process reach it by the background reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/database.ts';
import { runRows } from '../../server/store/run-rows.ts';
import { LiveSummary, loadSummaryIndex, SummaryIndex } from '../../server/store/summary.ts';
import type { Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun, okCase } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

const AT = new Date('2026-11-29T00:00:00Z');

function runWith(cases: Run['cases'], overrides: Partial<Run> = {}): Run {
  const run = makeRun(overrides, 0);
  run.cases = cases;
  return run;
}

function indexOf(runs: readonly Run[]): SummaryIndex {
  const index = new SummaryIndex();
  for (const run of runs) {
    const rows = runRows(run, JSON.stringify(run), AT);
    index.add(rows.runRow, rows.caseRows);
  }
  return index;
}

describe('SummaryIndex figures', () => {
  it('gives one run its own CI, and the median, best and ratios of several', () => {
    const one = indexOf([runWith([okCase('m', 'ort', 'wasm', 10), okCase('m', 'tfjs', 'wasm', 20)])]);
    const [group] = one.summary().groups;
    expect(group?.entries.map((e) => [e.label, e.medianMs, e.ciMs, e.ratioToBest])).toEqual([
      ['ort · wasm', 10, [9.8, 10.2], 1],
      ['tfjs · wasm', 20, [19.6, 20.4], 2],
    ]);
  });

  it('uses the order-statistic CI of run medians from 6 runs on, the envelope of run CIs before', () => {
    const medians = [10, 11, 12, 13, 14, 15, 16, 17];
    const five = indexOf(medians.slice(0, 5).map((m) => runWith([okCase('m', 'ort', 'wasm', m)])));
    const e5 = five.summary().groups[0]?.entries[0];
    expect(e5?.medianMs).toBe(12);
    expect(e5?.ciMs[0]).toBeCloseTo(10 * 0.98);
    expect(e5?.ciMs[1]).toBeCloseTo(14 * 1.02);
    const eight = indexOf(medians.map((m) => runWith([okCase('m', 'ort', 'wasm', m)])));
    const e8 = eight.summary().groups[0]?.entries[0];
    // n = 8: rank 1 (P(B ≤ 0) = 1/256 ≤ 2.5%, P(B ≤ 1) = 9/256 > 2.5%) → [x(1), x(8)].
    expect(e8).toMatchObject({ medianMs: 13.5, ciMs: [10, 17], minMs: 10, maxMs: 17, runs: 8 });
  });

  it('counts devices and runs per group, skips non-ok cases, and keeps emulated runs apart', () => {
    const failed = { ...okCase('m', 'ort', 'webgl', 1), status: 'error' as const, error: 'no' };
    const real = runWith([okCase('m', 'ort', 'wasm', 10), failed]);
    const emulated = runWith([okCase('m', 'ort', 'wasm', 30)], { emulation: { device: 'Pixel 7' } });
    const summary = indexOf([real, emulated]).summary();
    expect(summary.totals).toMatchObject({ runs: 2, cases: 3 });
    const shape = summary.groups.map((g) => [g.emulated, g.entries.length, g.entries[0]?.medianMs]);
    expect(shape).toHaveLength(2);
    expect(shape).toContainEqual([false, 1, 10]);
    expect(shape).toContainEqual([true, 1, 30]);
  });

  it('leaves out a case during which the page lost visibility (kept in the record, not compared)', () => {
    const hidden = { ...okCase('m', 'tfjs', 'wasm', 1), visibilityLost: true };
    const summary = indexOf([runWith([okCase('m', 'ort', 'wasm', 10), hidden])]).summary();
    expect(summary.groups[0]?.entries.map((e) => e.label)).toEqual(['ort · wasm']);
  });

  it('ignores a run added twice', () => {
    const run = runWith([okCase('m', 'ort', 'wasm', 10)]);
    const index = indexOf([run, run]);
    expect(index.summary().totals.runs).toBe(1);
    expect(index.summary().groups[0]?.entries[0]?.runs).toBe(1);
  });
});

describe.each(storeKinds())('summary index on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
  });
  afterAll(async () => {
    await dispose?.();
  });

  const withoutTime = (s: Summary) => ({ ...s, generatedAt: '' });
  const models = ['a', 'b', 'c'];
  const randomRun = (i: number): Run =>
    runWith(
      models.map((m, j) =>
        okCase(m, j % 2 ? 'tfjs' : 'ort', 'wasm', 1 + ((i * 7 + j * 3) % 11), { threads: 1 + (i % 2) }),
      ),
      { emulation: i % 3 === 0 ? { device: 'Pixel 7' } : undefined },
    );

  it('is the same added run by run as loaded from the store', async () => {
    const live = new LiveSummary(store);
    const runs = Array.from({ length: 25 }, (_, i) => randomRun(i));
    for (const run of runs) {
      const rows = runRows(run, JSON.stringify(run), AT);
      expect(await store.writer.write(rows)).toBe('created');
      live.add(rows.runRow, rows.caseRows);
    }
    const incremental = JSON.parse(await live.json()) as Summary;
    const loaded = (await loadSummaryIndex(store)).summary();
    expect(withoutTime(incremental)).toEqual(withoutTime(loaded));
    // Loaded a few runs per page, as a big store is: the same again.
    const paged = (await loadSummaryIndex(store, 4)).summary();
    expect(withoutTime(paged)).toEqual(withoutTime(loaded));
    expect(incremental.totals.runs).toBe(25);
  });

  it('stores the visibility flag of a case and leaves the case out of the loaded summary too', async () => {
    const hidden = { ...okCase('vis', 'tfjs', 'wasm', 1), visibilityLost: true };
    const run = runWith([okCase('vis', 'ort', 'wasm', 10), hidden]);
    expect(await store.writer.write(runRows(run, JSON.stringify(run), AT))).toBe('created');
    const rows = await store.db
      .selectFrom('cases')
      .select(['runtime', 'visibility_lost'])
      .where('run_id', '=', run.id)
      .orderBy('idx')
      .execute();
    expect(rows).toEqual([
      { runtime: 'ort', visibility_lost: null },
      { runtime: 'tfjs', visibility_lost: 1 },
    ]);
    const group = (await loadSummaryIndex(store)).summary().groups.find((g) => g.model === 'vis');
    expect(group?.entries.map((e) => e.label)).toEqual(['ort · wasm']);
  });

  it('picks up runs another process wrote, by a reload in the background', async () => {
    const live = new LiveSummary(store, 0);
    const before = (JSON.parse(await live.json()) as Summary).totals.runs;
    const run = randomRun(99);
    // Written straight to the store, as another server process would: `live` is not told.
    await store.writer.write(runRows(run, JSON.stringify(run), AT));
    let runs = before;
    for (let i = 0; i < 50 && runs === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      runs = (JSON.parse(await live.json()) as Summary).totals.runs;
    }
    expect(runs).toBe(before + 1);
  });
});
