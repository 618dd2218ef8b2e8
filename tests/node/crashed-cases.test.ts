/**
 * A run continued after the page crashed: its `crashed` case (and the run's `wakeLock` and
 * `resumedAt`) is accepted, stored and exported like any case, and never enters the speed
 * summary — neither as the run arrives nor when a server loads the summary from the store.
 * Against a real SQLite store and, when DATABASE_URL points at one, a real PostgreSQL store.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import type { Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun, okCase } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

const CRASHED = {
  model: 'crash-model',
  runtime: 'ort',
  backend: 'webgpu',
  options: {},
  status: 'crashed',
  error: 'the page was closed or crashed while this case ran (likely out of memory); it was not run again',
} as const;

/** A continued run: an ok case, the case that crashed the page, another ok case after it. */
function continuedRun(): Run {
  return makeRun({
    cases: [
      okCase('crash-model', 'ort', 'wasm', 7, { threads: 1 }),
      CRASHED,
      okCase('crash-model', 'tfjs', 'wasm', 9),
      { ...CRASHED, model: 'only-crashed-model' },
    ],
    wakeLock: 'held',
    resumedAt: ['2026-12-10T12:00:00.000Z'],
  });
}

describe.each(storeKinds())('crashed cases on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  const run = continuedRun();
  const raw = JSON.stringify(run);
  const open = () => buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'test-salt' });

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await open();
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('stores the run with its crashed cases and gives it back exactly as sent', async () => {
    const posted = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { 'content-type': 'application/json' },
      payload: raw,
    });
    expect(posted.statusCode).toBe(201);
    const back = await app.inject({ method: 'GET', url: `/api/runs/${run.id}` });
    expect(back.statusCode).toBe(200);
    expect(back.body).toBe(raw);
    const rows = await store.db
      .selectFrom('cases')
      .select(['idx', 'model', 'status', 'error', 'median_ms'])
      .where('run_id', '=', run.id)
      .orderBy('idx')
      .execute();
    expect(rows.map((r) => [r.model, r.status, r.median_ms])).toEqual([
      ['crash-model', 'ok', 7],
      ['crash-model', 'crashed', null],
      ['crash-model', 'ok', 9],
      ['only-crashed-model', 'crashed', null],
    ]);
    expect(rows[1]?.error).toBe(CRASHED.error);
  });

  it('exports the crashed cases with the others', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/export.ndjson' });
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { run_id: string; status: string; model: string });
    const mine = lines.filter((l) => l.run_id === run.id);
    expect(mine.map((l) => l.status)).toEqual(['ok', 'crashed', 'ok', 'crashed']);
  });

  it('leaves crashed cases out of the summary, as the run arrives and when loaded from the store', async () => {
    const check = async (server: FastifyInstance) => {
      const summary = (await server.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
      const group = summary.groups.find((g) => g.model === 'crash-model');
      expect(group?.entries.map((e) => [e.runtime, e.backend, e.medianMs])).toEqual([
        ['ort', 'wasm', 7],
        ['tfjs', 'wasm', 9],
      ]);
      expect(summary.groups.find((g) => g.model === 'only-crashed-model')).toBeUndefined();
    };
    await check(app);
    const fresh = await open();
    try {
      await check(fresh);
    } finally {
      await fresh.close();
    }
  });
});
