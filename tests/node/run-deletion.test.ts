/**
 * Contributors delete their own runs (issue 16): the 201 carries a deletion token that the store
 * keeps only as a hash; a repeat (200) carries none; `DELETE /api/runs/:id` with the token removes
 * the run, its cases and scenario results, and the summary, scores and comparison follow; without
 * a token, with a wrong one or for a run stored before tokens nothing is removed — on SQLite and,
 * when DATABASE_URL points at one, PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import { deleteTokenHash } from '../../server/store/runs.ts';
import type { IngestAccepted, ScoreGroups, Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun } from '../support/records.ts';
import { splitResult } from '../support/scenario-records.ts';
import { scoredRun } from '../support/score-records.ts';
import { storeKinds } from '../support/stores.ts';

describe.each(storeKinds())('deleting a run with its token on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'x' });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function post(run: Run): Promise<{ status: number; body: IngestAccepted }> {
    const res = await app.inject({ method: 'POST', url: '/api/runs', payload: run });
    return { status: res.statusCode, body: res.json() as IngestAccepted };
  }

  const del = (id: string, token?: string) =>
    app.inject({
      method: 'DELETE',
      url: `/api/runs/${id}`,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  async function rowsOf(id: string) {
    const { rows } = await sql<{ runs: number | string; cases: number | string; scenarios: number | string }>`
      select (select count(*) from runs where id = ${id}) as runs,
             (select count(*) from cases where run_id = ${id}) as cases,
             (select count(*) from scenario_results where run_id = ${id}) as scenarios`.execute(store.db);
    const r = rows[0];
    return { runs: Number(r?.runs), cases: Number(r?.cases), scenarios: Number(r?.scenarios) };
  }

  const summary = async () => (await app.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
  const scores = async () => (await app.inject({ method: 'GET', url: '/api/scores' })).json() as ScoreGroups;

  it('hands out a token of ≥128 bits on the 201 only, and stores only its sha256', async () => {
    const run = makeRun({}, 3);
    const first = await post(run);
    expect(first.status).toBe(201);
    const token = first.body.deleteToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const again = await post(run);
    expect(again).toEqual({ status: 200, body: { id: run.id, url: `/runs/${run.id}` } });
    const stored = await store.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(stored.delete_token_sha256).toBe(deleteTokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // Two uploads never share a token.
    const other = await post(makeRun({}, 1));
    expect(other.body.deleteToken).not.toBe(token);
  });

  it('refuses without a token (401), with a wrong one (403) or an unknown id (404), removing nothing', async () => {
    const run: Run = { ...makeRun({}, 4), scenarios: [splitResult({ 0: 100, 0.5: 80, 1: 120 })] };
    const { status, body } = await post(run);
    expect(status).toBe(201);
    const other = await post(makeRun({}, 2));
    const before = { rows: await rowsOf(run.id), totals: (await summary()).totals };
    expect(before.rows).toEqual({ runs: 1, cases: 4, scenarios: 1 });

    const none = await del(run.id);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/runs/${run.id}`,
          headers: { authorization: 'Basic abc' },
        })
      ).statusCode,
    ).toBe(401);
    // Another run's token, and the hash the store keeps (which is not the token).
    expect((await del(run.id, other.body.deleteToken)).statusCode).toBe(403);
    expect((await del(run.id, deleteTokenHash(body.deleteToken as string))).statusCode).toBe(403);
    expect((await del(crypto.randomUUID(), body.deleteToken)).statusCode).toBe(404);

    expect({ rows: await rowsOf(run.id), totals: (await summary()).totals }).toEqual(before);
    expect((await app.inject({ method: 'GET', url: `/api/runs/${run.id}` })).statusCode).toBe(200);
  });

  it('removes the run, its cases and scenario results; the summary, scores and comparison follow', async () => {
    const mine = scoredRun('Pixel 9', { cpu: 0.5 });
    const { body } = await post(mine);
    await post(scoredRun('Galaxy A15', { cpu: 2 }));
    const before = await summary();
    expect((await scores()).groups.map((g) => g.deviceGroup)).toContain('Pixel 9 · Android');
    expect(before.groups.some((g) => g.deviceGroup === 'Pixel 9 · Android')).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/compare?run=${mine.id}` })).statusCode).toBe(200);

    const res = await del(mine.id, body.deleteToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: mine.id, deleted: true });
    expect(await rowsOf(mine.id)).toEqual({ runs: 0, cases: 0, scenarios: 0 });
    expect((await app.inject({ method: 'GET', url: `/api/runs/${mine.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/compare?run=${mine.id}` })).statusCode).toBe(404);

    const after = await summary();
    expect(after.totals.runs).toBe(before.totals.runs - 1);
    expect(after.totals.cases).toBe(before.totals.cases - mine.cases.length);
    expect(after.groups.some((g) => g.deviceGroup === 'Pixel 9 · Android')).toBe(false);
    expect(after.groups.some((g) => g.deviceGroup === 'Galaxy A15 · Android')).toBe(true);
    expect((await scores()).groups.some((g) => g.deviceGroup === 'Pixel 9 · Android')).toBe(false);
    // The same token again: the run is gone.
    expect((await del(mine.id, body.deleteToken)).statusCode).toBe(404);
  });

  it('refuses to delete a run stored before tokens (no hash kept) with any token', async () => {
    const run = makeRun({}, 1);
    const { body } = await post(run);
    await store.db.updateTable('runs').set({ delete_token_sha256: null }).where('id', '=', run.id).execute();
    expect((await del(run.id, body.deleteToken)).statusCode).toBe(403);
    expect((await rowsOf(run.id)).runs).toBe(1);
  });

  it('answers a browser preflight for DELETE with an Authorization header', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/api/runs/x',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });
});
