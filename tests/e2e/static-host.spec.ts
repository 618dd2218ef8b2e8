/**
 * The built page on a plain static host that sets no headers at all (here Fastify's static file
 * plugin with nothing added), as GitHub Pages serves it: the page isolates itself through the
 * build's service worker (one reload, no run started before it), runs a two-thread WASM case, and
 * uploads to the results server on another origin (201), with the model files from that server
 * too — the build-time `VITE_RESULTS_URL` and `VITE_MODELS_URL` of a static deployment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { expect, test } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import { waitForRun } from './helpers.ts';

let outDir = '';
let host: FastifyInstance | undefined;
let siteUrl = '';

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  outDir = mkdtempSync(join(tmpdir(), 'atlas-static-'));
  const built = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      env: { ...process.env, VITE_RESULTS_URL: baseURL, VITE_MODELS_URL: `${baseURL}/models/` },
      encoding: 'utf8',
    },
  );
  expect(built.status, built.stderr).toBe(0);
  // For hosts that read it, the headers file carries the server's page headers, CSP included.
  const headers = readFileSync(join(outDir, '_headers'), 'utf8');
  expect(headers).toContain('Cross-Origin-Embedder-Policy: require-corp');
  expect(headers).toContain("Content-Security-Policy: default-src 'self'");
  host = Fastify();
  await host.register(fastifyStatic, { root: outDir });
  // localhost, not the results server's 127.0.0.1: another origin, and still a secure context.
  const address = await host.listen({ port: 0, host: 'localhost' });
  siteUrl = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
});

test.afterAll(async () => {
  await host?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('on a host without headers the page isolates itself, runs two WASM threads and uploads across origins', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  const documents: string[] = [];
  const posts: { url: string; status: number }[] = [];
  const models: string[] = [];
  page.context().on('response', (r) => {
    if (r.url().includes('/models/')) models.push(r.url());
  });
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') documents.push(r.url());
    if (r.request().method() === 'POST') posts.push({ url: r.url(), status: r.status() });
  });
  // The static host really sends no isolation headers.
  const plain = await fetch(`${siteUrl}/`);
  expect(plain.headers.get('cross-origin-embedder-policy')).toBeNull();

  await page.goto(`${siteUrl}/?model=ppocr-cls&runtime=ort&backend=wasm&autorun=1`);
  const run = await waitForRun(page, 150_000);
  // One reload: the first load only registered the worker.
  expect(documents.filter((u) => u.startsWith(siteUrl)).length).toBe(2);
  expect(run.env.crossOriginIsolated).toBe(true);
  expect(run.env.isolatedBy).toBe('service-worker');
  expect(await page.evaluate(() => window.atlas.isolation)).toEqual({
    step: 'isolated',
    by: 'service-worker',
  });
  const threaded = run.cases.find((c) => c.options?.threads === 2);
  expect(threaded?.status, threaded?.error).toBe('ok');
  expect(threaded?.check?.ok).toBe(true);
  // The model files came from the configured prefix on the results server, none from the host.
  expect(models.filter((u) => u.startsWith(`${baseURL}/models/`)).length).toBeGreaterThan(0);
  expect(models.filter((u) => u.startsWith(siteUrl))).toEqual([]);

  await page.waitForFunction(() => ['stored', 'failed', 'queued'].includes(window.atlas.upload?.state ?? ''));
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('stored');
  expect(posts).toEqual([{ url: `${baseURL}/api/runs`, status: 201 }]);
  await expect(page.locator('#resume')).toBeHidden();
});
