/**
 * The production start (`npm run serve`, server/serve.ts) works after `npm ci --omit=dev`: nothing
 * it, the ingest worker threads or the `db:*` commands import at runtime is a devDependency, and started as its own
 * process it serves the API from a real SQLite file and exits 0 on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, reach } from '../support/import-graph.ts';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the production start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports only runtime dependencies, in the request thread and in the ingest workers', () => {
    const packages = new Set<string>();
    for (const entry of ['server/serve.ts', 'server/ingest/worker-entry.mjs', 'server/cli/db.ts'])
      for (const specifier of reach(entry).packages) packages.add(specifier);
    const names = [...packages]
      .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
      .map(packageName);
    expect(names).toContain('fastify');
    expect(names).toContain('tsx');
    const devOnly = names.filter((n) => n in pkg.devDependencies && !(n in pkg.dependencies));
    expect(devOnly).toEqual([]);
    for (const name of names)
      expect(pkg.dependencies, `${name} is a runtime dependency`).toHaveProperty([name]);
  });

  it('serves the API from a SQLite file and stops with exit code 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/serve.ts', '--api-only', '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'atlas.db')}`, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line within 30 s:\n${out}\n${err}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /API at (http:\/\/\S+)/.exec(out);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code} before it listened:\n${err}`)));
    });
    const summary = await fetch(`${url}/api/summary`);
    expect(summary.status).toBe(200);
    // API only: the page is somewhere else.
    expect((await fetch(`${url}/`)).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
