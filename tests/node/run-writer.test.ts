/**
 * The run writers under the ingest: a run is all-or-nothing even inside a SQLite group commit,
 * a failing run in a batch does not take the others with it, and repeats are told from
 * conflicts by bytes or, failing that, by meaning — also for rows stored with the older hash.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/database.ts';
import type { BatchingWriter } from '../../server/store/postgres-writer.ts';
import { canonicalJson, runRows, sameRun } from '../../server/store/run-rows.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun, okCase } from '../support/records.ts';
import { POSTGRES_SKIP_REASON, storeKinds } from '../support/stores.ts';

describe('telling a repeat from a conflict', () => {
  const stored = (run: Run, raw = JSON.stringify(run)) => {
    const rows = runRows(run, raw, new Date());
    return { body_sha256: rows.bodyHash, record: raw };
  };

  it('same bytes: a repeat', () => {
    const run = makeRun({}, 2);
    expect(sameRun(stored(run), runRows(run, JSON.stringify(run), new Date()))).toBe(true);
  });

  it('same run sent with other key order and spacing: a repeat; a changed value: a conflict', () => {
    const a = makeRun({ settings: { b: 1, a: { y: 2, x: 1 } } }, 0);
    a.cases = [okCase('m', 'ort', 'wasm', 2, { threads: 2, simd: true })];
    const b: Run = structuredClone(a);
    b.settings = { a: { x: 1, y: 2 }, b: 1 };
    (b.cases[0] as Run['cases'][number]).options = { simd: true, threads: 2 };
    const bRaw = JSON.stringify(b, null, 2);
    expect(sameRun(stored(a), runRows(b, bRaw, new Date()))).toBe(true);
    (b.cases[0] as Run['cases'][number]).options = { simd: true, threads: 1 };
    expect(sameRun(stored(a), runRows(b, JSON.stringify(b), new Date()))).toBe(false);
  });

  it('rows stored with the earlier canonical-JSON hash still compare by meaning', () => {
    const run = makeRun({}, 2);
    const legacy = {
      body_sha256: createHash('sha256').update(canonicalJson(run)).digest('hex'),
      record: JSON.stringify(run),
    };
    expect(sameRun(legacy, runRows(run, JSON.stringify(run), new Date()))).toBe(true);
    const other = { ...run, source: 'automation' as const };
    expect(sameRun(legacy, runRows(other, JSON.stringify(other), new Date()))).toBe(false);
  });
});

describe.each(storeKinds())('run writer on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
  });
  afterAll(async () => {
    await dispose?.();
  });

  async function stored(id: string): Promise<{ runs: number; cases: number }> {
    const { rows } = await sql<{ runs: number | string; cases: number | string }>`
      select (select count(*) from runs where id = ${id}) as runs,
             (select count(*) from cases where run_id = ${id}) as cases`.execute(store.db);
    return { runs: Number(rows[0]?.runs), cases: Number(rows[0]?.cases) };
  }

  it('stores the runs of one batch, rolls back only the one that fails, and stores none of it', async () => {
    const good1 = runRows(makeRun({}, 3), '{}', new Date());
    const good2 = runRows(makeRun({}, 3), '{}', new Date());
    const broken = runRows(makeRun({}, 3), '{}', new Date());
    // Two case rows with the same (run_id, idx): the primary key refuses the second one,
    // after the run row and the first case rows were written.
    broken.caseRows[2] = { ...(broken.caseRows[2] as (typeof broken.caseRows)[number]), idx: 0 };
    const outcomes = await Promise.allSettled([
      store.writer.write(good1),
      store.writer.write(broken),
      store.writer.write(good2),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(good1.id)).toEqual({ runs: 1, cases: 3 });
    expect(await stored(good2.id)).toEqual({ runs: 1, cases: 3 });
    expect(await stored(broken.id)).toEqual({ runs: 0, cases: 0 });
  });

  it('answers created, then duplicate for the same run and conflict for a different one', async () => {
    const run = makeRun({}, 2);
    const first = runRows(run, JSON.stringify(run), new Date());
    expect(await store.writer.write(first)).toBe('created');
    const again = runRows(structuredClone(run), JSON.stringify(run), new Date());
    const changed = runRows({ ...structuredClone(run), source: 'automation' }, '{}', new Date());
    // Same batch on SQLite: the repeat sees the row written just before it in one transaction.
    const [a, b] = await Promise.all([store.writer.write(again), store.writer.write(changed)]);
    expect([a, b]).toEqual(['duplicate', 'conflict']);
    expect(await stored(run.id)).toEqual({ runs: 1, cases: 2 });
  });

  it('tells a repeat and a conflict of a run new in the same batch from the run itself', async () => {
    const run = makeRun({}, 2);
    const first = runRows(run, JSON.stringify(run), new Date());
    const again = runRows(structuredClone(run), JSON.stringify(run), new Date());
    const changed = runRows({ ...structuredClone(run), source: 'automation' }, '{}', new Date());
    const outcomes = await Promise.all([first, again, changed].map((rows) => store.writer.write(rows)));
    expect(outcomes).toEqual(['created', 'duplicate', 'conflict']);
    expect(await stored(run.id)).toEqual({ runs: 1, cases: 2 });
  });
});

describe.skipIf(POSTGRES_SKIP_REASON !== undefined)('group commit on PostgreSQL', () => {
  it('writes runs posted together in fewer transactions than runs, each stored whole', async () => {
    const kind = storeKinds().find((k) => k.name === 'postgres');
    if (!kind) throw new Error('no PostgreSQL store');
    const { store, dispose } = await kind.open();
    try {
      const writer = store.writer as BatchingWriter;
      const runs = Array.from({ length: 60 }, () => makeRun({}, 5));
      const outcomes = await Promise.all(
        runs.map((run) => writer.write(runRows(run, JSON.stringify(run), new Date()))),
      );
      expect(outcomes.every((o) => o === 'created')).toBe(true);
      expect(writer.stats.runs).toBe(60);
      // The first goes alone; the rest wait for it and share a transaction or a few.
      expect(writer.stats.batches).toBeLessThanOrEqual(10);
      const { rows } = await sql<{ runs: number | string; cases: number | string }>`
        select (select count(*) from runs) as runs, (select count(*) from cases) as cases`.execute(store.db);
      expect({ runs: Number(rows[0]?.runs), cases: Number(rows[0]?.cases) }).toEqual({
        runs: 60,
        cases: 300,
      });
    } finally {
      await dispose();
    }
  });
});
