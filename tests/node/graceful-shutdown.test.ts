/**
 * Graceful shutdown: the server, as its own process, gets SIGTERM while a run is half uploaded.
 * It stops taking new connections but finishes that request (201, run stored), then exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/database.ts';
import { getRunRecord } from '../../server/store/runs.ts';
import { spawnServer, stubDistDir } from '../../tools/devbench/server-spawn.ts';
import { makeRun } from '../support/records.ts';

describe('graceful shutdown on SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-shutdown-'));
  const distDir = stubDistDir();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections, stores the run and exits 0', async () => {
    const file = join(dir, 'atlas.db');
    const server = await spawnServer({ databaseUrl: `sqlite:${file}`, distDir });
    const run = makeRun({}, 20);
    const body = Buffer.from(JSON.stringify(run));
    const half = Math.floor(body.length / 2);

    let finishUpload = () => {};
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/api/runs`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, half));
      // The rest goes out only after the server was told to stop (below).
      finishUpload = () => req.end(body.subarray(half));
    });

    // Let the server take the headers and the first half, then ask it to stop.
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const late = await fetch(`${server.url}/healthz`).then(
      (r) => `answered ${r.status}`,
      () => 'refused',
    );
    finishUpload();
    const { status, text } = await answer;
    const exit = await server.exited;

    expect(late).toBe('refused');
    expect(status, text).toBe(201);
    expect(exit).toEqual({ code: 0, signal: null });
    const store = await openStore({ dialect: 'sqlite', target: file });
    try {
      expect(await getRunRecord(store, run.id)).toBe(body.toString());
    } finally {
      await store.close();
    }
  }, 60_000);
});
