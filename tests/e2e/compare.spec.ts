/**
 * What the visitor gets back after an upload, in real Chromium against the real server: the
 * page's own phone-suite run (its CPU cases, which give it a CPU score) is uploaded into a store
 * holding two other device groups with scores and a run of a device like this one, and
 * `#compare` then says where the score falls among device groups and, per model, the fastest here
 * next to the fastest on similar devices. The dashboard lists the scores and the run's page shows
 * its score and comparison. A comparison the server cannot give leaves one quiet line. Other specs
 * may store runs in the same store: the assertions read the answer's numbers, not fixed counts.
 */
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { classSentence } from '../../src/report/compare-view.ts';
import type { Comparison, ScoreGroups } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { scoredRun } from '../support/score-records.ts';
import { waitForRun } from './helpers.ts';

async function post(request: APIRequestContext, run: Run): Promise<void> {
  const response = await request.post('/api/runs', { data: run });
  expect(response.status(), await response.text()).toBe(201);
}

async function waitForUpload(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['stored', 'failed', 'queued'].includes(window.atlas?.upload?.state ?? ''),
    null,
    {
      timeout: 30_000,
    },
  );
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('stored');
}

/** The page's record again under a new id, every case twice as slow: a run of this same device. */
function sameDeviceRun(run: Run): Run {
  return {
    ...run,
    id: randomUUID(),
    cases: run.cases.map((c) =>
      c.status === 'ok' && c.timings
        ? {
            ...c,
            timings: { ...c.timings, warm: { ...c.timings.warm, medianMs: c.timings.warm.medianMs * 2 } },
          }
        : c,
    ),
  };
}

test('after its upload, a phone-suite run says how it compares with other devices', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(10 * 60_000);
  const t = Math.random().toString(36).slice(2, 8);
  const [fast, slow] = [`Fast-${t}`, `Slow-${t}`];
  // Two other device groups, far above and far below any real device.
  await post(request, scoredRun(fast, { cpu: 1e-3 }));
  await post(request, scoredRun(slow, { cpu: 1e3 }));

  await page.goto('/?backend=wasm');
  await expect(page.locator('#upload-auto')).not.toBeChecked();
  await page.click('#run');
  const run = await waitForRun(page, 8 * 60_000);
  expect(run.suite.id).toBe('phone');
  await expect(page.locator('#compare')).toBeHidden();
  // A run of this same device (same OS and GPU vendor) stored before this one.
  await post(request, sameDeviceRun(run));

  await page.click('#upload');
  await waitForUpload(page);
  const compare = page.locator('#compare');
  await expect(compare).toHaveAttribute('data-state', 'shown', { timeout: 30_000 });

  const answer = (await (await request.get(`/api/compare?run=${run.id}`)).json()) as Comparison;
  const cpu = answer.classes.cpu;
  expect(cpu, JSON.stringify(answer.missing)).toBeDefined();
  if (!cpu) return;
  expect(cpu.otherGroups).toBeGreaterThanOrEqual(2);
  expect(cpu.percentile).not.toBeNull();
  await expect(compare.locator('[data-class="cpu"] .compare-headline')).toHaveText(classSentence('cpu', cpu));
  await expect(compare.locator('[data-class="cpu"] .compare-headline')).toContainText(
    /^CPU score \d+ — faster than \d+% of \d+ other device groups \(\d+ runs, \d+ devices?\)\.$/,
  );
  await expect(compare.locator('[data-class="cpu"] .compare-detail')).toContainText(
    /Nearest: above .+ \(\d+\)/,
  );
  // No GPU case ran: the GPU class says why it has nothing to compare.
  await expect(compare.locator('[data-class="gpu"]')).toContainText('GPU: nothing to compare');

  // Per model: the fastest here, and the fastest on similar devices (the run stored above).
  const models = [...new Set(run.cases.map((c) => c.model))];
  const rows = compare.locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(models.length);
  await expect(compare.locator('thead th').nth(1)).toHaveText(`On similar devices (${answer.similar.label})`);
  for (let i = 0; i < models.length; i++) {
    await expect(compare.locator('tbody tr.compare-model').nth(i)).toHaveText(models[i] as string);
    await expect(rows.nth(i)).toHaveAttribute('data-model', models[i] as string);
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toContainText(/· wasm.* [\d.,]+ ms$/);
    await expect(cells.nth(1)).toContainText(/· wasm.* [\d.,]+ ms \(\d+ runs?\)$/);
  }

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(scroll, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.locator('#summary').screenshot({ path: testInfo.outputPath(`compare-${width}.png`) });
  }

  // The dashboard: the run's score in the latest runs, the two groups in the score table.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/dashboard');
  const scores = page.locator('#scores');
  const table = (await (await request.get('/api/scores')).json()) as ScoreGroups;
  const fastGroup = table.groups.find((g) => g.deviceGroup.startsWith(fast));
  expect(fastGroup?.cpu?.score).toBe(100_000);
  await expect(scores.locator(`tr[data-group="${fastGroup?.deviceGroup}"]`)).toContainText('100000 (1 run)');
  await expect(scores.locator(`tr[data-group^="${slow}"]`)).toContainText('0 (1 run)');
  await expect(page.locator('#latest')).toContainText(`score CPU ${Math.round(cpu.score)} · GPU —`);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page
      .locator('#scores-section')
      .screenshot({ path: testInfo.outputPath(`dashboard-scores-${width}.png`) });
  }

  // The stored run's page: its score and the same comparison.
  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('#run-meta')).toContainText(`CPU ${Math.round(cpu.score)} · GPU —`);
  await expect(page.locator('#compare [data-class="cpu"] .compare-headline')).toHaveText(
    classSentence('cpu', cpu),
  );
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`run-page-${width}.png`), fullPage: true });
  }
});

test('when the server cannot compare, one quiet line says so and the rest of the page stands', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  await page.route(
    (url) => url.pathname === '/api/compare',
    (route) => route.abort(),
  );
  await page.goto('/?model=ppocr-cls&runtime=ort&backend=wasm&autorun=1');
  await waitForRun(page, 2 * 60_000);
  await waitForUpload(page);
  const compare = page.locator('#compare');
  await expect(compare).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(compare).toHaveText('Could not compare this run with other devices just now.');
  await expect(page.locator('#summary-body table')).toBeVisible();
  await expect(page.locator('#upload-status')).toContainText('Stored');
  await expect(page.locator('#error')).toBeHidden();
});
