/**
 * Migrations: applying them twice is a no-op, and on PostgreSQL two stores in two schemas of one
 * database each get their own bookkeeping (found when a leftover schema made the second fail).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store/database.ts';
import { freshPostgresUrl, POSTGRES_SKIP_REASON } from '../support/stores.ts';

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
});
