/**
 * Migrations: applying them twice is a no-op, on PostgreSQL two stores in two schemas of one
 * database each get their own bookkeeping (found when a leftover schema made the second fail), and
 * runs stored before the engine column get their engine from the record they hold (both stores).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreTarget } from '../../server/store/database.ts';
import type { Run } from '../../src/schema/run.ts';
import { oldStore } from '../support/old-store.ts';
import { makeRun } from '../support/records.ts';
import { freshPostgresUrl, POSTGRES_SKIP_REASON } from '../support/stores.ts';

function withUa(userAgent: string, hinted: boolean): { run: Run; raw: string } {
  const run = makeRun({}, 0);
  const { uaData, ...env } = run.env;
  run.env = hinted ? { ...env, uaData, userAgent } : { ...env, userAgent };
  return { run, raw: JSON.stringify(run) };
}

const OLD_RUNS = [
  withUa('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', false),
  withUa(
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.156 Mobile/15E148 Safari/604.1',
    false,
  ),
  withUa(
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
    true,
  ),
];

/** Opens the old store (migrating it), and answers each old run's engine, by position. */
async function enginesAfterUpgrade(target: StoreTarget): Promise<(string | null)[]> {
  const unreadable = { ...withUa('x', false), raw: 'not json' };
  // As the version before the engine column left it.
  await oldStore(target, '004-case-visibility-lost', [...OLD_RUNS, unreadable]);
  const store = await openStore(target);
  try {
    const rows = await store.db.selectFrom('runs').select(['id', 'engine']).execute();
    const engine = new Map(rows.map((r) => [r.id, r.engine]));
    return [...OLD_RUNS, unreadable].map(({ run }) => engine.get(run.id) ?? null);
  } finally {
    await store.close();
  }
}

const ENGINES_AFTER = ['Gecko', 'WebKit', 'Blink', null];

async function runCount(store: Store): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from runs`.execute(store.db);
  return Number(rows[0]?.n);
}

describe('migrations on SQLite', () => {
  it('opening a migrated file again applies nothing and keeps the data', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-migrate-')), 'atlas.db');
    const first = await openStore({ dialect: 'sqlite', target: file });
    await sql`insert into runs (id, created_at, received_at, suite_id, suite_version, app_version,
      source, emulated, browser, browser_version, os, mobile, cores, isolated, device_group,
      device_key, case_count, ok_count, body_sha256, record)
      values ('r1', 't', 't', 's', '1', '0', 'browser', 0, 'b', '1', 'o', 0, 2, 1, 'g', 'k', 0, 0,
      'h', '{}')`.execute(first.db);
    await first.close();
    const again = await openStore({ dialect: 'sqlite', target: file });
    try {
      expect(await runCount(again)).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('fills in the engine of runs stored before the engine column, from their records', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-migrate-')), 'atlas.db');
    expect(await enginesAfterUpgrade({ dialect: 'sqlite', target: file })).toEqual(ENGINES_AFTER);
  });
});

describe.skipIf(POSTGRES_SKIP_REASON !== undefined)('migrations on PostgreSQL schemas', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('migrates a second schema of the same database when the first already holds the tables', async () => {
    const first = await freshPostgresUrl();
    const second = await freshPostgresUrl();
    if (!first || !second) throw new Error('DATABASE_URL is set but no schema could be made');
    drops.push(first.drop, second.drop);
    const a = await openStore({ dialect: 'postgres', target: first.url });
    const b = await openStore({ dialect: 'postgres', target: second.url });
    try {
      expect(await runCount(a)).toBe(0);
      expect(await runCount(b)).toBe(0);
      const reopened = await openStore({ dialect: 'postgres', target: second.url });
      await reopened.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fills in the engine of runs stored before the engine column, from their records', async () => {
    const fresh = await freshPostgresUrl();
    if (!fresh) throw new Error('DATABASE_URL is set but no schema could be made');
    drops.push(fresh.drop);
    expect(await enginesAfterUpgrade({ dialect: 'postgres', target: fresh.url })).toEqual(ENGINES_AFTER);
  });
});
