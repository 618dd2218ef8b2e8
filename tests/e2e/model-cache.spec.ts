/**
 * The device's model store in real Chromium, counted where it matters, on the server: the page
 * is served by the project's own server (server/main.ts, the same app `npm start` runs) started
 * in this spec, whose HTTP server is watched for every request under /models/ and the status it
 * got (a revalidation answered 304 counts too, which Playwright's own request events report as a
 * 200 and may miss from workers). A first visit downloads each model file once for the whole
 * run; a second visit sends no request for a model file at all; a damaged stored copy is found,
 * downloaded again and the case is still ok; "Clear stored models" empties the store; and a page
 * that is not a secure context (no Cache Storage, no crypto.subtle) still runs from the network,
 * every file still checked, and the record says why nothing was kept.
 */
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../../server/main.ts';
import type { Run } from '../../src/schema/run.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { CHROMIUM_ARGS, findChromium } from '../../tools/browser/chromium.ts';
import { waitForRun } from './helpers.ts';

// `atlas.test` is this machine too: a host name other than localhost over plain http is not a
// secure context, as a phone on a LAN address sees the page (the last test).
const chromium = findChromium();
test.use({
  launchOptions: {
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP atlas.test 127.0.0.1'],
    ...(chromium ? { executablePath: chromium.path } : {}),
  },
});

let server: RunningServer;
/** Requests for model files the server answered, in order: path and status. */
const modelRequests: { path: string; status: number }[] = [];

test.beforeAll(async () => {
  server = await startServer(0, '127.0.0.1', {
    handleSignals: false,
    databaseUrl: 'sqlite::memory:',
    logLevel: 'warn',
    ingestWorkers: 0,
  });
  server.app.server.on('request', (request, response) => {
    const path = new URL(request.url ?? '/', 'http://server').pathname;
    if (!path.startsWith('/models/')) return;
    response.on('finish', () => modelRequests.push({ path, status: response.statusCode }));
  });
});

test.afterAll(async () => {
  await server?.close();
});

const onnx = modelById('blazeface-front-onnx');
const tfjs = modelById('selfie-segmentation-tfjs');

/** Runs the page at `query` (autorun) and returns its record and the model requests it caused. */
async function visit(page: Page, query: string): Promise<{ run: Run; requests: typeof modelRequests }> {
  const from = modelRequests.length;
  await page.goto(`${server.url}/?autorun=1&runs=3&${query}`);
  const run = await waitForRun(page, 100_000);
  // A request still being answered when the run ends would be missed: the server has finished
  // every response by the time the last case has its bytes, but wait a beat for 'finish'.
  await page.waitForTimeout(200);
  return { run, requests: modelRequests.slice(from) };
}

const files = (run: Run) =>
  run.cases.flatMap((c) => (c.modelFiles ?? []).map((f) => ({ ...f, model: c.model })));

test('a second visit sends no request for a model file; the first downloads each file once', async ({
  page,
}) => {
  const query = `model=${onnx.id},${tfjs.id}&backend=wasm`;
  const first = await visit(page, query);
  // ORT's one- and two-thread cases share one file, downloaded once; TF.js's model is two files.
  const paths = [...onnx.files, ...tfjs.files].map((f) => `/models/${f.path}`).sort();
  expect(first.requests.map((r) => `${r.path} ${r.status}`).sort()).toEqual(paths.map((p) => `${p} 200`));
  expect(first.run.cases.map((c) => `${c.model} ${c.runtime} ${c.status}`)).toEqual([
    `${onnx.id} ort ok`,
    `${onnx.id} ort ok`,
    `${tfjs.id} tfjs ok`,
  ]);
  expect(first.run.modelCache).toEqual({ state: 'ok' });
  expect(files(first.run).map((f) => `${f.path} ${f.source}`)).toEqual([
    `${onnx.files[0]?.path} network`,
    `${onnx.files[0]?.path} cache`,
    ...tfjs.files.map((f) => `${f.path} network`),
  ]);

  const second = await visit(page, query);
  expect(second.requests).toEqual([]);
  expect(second.run.cases.every((c) => c.status === 'ok')).toBe(true);
  expect(files(second.run).every((f) => f.source === 'cache' && f.refetched === undefined)).toBe(true);
  for (const c of second.run.cases) {
    expect(c.timings?.verifyMs, `${c.model} verifyMs`).toBeGreaterThanOrEqual(0);
    for (const f of c.modelFiles ?? [])
      expect(f.bytes).toBe(modelById(c.model).files.find((m) => m.path === f.path)?.bytes);
  }
  const models = await page.evaluate(() => window.atlas.models);
  expect(models?.plannedBytes).toBe([...onnx.files, ...tfjs.files].reduce((n, f) => n + f.bytes, 0));
  expect(models?.toDownloadBytes).toBe(0);
  await expect(page.locator('#model-storage-text')).toContainText('all already stored on this device');
});

test('a damaged stored copy is found, downloaded again, and the case is still ok', async ({ page }) => {
  const query = `model=${onnx.id}&backend=wasm`;
  const file = onnx.files[0];
  if (!file) throw new Error('the model has no file');
  await visit(page, query);
  // Same size, one byte changed: only the sha256 can tell.
  const damaged = await page.evaluate(async (sha) => {
    const cache = await caches.open('atlas-models-v1');
    const key = `/atlas-model-cache/sha256/${sha}`;
    const stored = await cache.match(key);
    if (!stored) return false;
    const bytes = new Uint8Array(await stored.arrayBuffer());
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    await cache.put(key, new Response(bytes, { headers: stored.headers }));
    return true;
  }, file.sha256);
  expect(damaged).toBe(true);

  const second = await visit(page, query);
  expect(second.requests.map((r) => `${r.path} ${r.status}`)).toEqual([`/models/${file.path} 200`]);
  const [refetched, after] = second.run.cases;
  expect(refetched?.status).toBe('ok');
  expect(refetched?.modelFiles).toEqual([
    expect.objectContaining({ path: file.path, bytes: file.bytes, source: 'network', refetched: true }),
  ]);
  expect(after?.status).toBe('ok');
  expect(after?.modelFiles).toEqual([expect.objectContaining({ path: file.path, source: 'cache' })]);
  expect(after?.modelFiles?.[0]?.refetched).toBeUndefined();
});

test('the line follows the suite, and "Clear stored models" empties the store', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.atlas?.state === 'ready', null, { timeout: 30_000 });
  await page.selectOption('#suite', 'quick');
  await page.waitForFunction(() => (window.atlas.models?.plannedBytes ?? 0) > 0, null, { timeout: 20_000 });
  const quick = await page.evaluate(() => window.atlas.models?.plannedBytes ?? 0);
  await page.selectOption('#suite', 'full');
  await page.waitForFunction((q) => (window.atlas.models?.plannedBytes ?? 0) > q, quick, { timeout: 20_000 });
  await expect(page.locator('#model-storage-text')).toContainText('none stored on this device yet');

  await visit(page, `model=${onnx.id}&backend=wasm`);
  await page.goto(`${server.url}/?model=${onnx.id}&backend=wasm`);
  await page.waitForFunction(() => window.atlas?.state === 'ready', null, { timeout: 30_000 });
  const text = page.locator('#model-storage-text');
  await expect(text).toContainText('all already stored on this device');
  const clear = page.locator('#model-storage-clear');
  await expect(clear).toBeEnabled();

  // Dismissing the confirmation keeps the files.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await clear.click();
  await expect(text).toContainText('all already stored on this device');
  expect(await page.evaluate(() => window.atlas.models?.storedBytes)).toBe(onnx.files[0]?.bytes);

  page.once('dialog', (dialog) => void dialog.accept());
  await clear.click();
  await expect(text).toContainText('none stored on this device yet');
  const models = await page.evaluate(() => window.atlas.models);
  expect(models?.storedBytes).toBe(0);
  expect(models?.toDownloadBytes).toBe(models?.plannedBytes);
  const entries = await page.evaluate(async () =>
    (await caches.has('atlas-models-v1')) ? (await (await caches.open('atlas-models-v1')).keys()).length : 0,
  );
  expect(entries).toBe(0);
  await expect(clear).toBeDisabled();
});

test.describe('not a secure context', () => {
  test('runs from the network, checks every file, and the record says why nothing was kept', async ({
    page,
  }) => {
    const file = onnx.files[0];
    if (!file) throw new Error('the model has no file');
    const url = `http://atlas.test:${new URL(server.url).port}/?autorun=1&runs=3&model=${onnx.id}&backend=wasm`;
    for (const attempt of [1, 2]) {
      const from = modelRequests.length;
      await page.goto(url);
      const run = await waitForRun(page, 100_000);
      expect(await page.evaluate(() => isSecureContext)).toBe(false);
      expect(run.modelCache?.state).toBe('unavailable');
      expect(run.modelCache?.detail).toContain('secure context');
      const single = run.cases.find((c) => c.options?.threads === 1);
      expect(single?.status, `visit ${attempt}`).toBe('ok');
      expect(single?.modelFiles).toEqual([
        expect.objectContaining({ path: file.path, bytes: file.bytes, source: 'network' }),
      ]);
      expect(single?.timings?.verifyMs).toBeGreaterThanOrEqual(0);
      // Nothing is kept, so every visit asks the server again (a revalidation after the first).
      expect(modelRequests.slice(from).map((r) => r.path)).toEqual([`/models/${file.path}`]);
      await expect(page.locator('#model-storage-text')).toContainText('downloaded each time');
      await expect(page.locator('#model-storage-clear')).toBeDisabled();
    }
  });
});
