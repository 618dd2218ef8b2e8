/**
 * SQLite checkpoints run in a worker thread, not in the commits of requests: the WAL is copied
 * into the database file on the worker's timer while the store is open, and closing the store
 * stops the worker.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/database.ts';
import { runRows } from '../../server/store/run-rows.ts';
import { makeRun } from '../support/records.ts';

describe('SQLite checkpoints', () => {
  it('move committed runs from the WAL into the database file in the background', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-ckpt-')), 'atlas.db');
    const store = await openStore({ dialect: 'sqlite', target: file });
    try {
      const before = statSync(file).size;
      const runs = Array.from({ length: 100 }, () => makeRun({}, 20));
      await Promise.all(runs.map((r) => store.writer.write(runRows(r, JSON.stringify(r), new Date()))));
      // ~1 MB of runs: far below the 1000-page automatic checkpoint, so only the worker moves it.
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(500_000);
      let after = statSync(file).size;
      for (let i = 0; i < 40 && after < before + 500_000; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = statSync(file).size;
      }
      expect(after).toBeGreaterThan(before + 500_000);
    } finally {
      await store.close();
    }
  });
});
