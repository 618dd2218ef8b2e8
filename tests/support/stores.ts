/**
 * The stores server tests run against: always a fresh SQLite database, and a fresh PostgreSQL
 * schema when DATABASE_URL points at PostgreSQL (CI sets it; locally the PostgreSQL pass is
 * skipped with the reason printed once).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { openStore, type Store, type StoreTarget } from '../../server/store/database.ts';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** Opens an empty store of this kind; `dispose` removes it. */
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL
  : undefined;

export const POSTGRES_SKIP_REASON = postgresUrl
  ? undefined
  : 'PostgreSQL pass skipped: DATABASE_URL is not a postgres:// URL (CI sets one; locally: DATABASE_URL=postgres://user:pass@127.0.0.1/db npm test)';

let warned = false;
function warnOnce(): void {
  if (POSTGRES_SKIP_REASON && !warned) {
    warned = true;
    console.warn(POSTGRES_SKIP_REASON);
  }
}

const sqlite: StoreKind = {
  name: 'sqlite',
  async open() {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-test-')), 'atlas.db');
    const store = await openStore({ dialect: 'sqlite', target: file });
    return { store, dispose: () => store.close() };
  },
};

const postgres: StoreKind = {
  name: 'postgres',
  async open() {
    if (!postgresUrl) throw new Error(POSTGRES_SKIP_REASON);
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const store = await openStore({ dialect: 'postgres', target: url.href });
    return {
      store,
      async dispose() {
        await store.close();
        const cleanup = new pg.Client({ connectionString: postgresUrl });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      },
    };
  },
};

/** The kinds to test here: SQLite always, PostgreSQL when configured. */
export function storeKinds(): StoreKind[] {
  warnOnce();
  return postgresUrl ? [sqlite, postgres] : [sqlite];
}

/** A connection string for a fresh PostgreSQL schema, for tests that start the server process. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!postgresUrl) return undefined;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.href,
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * Declares `title` once per store kind ("… on SQLite", "… on PostgreSQL", the latter skipped
 * without DATABASE_URL); `body` gets `fresh()`, which names a new empty store of that kind (a file,
 * or a schema dropped after the block) for tests that open the store themselves, as the
 * migration and backfill tests do.
 */
export function describeOnStores(title: string, body: (fresh: () => Promise<StoreTarget>) => void): void {
  describe(`${title} on SQLite`, () => {
    body(async () => ({
      dialect: 'sqlite',
      target: join(mkdtempSync(join(tmpdir(), 'atlas-test-')), 'atlas.db'),
    }));
  });
  describe.skipIf(POSTGRES_SKIP_REASON !== undefined)(`${title} on PostgreSQL`, () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });
    body(async () => {
      const made = await freshPostgresUrl();
      if (!made) throw new Error('DATABASE_URL is set but no schema could be made');
      drops.push(made.drop);
      return { dialect: 'postgres', target: made.url };
    });
  });
}
