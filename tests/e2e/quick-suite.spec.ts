/**
 * The foundation's end-to-end test: a person opens the page, taps Run on the quick suite, watches
 * progress, and downloads a valid atlas.run/1 record with real, checked results on all four
 * libraries — every model of the default suite has an ok case whose output check passed, and the
 * task checks hold (the OCR recogniser reads the rendered text). On this 2-core machine with a
 * software GPU the run is limited to the WASM backends by the page's `backend` link setting (and
 * ten runs a case);
 * gpu-backends.spec.ts covers WebGL and WebGPU on a few models, cold-start.spec.ts TF.js's plain
 * JavaScript `cpu` backend (the slowest of all, minutes over the whole suite on this machine).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Summary } from '../../src/schema/api.ts';
import { validateRun } from '../../src/schema/run.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { suiteById } from '../../src/suite/suites.ts';

test('the quick suite runs in real Chromium, downloads a valid record and is stored and summarised', async ({
  page,
  baseURL,
}) => {
  // 28 models on the WASM backends: the limit catches a hang, not a slow machine (the host's speed
  // varies 2–3× from one day to the next).
  test.setTimeout(16 * 60_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1').host;
  // Libraries, their .wasm/.mjs files and models must all come from our own origin, never a CDN.
  const foreign: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== origin) {
      foreign.push(request.url());
    }
  });
  // The person ticked the device-details consent box on an earlier visit, so Upload is on.
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  // Ten measured runs per case (`runs=10`, the suite's minimum): the test asserts correctness and
  // ≥ 10 samples, so the adaptive rule's extra runs up to its time budget only cost CI time (the
  // rule is tested in tests/unit).
  await page.goto('/?backend=wasm&runs=10');
  await expect(page.locator('#device-list')).toContainText('Cross-origin isolated');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.locator('#isolation')).toBeHidden();

  await page.selectOption('#suite', 'quick');
  await page.click('#run');
  await expect(page.locator('#progress-bar')).toBeVisible();
  await expect(page.locator('#progress-text')).toContainText(/Case \d+ of \d+/);
  await page.waitForFunction(() => window.atlas.state === 'done' || window.atlas.state === 'failed', null, {
    timeout: 15 * 60_000,
    polling: 1000,
  });
  expect(await page.evaluate(() => window.atlas.error ?? null)).toBeNull();

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const checked = validateRun(JSON.parse(await readFile(await download.path(), 'utf8')));
  expect(checked.ok, JSON.stringify(checked.ok ? [] : checked.issues)).toBe(true);
  if (!checked.ok) return;
  const run = checked.run;

  expect(run.env.crossOriginIsolated).toBe(true);
  expect(run.suite.id).toBe('quick');
  // ORT's wasm backend really ran multi-threaded.
  const threaded = run.cases.filter(
    (c) => c.runtime === 'ort' && c.backend === 'wasm' && Number(c.options?.threads) > 1,
  );
  expect(threaded.some((c) => c.status === 'ok')).toBe(true);

  for (const [runtime, backend] of [
    ['ort', 'wasm'],
    ['tfjs', 'wasm'],
    ['litert', 'wasm'],
    ['mediapipe', 'wasm'],
  ]) {
    const good = run.cases.filter(
      (c) =>
        c.runtime === runtime &&
        c.backend === backend &&
        c.status === 'ok' &&
        c.check?.ok &&
        (c.timings?.warm.n ?? 0) >= 10,
    );
    expect(good.length, `${runtime}/${backend} has an ok, checked case with ≥10 samples`).toBeGreaterThan(0);
  }
  // LiteRT.js wasm and MediaPipe each run at least three models correctly.
  for (const runtime of ['litert', 'mediapipe']) {
    const models = new Set(
      run.cases.filter((c) => c.runtime === runtime && c.status === 'ok' && c.check?.ok).map((c) => c.model),
    );
    expect(models.size, `${runtime} models ok`).toBeGreaterThanOrEqual(3);
  }
  // Every model of the default suite ran.
  expect(new Set(run.cases.map((c) => c.model))).toEqual(new Set(suiteById('quick').models));
  // Task checks: every model that has one passes it on some case; the recogniser reads the text.
  for (const model of MODELS.filter((m) => m.taskCheck && suiteById('quick').models.includes(m.id))) {
    expect(
      run.cases.some((c) => c.model === model.id && c.status === 'ok' && c.taskCheck?.ok),
      `${model.id} passes its task check`,
    ).toBe(true);
  }
  const rec = run.cases.filter((c) => c.model === 'ppocr-rec' && c.status === 'ok');
  expect(rec.length).toBeGreaterThan(0);
  for (const c of rec) expect(c.taskCheck?.detail).toBe('read "ATLAS 2026"');
  const recCell = page
    .locator('#results-body tr[data-status="ok"]', { hasText: 'ppocr-rec' })
    .first()
    .locator('td:last-child');
  await expect(recCell).toContainText('task ✓');
  await expect(recCell).toHaveAttribute('title', 'read "ATLAS 2026"');
  // Every model of the suite has at least one ok case whose output check passed.
  for (const model of new Set(run.cases.map((c) => c.model))) {
    expect(
      run.cases.some((c) => c.model === model && c.status === 'ok' && c.check?.ok),
      `${model} has an ok, checked case`,
    ).toBe(true);
  }
  for (const c of run.cases.filter((c) => c.status !== 'ok')) {
    expect(c.error, `${c.model} ${c.runtime}/${c.backend} says why it is ${c.status}`).toBeTruthy();
  }
  expect(foreign, 'requests to other origins').toEqual([]);
  // Every case is in the table, and every non-ok case shows its reason.
  await expect(page.locator('#results-body tr[data-status]')).toHaveCount(run.cases.length);
  await expect(page.locator('#results-body tr.reason')).toHaveCount(
    run.cases.filter((c) => c.status !== 'ok').length,
  );

  // The run was uploaded to this server, and the summary and the dashboard show it.
  await page.waitForFunction(() => window.atlas.upload?.state === 'stored', null, { timeout: 30_000 });
  const stored = await page.request.get(`/api/runs/${run.id}`);
  expect(stored.status()).toBe(200);
  const summary = (await (await page.request.get('/api/summary')).json()) as Summary;
  const okModels = [...new Set(run.cases.filter((c) => c.status === 'ok').map((c) => c.model))];
  for (const model of okModels) {
    expect(
      summary.groups.some((g) => g.model === model && g.entries.length > 0),
      `${model} in /api/summary`,
    ).toBe(true);
  }
  await page.goto('/dashboard');
  for (const model of okModels) await expect(page.locator('main')).toContainText(model);
});
