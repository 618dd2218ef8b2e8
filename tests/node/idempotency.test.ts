/**
 * Idempotent ingest under real concurrency (contract section 4): over HTTP, with every request in
 * flight at once, the same run posted 50 times is stored once (one 201, then 200s), and one id
 * raced by different bodies keeps exactly one of them (one 201, every other body 409), its cases
 * stored once — on SQLite and, when DATABASE_URL points at one, PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

const AT_ONCE = 50;

interface Answer {
  status: number;
  body: { id?: string; url?: string; deleteToken?: string; error?: string };
}

/** Status counts, e.g. { 201: 1, 200: 49 }. */
function tally(answers: readonly Answer[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}

describe.each(storeKinds())('idempotent ingest under concurrency on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base = '';

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'x' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function post(body: string): Promise<Answer> {
    const res = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  /** Every request started before any is awaited. */
  const allAtOnce = (bodies: readonly string[]) => Promise.all(bodies.map((b) => post(b)));

  /** What the store holds for one id: its run rows, case rows, distinct case indexes and case_count. */
  async function storedRun(id: string) {
    const runs = await store.db.selectFrom('runs').select(['case_count']).where('id', '=', id).execute();
    const cases = await store.db.selectFrom('cases').select('idx').where('run_id', '=', id).execute();
    const record = await app.inject({ method: 'GET', url: `/api/runs/${id}` });
    return {
      runRows: runs.length,
      caseCount: runs[0]?.case_count,
      caseRows: cases.length,
      distinctIdx: new Set(cases.map((c) => c.idx)).size,
      record: record.body,
    };
  }

  it(`stores the same run posted ${AT_ONCE} times at once exactly once: one 201, ${AT_ONCE - 1} × 200`, async () => {
    const run = makeRun({}, 20);
    const raw = JSON.stringify(run);
    const answers = await allAtOnce(Array.from({ length: AT_ONCE }, () => raw));
    expect(tally(answers)).toEqual({ 201: 1, 200: AT_ONCE - 1 });
    // Only the answer that stored it carries the deletion token; the repeats carry none.
    for (const a of answers)
      expect(a.body).toEqual({
        id: run.id,
        url: `/runs/${run.id}`,
        ...(a.status === 201 ? { deleteToken: expect.any(String) } : {}),
      });
    expect(await storedRun(run.id)).toEqual({
      runRows: 1,
      caseCount: 20,
      caseRows: 20,
      distinctIdx: 20,
      record: raw,
    });
  });

  it('treats the same record sent as differently formatted JSON as the same run (one 201, the rest 200)', async () => {
    const run = makeRun({}, 20);
    // Same record: whitespace and key order differ, so the texts differ but the record does not.
    const reordered = (r: Run) => Object.fromEntries(Object.entries(r).reverse());
    const bodies = Array.from({ length: AT_ONCE }, (_, i) =>
      i % 3 === 0
        ? JSON.stringify(run)
        : i % 3 === 1
          ? JSON.stringify(run, null, 2)
          : JSON.stringify(reordered(run)),
    );
    const answers = await allAtOnce(bodies);
    expect(tally(answers)).toEqual({ 201: 1, 200: AT_ONCE - 1 });
    // Whichever body won, what is stored is the validated record, not that body's formatting.
    const stored = await storedRun(run.id);
    expect(stored).toEqual({
      runRows: 1,
      caseCount: 20,
      caseRows: 20,
      distinctIdx: 20,
      record: JSON.stringify(run),
    });
  });

  it(`keeps exactly one of ${AT_ONCE + 1} different bodies raced under one id: one 201, ${AT_ONCE} × 409`, async () => {
    const original = makeRun({}, 20);
    // Every other body differs from the original and from each other, in case count too.
    const others = Array.from({ length: AT_ONCE }, (_, i) =>
      makeRun({ id: original.id, createdAt: original.createdAt, app: { version: `9.${i}` } }, 1 + (i % 30)),
    );
    const bodies = [original, ...others].map((r) => JSON.stringify(r));
    const answers = await allAtOnce(bodies);
    expect(tally(answers)).toEqual({ 201: 1, 409: AT_ONCE });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error).toContain(original.id);
    const won = answers.findIndex((a) => a.status === 201);
    const winner = [original, ...others][won] as Run;
    expect(await storedRun(original.id)).toEqual({
      runRows: 1,
      caseCount: winner.cases.length,
      caseRows: winner.cases.length,
      distinctIdx: winner.cases.length,
      record: bodies[won],
    });
    // Once the race is over the stored body is final: the original again is 200 if it won, 409 if not.
    expect((await post(bodies[0] as string)).status).toBe(won === 0 ? 200 : 409);
  });

  it('answers the original 200 and every different body 409 once the original is stored, all at once', async () => {
    const original = makeRun({}, 20);
    const raw = JSON.stringify(original);
    expect((await post(raw)).status).toBe(201);
    const others = Array.from({ length: AT_ONCE }, (_, i) =>
      JSON.stringify(
        makeRun({ id: original.id, createdAt: original.createdAt, source: 'automation' }, 1 + (i % 30)),
      ),
    );
    // Interleave repeats of the original with the different bodies.
    const bodies = others.flatMap((other) => [other, raw]);
    const answers = await allAtOnce(bodies);
    answers.forEach((a, i) => {
      expect(a.status).toBe(bodies[i] === raw ? 200 : 409);
    });
    expect(await storedRun(original.id)).toEqual({
      runRows: 1,
      caseCount: 20,
      caseRows: 20,
      distinctIdx: 20,
      record: raw,
    });
  });

  it('races a mix of repeats and different bodies before anything is stored: one winner, repeats of it 200, the rest 409', async () => {
    const original = makeRun({}, 20);
    const other = makeRun({ id: original.id, createdAt: original.createdAt, source: 'automation' }, 7);
    const bodies = Array.from({ length: AT_ONCE }, (_, i) => JSON.stringify(i % 2 ? other : original));
    const answers = await allAtOnce(bodies);
    const won = answers.findIndex((a) => a.status === 201);
    expect(won).toBeGreaterThanOrEqual(0);
    const winnerText = bodies[won];
    answers.forEach((a, i) => {
      if (i !== won) expect(a.status).toBe(bodies[i] === winnerText ? 200 : 409);
    });
    const winner = won % 2 ? other : original;
    expect(await storedRun(original.id)).toEqual({
      runRows: 1,
      caseCount: winner.cases.length,
      caseRows: winner.cases.length,
      distinctIdx: winner.cases.length,
      record: winnerText,
    });
  });

  it('leaves no case without its run', async () => {
    const orphans = await store.db
      .selectFrom('cases')
      .leftJoin('runs', 'runs.id', 'cases.run_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('runs.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);
  });
});
