/**
 * Backup and restore through the NDJSON export (issue 16): runs exported from one store and
 * imported into a fresh one give byte-identical exports (cases, CSV, runs), importing the same file
 * again stores nothing new, deletion tokens keep working after a restore from the operator's
 * backup, and a bad line is reported with its number without losing the others — on SQLite and,
 * when DATABASE_URL points at one, PostgreSQL. Then the `db` commands as a user runs them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { importRuns } from '../../server/backup/import.ts';
import { runLines } from '../../server/backup/run-lines.ts';
import type { Store } from '../../server/store/database.ts';
import type { IngestAccepted } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { makeRun } from '../support/records.ts';
import { splitResult } from '../support/scenario-records.ts';
import { scoredRun } from '../support/score-records.ts';
import { storeKinds } from '../support/stores.ts';

const run = promisify(execFile);

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n');
}

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
}

describe.each(storeKinds())('export → import round trip on $name', (kind) => {
  const opened: { app: FastifyInstance; dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const { app, dispose } of opened) {
      await app.close();
      await dispose();
    }
  });

  async function open(): Promise<{ store: Store; app: FastifyInstance }> {
    const { store, dispose } = await kind.open();
    const app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'x' });
    opened.push({ app, dispose });
    return { store, app };
  }

  const get = async (app: FastifyInstance, url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const exports = async (app: FastifyInstance) => ({
    cases: await get(app, '/api/export.ndjson'),
    csv: await get(app, '/api/export.csv'),
    runs: await get(app, '/api/export.runs.ndjson'),
    list: await get(app, '/api/runs?limit=200'),
  });

  it('gives identical exports, stores each run once on a second import, and keeps tokens working', async () => {
    const source = await open();
    const failed = makeRun({}, 3);
    (failed.cases[1] as Run['cases'][number]).status = 'error';
    const runs: Run[] = [
      makeRun({}, 4),
      { ...makeRun({}, 2), scenarios: [splitResult({ 0: 100, 0.5: 80, 1: 120 })] },
      scoredRun('Pixel 9', { cpu: 0.5 }),
      failed,
    ];
    const tokens = new Map<string, string>();
    for (const r of runs) {
      // Pretty-printed like some clients send: the server stores the validated record, and the restore keeps its bytes.
      const res = await source.app.inject({
        method: 'POST',
        url: '/api/runs',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(r, null, 2),
      });
      expect(res.statusCode).toBe(201);
      tokens.set(r.id, (res.json() as IngestAccepted).deleteToken as string);
    }
    const before = await exports(source.app);
    expect(before.runs.trim().split('\n')).toHaveLength(runs.length);
    expect(before.runs).not.toContain('deleteTokenSha256');
    const backup = await collect(runLines(source.store, { tokenHashes: true }));
    expect(backup).toContain('deleteTokenSha256');

    const target = await open();
    expect(await importRuns(target.store, linesOf(backup))).toEqual({
      stored: runs.length,
      alreadyThere: 0,
      refused: 0,
      refusals: [],
    });
    // A fresh app, as a restored server starts (its summary loads from the store).
    const restored = await buildApp({
      store: target.store,
      rateLimit: { max: 0, windowMs: 60_000 },
      ipHashSalt: 'y',
    });
    expect(await exports(restored)).toEqual(before);
    expect(await get(restored, `/api/runs/${runs[0]?.id}`)).toBe(JSON.stringify(runs[0]));
    const withoutTime = (json: string) => json.replace(/"generatedAt":"[^"]+"/, '');
    expect(withoutTime(await get(restored, '/api/summary'))).toBe(
      withoutTime(await get(source.app, '/api/summary')),
    );

    expect(await importRuns(target.store, linesOf(backup))).toEqual({
      stored: 0,
      alreadyThere: runs.length,
      refused: 0,
      refusals: [],
    });
    expect(await exports(restored)).toEqual(before);

    const id = runs[2]?.id as string;
    const res = await restored.inject({
      method: 'DELETE',
      url: `/api/runs/${id}`,
      headers: { authorization: `Bearer ${tokens.get(id)}` },
    });
    expect(res.statusCode).toBe(200);
    await restored.close();
  });

  it('reports each refused line by number and reason, and stores every other line', async () => {
    const { store, app } = await open();
    const stored = makeRun({}, 2);
    await app.inject({ method: 'POST', url: '/api/runs', payload: stored });
    const bare = makeRun({}, 1);
    const backupLine = { receivedAt: '2026-01-02T03:04:05.000Z', record: JSON.stringify(makeRun({}, 1)) };
    const invalid = { ...makeRun({}, 1), cases: 'none' };
    const lines = [
      JSON.stringify(bare), // 1: a bare record (e.g. from npm run bench)
      '{not json', // 2
      JSON.stringify(invalid), // 3: fails the schema
      '', // 4: blank, skipped
      JSON.stringify(backupLine), // 5
      JSON.stringify({ ...stored, source: 'automation' }), // 6: same id, different run
      JSON.stringify({ receivedAt: 'yesterday', record: '{}' }), // 7
      JSON.stringify(stored), // 8: already there
    ];
    const report = await importRuns(store, linesOf(lines.join('\n')));
    expect(report).toMatchObject({ stored: 2, alreadyThere: 1, refused: 4 });
    expect(report.refusals.map((r) => r.line)).toEqual([2, 3, 6, 7]);
    expect(report.refusals[0]?.reason).toBe('not valid JSON');
    expect(report.refusals[1]?.reason).toMatch(/^not a valid atlas.run\/1 record \(cases: /);
    expect(report.refusals[2]?.reason).toBe(`a different run with id ${stored.id} is already stored`);
    expect(report.refusals[3]?.reason).toMatch(/receivedAt/);
    const ids = (await store.db.selectFrom('runs').select(['id', 'received_at']).execute()).map((r) => r.id);
    expect(ids.sort()).toEqual([stored.id, bare.id, JSON.parse(backupLine.record).id].sort());
    const kept = await store.db
      .selectFrom('runs')
      .select('received_at')
      .where('id', '=', JSON.parse(backupLine.record).id)
      .executeTakeFirstOrThrow();
    expect(kept.received_at).toBe(backupLine.receivedAt);
  });
});

describe('the db commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-db-cli-'));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const db = (args: string[], databaseUrl: string) =>
    run(tsx, ['server/cli/db.ts', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('migrate applies the migrations once and says which; a bad DATABASE_URL fails clearly', async () => {
    const url = `sqlite:${join(dir, 'migrate.db')}`;
    const first = await db(['migrate'], url);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /applied 13 migrations: 001-runs-and-cases, .*013-run-visit-and-page-bytes-backfill/,
    );
    const second = await db(['migrate'], url);
    expect(second.stdout).toMatch(/up to date, nothing applied/);
    const bad = await db(['migrate'], 'mysql://x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^db: DATABASE_URL must start with sqlite: or postgres:\/\//);
  }, 30_000);

  it('export then import into another store: counts, refusals on stderr and exit code 2', async () => {
    const from = `sqlite:${join(dir, 'from.db')}`;
    const runs = [makeRun({}, 2), makeRun({}, 3)];
    writeFileSync(join(dir, 'bare.ndjson'), `${runs.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect((await db(['import', join(dir, 'bare.ndjson')], from)).stdout).toMatch(
      /2 stored, 0 already there, 0 refused/,
    );
    const file = join(dir, 'backup.ndjson');
    expect((await db(['export', file], from)).code).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    writeFileSync(file, `${readFileSync(file, 'utf8')}oops\n`);
    const to = `sqlite:${join(dir, 'to.db')}`;
    const imported = await db(['import', file], to);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toMatch(/2 stored, 0 already there, 1 refused/);
    expect(imported.stderr).toContain('line 3: not valid JSON');
    const missing = await db(['import', join(dir, 'nope.ndjson')], to);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
  }, 60_000);
});
