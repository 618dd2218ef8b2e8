/**
 * The foundation's end-to-end test: a person opens the page, taps Run on the quick suite, watches
 * progress, and downloads a valid atlas.run/1 record with real, checked results on ORT and TF.js.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { validateRun } from '../../src/schema/run.ts';

test('the quick suite runs in real Chromium and downloads a valid record', async ({ page, baseURL }) => {
  test.setTimeout(6 * 60_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1').host;
  // Libraries, their .wasm/.mjs files and models must all come from our own origin, never a CDN.
  const foreign: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== origin) {
      foreign.push(request.url());
    }
  });
  await page.goto('/');
  await expect(page.locator('#device-list')).toContainText('Cross-origin isolated');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.locator('#isolation')).toBeHidden();

  await page.selectOption('#suite', 'quick');
  await page.click('#run');
  await expect(page.locator('#progress-bar')).toBeVisible();
  await expect(page.locator('#progress-text')).toContainText(/Case \d+ of \d+/);
  await page.waitForFunction(() => window.atlas.state === 'done' || window.atlas.state === 'failed', null, {
    timeout: 5.5 * 60_000,
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
  for (const c of run.cases.filter((c) => c.status !== 'ok')) {
    expect(c.error, `${c.model} ${c.runtime}/${c.backend} says why it is ${c.status}`).toBeTruthy();
  }
  expect(foreign, 'requests to other origins').toEqual([]);
  // Every case is in the table, and every non-ok case shows its reason.
  await expect(page.locator('#results-body tr[data-status]')).toHaveCount(run.cases.length);
  await expect(page.locator('#results-body tr.reason')).toHaveCount(
    run.cases.filter((c) => c.status !== 'ok').length,
  );
});
