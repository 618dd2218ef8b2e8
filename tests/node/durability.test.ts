/**
 * Durability of the ingest: the real server runs as a child process on a SQLite file (and, when
 * DATABASE_URL points at one, a fresh PostgreSQL schema), takes a stream of concurrent valid
 * posts, and is killed with SIGKILL mid-stream — several times over. After every restart on the
 * same store, every run that was answered 201 is there exactly as sent, and no run is half
 * stored: each run row has all its cases (some runs have more cases than fit in one INSERT).
 * Runs whose answer was lost in the kill may or may not be stored; posting them again answers
 * 201 or 200, never 409.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StoreTarget } from '../../server/store/database.ts';
import { type SpawnedServer, spawnServer, stubDistDir } from '../../tools/devbench/server-spawn.ts';
import { makeRun } from '../support/records.ts';
import { freshPostgresUrl, POSTGRES_SKIP_REASON } from '../support/stores.ts';

const ROUNDS = 3;
const IN_FLIGHT = 8;
/** Posts per round at most; the kill comes well before. */
const MAX_POSTS = 400;

interface Sent {
  raw: string;
  cases: number;
}

interface Target {
  name: string;
  available: boolean;
  make(): Promise<{ databaseUrl: string; store: StoreTarget; drop(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'sqlite',
    available: true,
    async make() {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-durable-'));
      const file = join(dir, 'atlas.db');
      return {
        databaseUrl: `sqlite:${file}`,
        store: { dialect: 'sqlite', target: file },
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    available: !POSTGRES_SKIP_REASON,
    async make() {
      const pg = await freshPostgresUrl();
      if (!pg) throw new Error(POSTGRES_SKIP_REASON);
      return { databaseUrl: pg.url, store: { dialect: 'postgres', target: pg.url }, drop: pg.drop };
    },
  },
];

/** A run of 20 cases, or every tenth one of 401–800 (more than one INSERT statement's worth). */
function nextRun(n: number): { id: string; sent: Sent } {
  const cases = n % 10 === 0 ? 401 + Math.floor(Math.random() * 400) : 20;
  const run = makeRun({}, cases);
  return { id: run.id, sent: { raw: JSON.stringify(run), cases } };
}

describe.each(targets.filter((t) => t.available))('durability across kill -9 on $name', (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`keeps every answered run and no half-stored one across ${ROUNDS} kills mid-stream`, async () => {
    const made = await target.make();
    cleanups.push(made.drop);
    const distDir = stubDistDir();
    cleanups.push(async () => rmSync(distDir, { recursive: true, force: true }));
    const start = async () => {
      const server = await spawnServer({ databaseUrl: made.databaseUrl, distDir });
      cleanups.push(() => server.kill());
      return server;
    };

    const sent = new Map<string, Sent>();
    /** Answered 201 (or 200): must survive. */
    const acked = new Set<string>();
    /** Sent, but the answer was lost in a kill. */
    const lost = new Set<string>();

    /** The store as the server left it: every run complete, every acknowledged run there. */
    async function checkStore(server: SpawnedServer): Promise<void> {
      const store = await openStore(made.store);
      try {
        const runs = await store.db.selectFrom('runs').select(['id', 'case_count']).execute();
        const cases = await store.db
          .selectFrom('cases')
          .select((eb) => [
            'run_id',
            eb.fn.countAll<number>().as('n'),
            eb.fn.min<number>('idx').as('lo'),
            eb.fn.max<number>('idx').as('hi'),
          ])
          .groupBy('run_id')
          .execute();
        const byRun = new Map(cases.map((c) => [c.run_id, c]));
        const ids = new Set(runs.map((r) => r.id));
        for (const run of runs) {
          const sentRun = sent.get(run.id);
          expect(sentRun, `stored run ${run.id} was never sent`).toBeDefined();
          const c = byRun.get(run.id);
          const expected = {
            caseCount: sentRun?.cases,
            n: sentRun?.cases,
            lo: 0,
            hi: (sentRun?.cases ?? 0) - 1,
          };
          expect(
            {
              caseCount: run.case_count,
              n: Number(c?.n ?? 0),
              lo: Number(c?.lo ?? 0),
              hi: Number(c?.hi ?? -1),
            },
            `run ${run.id} is half stored`,
          ).toEqual(expected);
        }
        for (const runId of byRun.keys())
          expect(ids.has(runId), `cases of ${runId} without their run`).toBe(true);
        for (const id of acked) expect(ids.has(id), `acknowledged run ${id} is gone`).toBe(true);
      } finally {
        await store.close();
      }
      // …and the API returns each acknowledged run exactly as sent.
      for (const id of acked) {
        const res = await fetch(`${server.url}/api/runs/${id}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(sent.get(id)?.raw);
      }
    }

    async function loadAndKill(
      server: SpawnedServer,
      killAfter: number,
    ): Promise<{ ackedNow: number; lostNow: number }> {
      let posted = 0;
      let ackedNow = 0;
      let lostNow = 0;
      let stop = false;
      let killing: Promise<void> | undefined;
      const worker = async () => {
        while (!stop && posted < MAX_POSTS) {
          const { id, sent: s } = nextRun(posted++);
          sent.set(id, s);
          let status: number;
          let text: string;
          try {
            const res = await fetch(`${server.url}/api/runs`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: s.raw,
            });
            status = res.status;
            text = await res.text();
          } catch (error) {
            // Only the kill may cut a request short.
            if (!killing) throw error;
            lost.add(id);
            lostNow++;
            stop = true;
            continue;
          }
          expect(status, text).toBe(201);
          acked.add(id);
          if (++ackedNow === killAfter) killing = server.kill();
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      killing ??= server.kill();
      await killing;
      expect((await server.exited).signal).toBe('SIGKILL');
      return { ackedNow, lostNow };
    }

    let server = await start();
    for (let round = 0; round < ROUNDS; round++) {
      const { lostNow } = await loadAndKill(server, 30 + Math.floor(Math.random() * 90));
      // Requests were in flight when it died: the kill came mid-stream.
      expect(lostNow).toBeGreaterThan(0);
      server = await start();
      await checkStore(server);
    }

    // A client retrying what it never heard back about gets 201 (not stored) or 200 (stored).
    const retried: Record<number, number> = {};
    for (const id of lost) {
      const res = await fetch(`${server.url}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: sent.get(id)?.raw ?? '',
      });
      retried[res.status] = (retried[res.status] ?? 0) + 1;
      expect([200, 201]).toContain(res.status);
      acked.add(id);
    }
    await checkStore(server);
    await server.stop();
    expect((await server.exited).code).toBe(0);
    console.log(
      `${target.name}: ${acked.size - lost.size} runs acknowledged before ${ROUNDS} kills, ` +
        `${lost.size} answers lost in them; retried: ${JSON.stringify(retried)}`,
    );
  }, 180_000);
});
