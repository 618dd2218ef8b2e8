/**
 * The dashboard and the run page against the real server: runs posted through the API (two device
 * groups, two runtimes) show up in the counts, the heatmap names the faster runtime per device, the
 * table sorts and filters, the model chart draws an SVG, a stored run has its own page, an empty
 * store and a failing API are said in words, and the page fits a phone's width. Every test uses its
 * own model or device names, so runs other tests store do not disturb it.
 */
import { expect, test } from '@playwright/test';
import type { Summary } from '../../src/schema/api.ts';
import { buildRun } from '../support/records.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  splitResult,
} from '../support/scenario-records.ts';
import { deviceGroupOf, mobilenetCases, post, postThreeEngines, rows, tag } from './dashboard-helpers.ts';
import { watchCsp } from './helpers.ts';

test('posted runs show up in the counts, heatmap, table and chart', async ({ page, request }) => {
  // Observable Plot's SVG (its <style> and style attributes) under the page's policy.
  const csp = await watchCsp(page);
  const t = tag();
  const model = `dash-model-${t}`;
  const other = `dash-other-${t}`;
  const [alpha, beta] = [`Alpha-${t}`, `Beta-${t}`];
  // On Alpha ort·wasm is 3× faster than tfjs·webgl; on Beta tfjs·webgl is 2× faster than ort·wasm.
  for (const scale of [1, 1.1]) {
    await post(
      request,
      buildRun(alpha, [
        { model, runtime: 'ort', backend: 'wasm', medianMs: 10 * scale },
        { model, runtime: 'tfjs', backend: 'webgl', medianMs: 30 * scale },
        { model: other, runtime: 'ort', backend: 'wasm', medianMs: 5 * scale },
      ]),
    );
    await post(
      request,
      buildRun(beta, [
        { model, runtime: 'ort', backend: 'wasm', medianMs: 40 * scale },
        { model, runtime: 'tfjs', backend: 'webgl', medianMs: 20 * scale },
        { model, runtime: 'tfjs', backend: 'webgpu', status: 'unsupported', error: 'no WebGPU adapter' },
      ]),
    );
  }
  const groupA = await deviceGroupOf(request, model, alpha);
  const groupB = await deviceGroupOf(request, model, beta);
  const summary = (await (await request.get('/api/summary')).json()) as Summary;

  await page.goto('/dashboard');
  const runsCount = page.locator('#counts .count', { hasText: 'runs' }).locator('.count-n');
  await expect(runsCount).toHaveText(summary.totals.runs.toLocaleString('en-US'));
  await expect(page.locator('#counts')).toContainText('device groups');

  // Heatmap: each device's cell names its faster runtime and says by how much in its accessible name.
  const cellA = page.getByRole('button', { name: `${model} on ${groupA}` });
  const cellB = page.getByRole('button', { name: `${model} on ${groupB}` });
  await expect(cellA).toContainText('ort · wasm');
  await expect(cellA).toHaveAttribute('aria-label', /runner-up: tfjs · webgl.*3\.0× the best/);
  await expect(cellB).toContainText('tfjs · webgl');
  await expect(cellB).toHaveAttribute('aria-label', /runner-up: ort · wasm.*2\.0× the best/);
  await expect(page.locator('#legend')).toContainText('1×');

  // Comparing against a chosen runtime: on Alpha tfjs·webgl is 3× the best, on Beta it is the best.
  await page.locator('#f-compare').selectOption('tfjs · webgl');
  await expect(cellA).toHaveAttribute('aria-label', /tfjs · webgl, 31\.5 ms, 3\.0× the best/);
  await expect(cellB).toContainText('best');
  await page.locator('#f-compare').selectOption('');

  // Filters narrow the table: this model has two runtimes on two devices.
  await page.locator('#f-model').selectOption(model);
  await expect(rows(page)).toHaveCount(4);
  await expect(page.locator('#table-note')).toHaveText('4 rows.');

  // Sorting by median: ascending, then descending on a second click.
  const medianHeader = page.locator('#results-table th', { hasText: 'Median ms' });
  const medians = async () =>
    (await rows(page).locator('td:nth-child(5)').allTextContents()).map((text) => Number(text));
  await medianHeader.getByRole('button').click();
  await expect(medianHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await medians()).toEqual([10.5, 21, 31.5, 42]);
  await medianHeader.getByRole('button').click();
  await expect(medianHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await medians()).toEqual([42, 31.5, 21, 10.5]);

  // The chart of this model: one SVG per device group, drawn once the section is in view.
  await page.locator('#chart-section').scrollIntoViewIfNeeded();
  await expect(page.locator('#chart-model')).toHaveValue(model);
  await expect(page.locator('#chart figure.facet svg')).toHaveCount(2);
  await expect(page.locator('#chart figure.facet').first()).toContainText(/Alpha|Beta/);

  await page.locator('#f-device').selectOption(groupA);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('#chart figure.facet svg')).toHaveCount(1);
  await page.locator('#f-search').fill('webgl');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('tfjs · webgl');
  // The filters are kept in the address, so the view can be shared.
  expect(new URL(page.url()).searchParams.get('model')).toBe(model);

  // The latest runs link to each run's own page.
  const link = page.locator('#latest a').first();
  await expect(link).toHaveAttribute('href', /^\/runs\/[0-9a-f-]{36}$/);
  expect(csp.violations, 'Content-Security-Policy violations').toEqual([]);
});

/** The zoo's MobileNetV2 in its three formats, one per library, and a faster backend of each. */
test('a stored run has its own page; an unknown id says so', async ({ page, request }) => {
  const t = tag();
  const model = `run-page-${t}`;
  const run = buildRun(`Gamma-${t}`, [
    { model, runtime: 'ort', backend: 'wasm', medianMs: 12.5 },
    { model, runtime: 'ort', backend: 'webgpu', status: 'error', error: 'device lost' },
  ]);
  await post(request, run);
  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('#run-meta')).toContainText(run.id);
  await expect(page.locator('#run-meta')).toContainText('quick');
  await expect(page.locator('#device-list')).toContainText(`Gamma-${t}`);
  await expect(page.locator('#results-body')).toContainText(model);
  await expect(page.locator('#results-body')).toContainText('12.5 ±');
  await expect(page.locator('#results-body tr.reason')).toContainText('device lost');
  const download = page.waitForEvent('download');
  await page.locator('#download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`atlas-run-${run.id}.json`);

  await page.goto(`/runs/${crypto.randomUUID()}`);
  await expect(page.locator('#error')).toContainText('No run with this id');
});

test('an empty store says how to add runs; a failing API shows an error line', async ({ page }) => {
  const empty: Summary = {
    generatedAt: new Date().toISOString(),
    totals: { runs: 0, cases: 0, devices: 0, deviceGroups: 0 },
    groups: [],
  };
  await page.route('**/api/summary', (route) => route.fulfill({ json: empty }));
  await page.goto('/dashboard');
  await expect(page.locator('#empty')).toContainText('No runs yet — run the benchmark at / and upload');
  await expect(page.locator('#content')).toBeHidden();
  await expect(page.locator('#chart svg')).toHaveCount(0);

  await page.unroute('**/api/summary');
  await page.route('**/api/summary', (route) =>
    route.fulfill({ status: 500, json: { error: 'the store is down' } }),
  );
  await page.goto('/dashboard');
  await expect(page.locator('#error')).toBeVisible();
  await expect(page.locator('#error')).toContainText('the store is down');
});

for (const width of [360, 1280]) {
  test(`the dashboard fits a ${width}-px-wide screen`, async ({ page, request }, testInfo) => {
    const t = tag();
    await post(request, {
      ...buildRun(`Delta-${t}`, [
        {
          model: `fit-${t}`,
          runtime: 'ort',
          backend: 'wasm',
          medianMs: 3,
          firstAnswerMs: 1234,
          wasmHeapPeakBytes: 52_000_000,
          modelBytes: 4_000_000,
        },
        {
          model: `fit-${t}`,
          runtime: 'tfjs',
          backend: 'webgl',
          medianMs: 6,
          firstAnswerMs: 400,
          gpuPeakBytes: 9_000_000,
        },
        ...mobilenetCases(),
      ]),
      scenarios: [
        splitResult({ 0: 100, 0.5: 85, 1: 120 }),
        interferenceResult(FLIPPING_LEVELS),
        dynamicResult([
          [0.8, 'fixed', 34],
          [0.8, 'shortest-expected', 40],
        ]),
      ],
    });
    await postThreeEngines(request, `fit-engines-${t}`);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/dashboard');
    await expect(page.locator('.heatmap')).toBeVisible();
    await expect(page.locator('#browser-winners .bw-card').first()).toBeVisible();
    await expect(page.locator('#networks table.network-table').first()).toBeVisible();
    await expect(page.locator('#scenarios .scen-card').first()).toBeVisible();
    await expect(page.locator('#first-answer .bw-card').first()).toBeVisible();
    await expect(page.locator('#memory .bw-card').first()).toBeVisible();
    await page.locator('#chart-section').scrollIntoViewIfNeeded();
    await expect(page.locator('#chart figure.facet svg').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${width}.png`), fullPage: true });
    for (const id of ['first-answer-section', 'memory-section'])
      await page.locator(`#${id}`).screenshot({ path: testInfo.outputPath(`${id}-${width}.png`) });
  });
}
