/**
 * Migrations 007 and 008 on SQLite and PostgreSQL: runs stored before the server computed scores
 * get them from the cases of the records they hold (never the records' own `score`), a fill that
 * stopped half-way goes on without redoing what it did, the upgraded store answers
 * `/api/compare`, and the comparison's queries read the indexes made for them (SQLite's plan).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { similarQuery } from '../../server/store/compare.ts';
import { openStore, type StoreTarget } from '../../server/store/database.ts';
import { groupMediansQuery } from '../../server/store/scores.ts';
import { scoreReferenceFor } from '../../src/report/score.ts';
import type { Comparison } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { oldStore } from '../support/old-store.ts';
import { buildRun } from '../support/records.ts';
import { PHONE_REFERENCE, runtimeOf, scoredRun } from '../support/score-records.ts';
import { freshPostgresUrl, POSTGRES_SKIP_REASON } from '../support/stores.ts';

const VERSION = PHONE_REFERENCE.version;
const PHONE_1 = (() => {
  const found = scoreReferenceFor({ id: 'phone', version: '1' });
  if (!found)
    throw new Error('the phone-1 score reference is gone: stored phone v1 runs would lose their score');
  return found;
})();

/** Stored runs as the version before scores left them: a scored one (with a forged score), one
 * with too few cases for a score, a run of an unscored suite, an unreadable phone record, and a
 * run of the phone suite's first version (scored by its own reference, `phone-1`). */
function oldRuns(): { run: Run; raw: string }[] {
  const scored = scoredRun('Pixel 7', { cpu: 0.5, gpu: 2 });
  scored.score = { version: VERSION, cpu: { value: 1, models: 1 } };
  const partial = scoredRun('Pixel 7', {});
  partial.cases = buildRun('Pixel 7', [
    { model: 'ppocr-det', runtime: 'ort', backend: 'wasm', medianMs: 5 },
  ]).cases;
  const quick = buildRun('Pixel 7', [{ model: 'ppocr-det', runtime: 'ort', backend: 'wasm', medianMs: 5 }]);
  const unreadable = scoredRun('Pixel 7', { cpu: 1 });
  const v1 = buildRun(
    'Pixel 7',
    Object.entries(PHONE_1.medians.cpu).map(([model, ms]) => ({
      model,
      runtime: runtimeOf(model),
      backend: 'wasm',
      medianMs: ms / 4,
    })),
  );
  v1.suite = { id: 'phone', version: '1' };
  v1.cases = v1.cases.map((c) =>
    c.status === 'ok' ? { ...c, check: { ok: true, metric: 'maxAbsDiff', value: 0, tolerance: 1e-3 } } : c,
  );
  return [
    { run: scored, raw: JSON.stringify(scored) },
    { run: partial, raw: JSON.stringify(partial) },
    { run: quick, raw: JSON.stringify(quick) },
    { run: unreadable, raw: 'not json' },
    { run: v1, raw: JSON.stringify(v1) },
  ];
}
const AFTER: [string | null, number | null, number | null][] = [
  [VERSION, 200, 50],
  [VERSION, null, null],
  [null, null, null],
  [null, null, null],
  ['phone-1', 400, null],
];

async function scoresAfterUpgrade(target: StoreTarget, runs: { run: Run }[]) {
  const store = await openStore(target);
  try {
    const rows = await store.db
      .selectFrom('runs')
      .select(['id', 'score_version', 'score_cpu', 'score_gpu'])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, [r.score_version, r.score_cpu, r.score_gpu]]));
    const app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 's' });
    const first = runs[0]?.run.id;
    const compared = (
      await app.inject({ method: 'GET', url: `/api/compare?run=${first}` })
    ).json() as Comparison;
    await app.close();
    return { scores: runs.map(({ run }) => byId.get(run.id)), compared };
  } finally {
    await store.close();
  }
}

async function checkUpgrade(target: StoreTarget): Promise<void> {
  const runs = oldRuns();
  await oldStore(target, '006-run-engine-backfill', runs);
  const { scores, compared } = await scoresAfterUpgrade(target, runs);
  expect(scores).toEqual(AFTER);
  expect(compared.classes.cpu).toMatchObject({ score: 200, basis: { runs: 1 } });
  expect(compared.classes.gpu?.score).toBe(50);
}

/** A fill stopped after the first run: that run keeps what it was given, the others get theirs. */
async function checkResume(target: StoreTarget): Promise<void> {
  const runs = oldRuns();
  const first = runs[0]?.run.id as string;
  await oldStore(target, '007-run-scores', runs, async (db) => {
    await db
      .updateTable('runs')
      .set({ score_version: VERSION, score_cpu: 123, score_gpu: null })
      .where('id', '=', first)
      .execute();
  });
  const { scores } = await scoresAfterUpgrade(target, runs);
  expect(scores).toEqual([[VERSION, 123, null], ...AFTER.slice(1)]);
}

describe('score backfill on SQLite', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'atlas-scores-')), 'atlas.db');

  it('scores runs stored before scores from their cases, ignoring their own score', async () => {
    await checkUpgrade({ dialect: 'sqlite', target: file() });
  });

  it('goes on where a stopped fill left off', async () => {
    await checkResume({ dialect: 'sqlite', target: file() });
  });

  it('answers the comparison from the indexes made for it', async () => {
    const store = await openStore({ dialect: 'sqlite', target: file() });
    try {
      const plan = async (query: ReturnType<typeof groupMediansQuery | typeof similarQuery>) =>
        (await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db)).rows
          .map((r) => r.detail)
          .join('\n');
      for (const scoreClass of ['cpu', 'gpu'] as const) {
        expect(await plan(groupMediansQuery(VERSION, scoreClass, false))).toMatch(
          new RegExp(`USING COVERING INDEX runs_score_${scoreClass}`),
        );
      }
      const similar = await plan(
        similarQuery({ id: 'x', os: 'Android', gpuVendor: 'qualcomm', emulated: 0 }, ['a', 'b']),
      );
      expect(similar).toMatch(/SEARCH r USING INDEX runs_similar/);
      // The cases of each run through the primary key (SQLite names it sqlite_autoindex_cases_1).
      expect(similar).toMatch(/SEARCH c USING INDEX \S+ \(run_id=\?\)/);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(POSTGRES_SKIP_REASON !== undefined)('score backfill on PostgreSQL', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const target = async (): Promise<StoreTarget> => {
    const fresh = await freshPostgresUrl();
    if (!fresh) throw new Error('DATABASE_URL is set but no schema could be made');
    drops.push(fresh.drop);
    return { dialect: 'postgres', target: fresh.url };
  };

  it('scores runs stored before scores from their cases, ignoring their own score', async () => {
    await checkUpgrade(await target());
  });

  it('goes on where a stopped fill left off', async () => {
    await checkResume(await target());
  });
});
