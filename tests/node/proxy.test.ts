/**
 * The server behind a real reverse proxy (Debian's Caddy running the documented deploy/Caddyfile, unprivileged on a free
 * port, no admin endpoint, no TLS): with TRUST_PROXY naming the proxy, two clients behind it get
 * separate rate-limit buckets and forging X-Forwarded-For through it gains nothing; with
 * TRUST_PROXY off, a client forging the header directly gets no new bucket. Clients are told
 * apart by binding their sockets to different loopback addresses (127.0.0.2, 127.0.0.3).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { configFromEnv } from '../../server/config.ts';
import { openStore, type Store } from '../../server/store/database.ts';
import { REPO_ROOT } from '../support/import-graph.ts';
import { makeRun } from '../support/records.ts';

const CADDY = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((p) => existsSync(p));
const MAX = 2;

/** POSTs a fresh run from `localAddress` and answers the status. */
function post(port: number, localAddress: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify(makeRun({}, 1));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/runs',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function statuses(n: number, send: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await send(i));
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The server as `npm start` configures it from these environment variables, on a free port. */
async function startApp(
  store: Store,
  env: NodeJS.ProcessEnv,
): Promise<{ app: FastifyInstance; port: number }> {
  const config = configFromEnv({ RATE_LIMIT_MAX: String(MAX), IP_HASH_SALT: 'proxy-test', ...env });
  const app = await buildApp({
    store,
    rateLimit: config.rateLimit,
    ipHashSalt: config.ipHashSalt,
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await app.inject({ method: 'GET', url: '/api/summary' }); // the summary loaded before any close
  return { app, port: (app.server.address() as { port: number }).port };
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it.skipIf(CADDY)('reverse-proxy tests: skipped, caddy is not installed (apt-get install caddy)', () => {
  expect(CADDY).toBeUndefined();
});

describe.skipIf(!CADDY)('behind Caddy', () => {
  let dir: string;
  let store: Store;
  let proxied: { app: FastifyInstance; port: number };
  let direct: { app: FastifyInstance; port: number };
  let caddy: ChildProcess | undefined;
  let caddyPort: number;
  let caddyLog = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-proxy-'));
    store = await openStore({ dialect: 'sqlite', target: ':memory:' });
    proxied = await startApp(store, { TRUST_PROXY: '127.0.0.1' });
    direct = await startApp(store, {});
    caddyPort = await freePort();
    const caddyfile = join(dir, 'Caddyfile');
    // The documented configuration itself (deploy/Caddyfile), behind test-only global options.
    writeFileSync(
      caddyfile,
      `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${join(dir, 'data')}\n}\n` +
        `import ${join(REPO_ROOT, 'deploy', 'Caddyfile')}\n`,
    );
    caddy = spawn(CADDY as string, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env: {
        ...process.env,
        ATLAS_SITE: `http://127.0.0.1:${caddyPort}`,
        ATLAS_UPSTREAM: `127.0.0.1:${proxied.port}`,
        HOME: dir,
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_CONFIG_HOME: join(dir, 'config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stdout?.on('data', (d) => (caddyLog += d));
    caddy.stderr?.on('data', (d) => (caddyLog += d));
    await waitFor(
      () => fetch(`http://127.0.0.1:${caddyPort}/healthz`).then((r) => r.status === 200),
      `caddy on port ${caddyPort}:\n${caddyLog}`,
    );
  }, 60_000);

  afterAll(async () => {
    if (caddy && caddy.exitCode === null) {
      const exited = new Promise((r) => caddy?.once('exit', r));
      caddy.kill('SIGTERM');
      await exited;
    }
    await proxied?.app.close();
    await direct?.app.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives two clients behind the proxy a rate-limit bucket each', async () => {
    expect(await statuses(MAX + 1, () => post(caddyPort, '127.0.0.2'))).toEqual([201, 201, 429]);
    expect(await statuses(MAX + 1, () => post(caddyPort, '127.0.0.3'))).toEqual([201, 201, 429]);
  });

  it('gives a client forging X-Forwarded-For through the proxy no new bucket', async () => {
    const forged = (i: number) => post(caddyPort, '127.0.0.4', { 'x-forwarded-for': `198.51.100.${i}` });
    expect(await statuses(MAX + 1, forged)).toEqual([201, 201, 429]);
  });

  it('ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    const forged = (i: number) => post(proxied.port, '127.0.0.5', { 'x-forwarded-for': `198.51.100.${i}` });
    expect(await statuses(MAX + 1, forged)).toEqual([201, 201, 429]);
  });

  it('with TRUST_PROXY off, a client forging X-Forwarded-For directly gets no new bucket', async () => {
    const forged = (i: number) => post(direct.port, '127.0.0.6', { 'x-forwarded-for': `203.0.113.${i}` });
    expect(await statuses(MAX + 2, forged)).toEqual([201, 201, 429, 429]);
  });
});
