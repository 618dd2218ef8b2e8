/**
 * First vs repeat visit on the server (issue 18), on SQLite and PostgreSQL: a run's `visit` lands
 * in `runs.visit` and a case's `memory.pageBytes` in `cases.page_bytes` (migration 012),
 * `/api/summary` splits each entry's time to the first answer by visit where runs said (runs that
 * did not say count only in the overall figure), the exports carry both columns, and runs stored
 * before the columns get them from their records (migration 013), going on where a stopped fill
 * left off without redoing what it did.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { openStore, type StoreTarget } from '../../server/store/database.ts';
import type { Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { oldStore } from '../support/old-store.ts';
import { buildRun } from '../support/records.ts';
import { describeOnStores, storeKinds } from '../support/stores.ts';

const MB = 1_000_000;

/** ORT on a first visit (model downloaded) and a repeat visit (HTTP cache), and a run that does not say. */
function runs(): [Run, Run, Run] {
  const run = (visit: Run['visit'], firstAnswerMs: number, modelTransferBytes: number) => {
    const r = buildRun('Pixel 7', [
      {
        model: 'v',
        runtime: 'ort',
        backend: 'wasm',
        medianMs: 5,
        firstAnswerMs,
        modelBytes: 10 * MB,
        modelTransferBytes,
        pageBytes: 30 * MB,
      },
    ]);
    if (visit) r.visit = visit;
    return r;
  };
  return [run('first', 2000, 10 * MB), run('repeat', 500, 0), run(undefined, 1100, 10 * MB)];
}

async function storedFigures(target: StoreTarget, ids: string[]) {
  const store = await openStore(target);
  try {
    const visits = await store.db.selectFrom('runs').select(['id', 'visit']).execute();
    const pages = await store.db.selectFrom('cases').select(['run_id', 'page_bytes']).execute();
    const visit = new Map(visits.map((r) => [r.id, r.visit]));
    const page = new Map(pages.map((r) => [r.run_id, r.page_bytes]));
    return ids.map((id) => [visit.get(id), page.get(id)]);
  } finally {
    await store.close();
  }
}

describe.each(storeKinds())('first and repeat visit at ingest on $name', (kind) => {
  it('stores the visit and page memory, splits the summary by visit and exports both', async () => {
    const { store, dispose } = await kind.open();
    const app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 's' });
    try {
      const posted = runs();
      for (const run of posted)
        expect((await app.inject({ method: 'POST', url: '/api/runs', payload: run })).statusCode).toBe(201);
      const rows = await store.db.selectFrom('runs').select(['id', 'visit']).execute();
      expect(new Map(rows.map((r) => [r.id, r.visit]))).toEqual(
        new Map([
          [posted[0].id, 'first'],
          [posted[1].id, 'repeat'],
          [posted[2].id, null],
        ]),
      );

      const summary = (await app.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
      const entry = summary.groups.find((g) => g.model === 'v')?.entries[0];
      expect(entry).toMatchObject({ firstAnswerMs: 1100, firstAnswerRuns: 3, pageBytes: 30 * MB });
      expect(entry?.visits).toEqual({
        first: { firstAnswerMs: 2000, runs: 1, modelTransferBytes: 10 * MB },
        repeat: { firstAnswerMs: 500, runs: 1, modelTransferBytes: 0 },
      });

      const csv = (await app.inject({ method: 'GET', url: '/api/export.csv' })).body.trim().split('\n');
      const header = (csv[0] as string).split(',');
      // Appended: the columns before keep their positions.
      expect(header.slice(-2)).toEqual(['page_bytes', 'visit']);
      const byRun = new Map(
        csv.slice(1).map((line) => {
          const row = Object.fromEntries(line.split(',').map((v, i) => [header[i], v]));
          return [row.run_id, row];
        }),
      );
      expect(byRun.get(posted[1].id)).toMatchObject({ visit: 'repeat', page_bytes: String(30 * MB) });
      expect(byRun.get(posted[2].id)).toMatchObject({ visit: '' });
      const ndjson = (await app.inject({ method: 'GET', url: '/api/export.ndjson' })).body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(ndjson.find((r) => r.run_id === posted[0].id)).toMatchObject({
        visit: 'first',
        page_bytes: 30 * MB,
      });
    } finally {
      await app.close();
      await dispose();
    }
  });

  it('leaves the split out of entries whose runs never said which visit they were', async () => {
    const { store, dispose } = await kind.open();
    const app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 's' });
    try {
      const run = runs()[2];
      await app.inject({ method: 'POST', url: '/api/runs', payload: run });
      const summary = (await app.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
      const entry = summary.groups.find((g) => g.model === 'v')?.entries[0];
      expect(entry?.firstAnswerMs).toBe(1100);
      expect(entry).not.toHaveProperty('visits');
    } finally {
      await app.close();
      await dispose();
    }
  });
});

async function checkUpgrade(target: StoreTarget): Promise<void> {
  const posted = runs();
  const unreadable = runs()[0];
  const stored = [
    ...posted.map((run) => ({ run, raw: JSON.stringify(run) })),
    { run: unreadable, raw: 'not json "visit" "pageBytes"' },
  ];
  await oldStore(target, '011-case-figures-backfill', stored);
  expect(
    await storedFigures(
      target,
      [...posted, unreadable].map((r) => r.id),
    ),
  ).toEqual([
    ['first', 30 * MB],
    ['repeat', 30 * MB],
    [null, 30 * MB],
    [null, null],
  ]);
}

/** A fill stopped after the first run: that run keeps what it had, the others get theirs. */
async function checkResume(target: StoreTarget): Promise<void> {
  const posted = runs();
  const stored = posted.map((run) => ({ run, raw: JSON.stringify(run) }));
  const [first] = [...posted].sort((a, b) => a.id.localeCompare(b.id));
  const firstId = (first as Run).id;
  await oldStore(target, '012-run-visit-and-page-bytes', stored, async (db) => {
    await db.updateTable('runs').set({ visit: 'repeat' }).where('id', '=', firstId).execute();
    await db.updateTable('cases').set({ page_bytes: 1 }).where('run_id', '=', firstId).execute();
  });
  const after = await storedFigures(
    target,
    posted.map((r) => r.id),
  );
  posted.forEach((run, i) => {
    const expected = run.id === firstId ? ['repeat', 1] : [run.visit ?? null, 30 * MB];
    expect(after[i]).toEqual(expected);
  });
}

describeOnStores('visit and page memory backfill', (fresh) => {
  it('fills the columns of runs stored before them from their records', async () => {
    await checkUpgrade(await fresh());
  });
  it('goes on where a stopped fill left off', async () => {
    await checkResume(await fresh());
  });
});
