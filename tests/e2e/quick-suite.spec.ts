/**
 * The foundation's end-to-end test: a person opens the page, taps Run on the quick suite, watches
 * progress, and downloads a valid atlas.run/1 record with real, checked results on ORT and TF.js.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Summary } from '../../src/schema/api.ts';
import { validateRun } from '../../src/schema/run.ts';

test('the quick suite runs in real Chromium, downloads a valid record and is stored and summarised', async ({
  page,
  baseURL,
}) => {
  // The quick suite took 2.3 min on a quiet CI machine and 5.2 min here when the host was slow
  // (every model 2–3× slower): the limit catches a hang, not a slow machine.
  test.setTimeout(11 * 60_000);
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
  await page.goto('/');
  await expect(page.locator('#device-list')).toContainText('Cross-origin isolated');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.locator('#isolation')).toBeHidden();

  await page.selectOption('#suite', 'quick');
  await page.click('#run');
  await expect(page.locator('#progress-bar')).toBeVisible();
  await expect(page.locator('#progress-text')).toContainText(/Case \d+ of \d+/);
  await page.waitForFunction(() => window.atlas.state === 'done' || window.atlas.state === 'failed', null, {
    timeout: 10 * 60_000,
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
    ['ort', 'webgpu'],
    ['tfjs', 'wasm'],
    ['tfjs', 'webgl'],
    ['tfjs', 'webgpu'],
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
