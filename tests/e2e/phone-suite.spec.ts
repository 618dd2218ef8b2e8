/**
 * The default run a stranger gets: the page selects the phone suite, says before Run how many
 * cases it will run and about how long, and on this machine's software GPU gives the GPU cases
 * the short fixed budget, recorded on each case. The CPU cases of the whole suite run here; the
 * ETA after each case stays a sane estimate of what was left (a bound, not a timing goal: the
 * 1.5× figures are in `npm run bench`'s output and the closing notes).
 */
import { expect, test } from '@playwright/test';
import { planRun } from '../../src/app/plan.ts';
import { parseRunParams } from '../../src/measure/params.ts';
import { suiteById } from '../../src/suite/suites.ts';
import { waitForRun } from './helpers.ts';

const phone = suiteById('phone');

test('the page selects the phone suite and runs its CPU cases, each checked, with a steady estimate', async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await page.goto('/?backend=wasm');
  await expect(page.locator('#suite')).toHaveValue('phone');
  await expect(page.locator('#plan-summary')).toContainText(/This run: \d+ cases · about \d/);
  expect((await page.evaluate(() => window.atlas.plan))?.cases).toBe(phone.models.length);
  // Changing the suite updates the line.
  await page.selectOption('#suite', 'quick');
  await expect(page.locator('#plan-summary')).not.toContainText(`${phone.models.length} cases`);
  await page.selectOption('#suite', 'phone');

  const started = Date.now();
  await page.click('#run');
  const run = await waitForRun(page, 7 * 60_000);
  const wallMs = Date.now() - started;
  expect(run.suite).toEqual({ id: 'phone', version: phone.version });
  expect(run.cases.map((c) => c.model)).toEqual(phone.models);
  for (const c of run.cases) expect(`${c.model} ${c.status} ${c.error ?? ''}`).toBe(`${c.model} ok `);
  expect(run.cases.every((c) => c.status === 'ok' && c.check?.ok)).toBe(true);

  // A complete run of the suite's CPU cases has a CPU score, on the page and in the record; the
  // GPU class has none (no GPU case ran) and says why.
  expect(run.score?.version).toBe(`phone-${phone.version}`);
  expect(run.score?.cpu?.models).toBe(phone.models.length);
  expect(run.score?.cpu?.value).toBeGreaterThan(0);
  expect(run.score?.gpu).toBeUndefined();
  expect(run.score?.missing?.gpu).toMatch(/^the run has no GPU case of /);
  await expect(page.locator('.score-tile[data-class="cpu"] .score-value')).toHaveText(
    String(Math.round(run.score?.cpu?.value ?? -1)),
  );
  await expect(page.locator('#fastest-body tr')).toHaveCount(phone.models.length);

  // One estimate after each case; the last says nothing is left. Each estimate of the whole run
  // (time spent + estimated time left) is within 3× of the true wall time — a sanity bound.
  const etas = await page.evaluate(() => window.atlas.etaAfterCase ?? []);
  expect(etas).toHaveLength(run.cases.length);
  expect(etas.at(-1)).toBe(0);
  let spent = 0;
  for (const [i, c] of run.cases.entries()) {
    spent += c.wallMs ?? 0;
    const total = spent + (etas[i] ?? 0);
    expect(total / wallMs, `after case ${i + 1}`).toBeLessThan(3);
    expect(total / wallMs, `after case ${i + 1}`).toBeGreaterThan(1 / 3);
  }
});

test('GPU cases on the software GPU run the short fixed budget and say so', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?backend=webgl&model=blazeface-front,selfie-segmenter-task&autorun=1');
  const run = await waitForRun(page, 2 * 60_000);
  expect(run.env.softwareGpu?.webgl, JSON.stringify(run.env.webglRenderer)).toBe(true);
  expect(run.env.softwareGpu?.why).toMatch(/SwiftShader/);
  expect(run.cases).toHaveLength(2);
  for (const c of run.cases) {
    expect(c.budget, c.model).toBe('software-gpu');
    expect(c.status, c.error).toBe('ok');
    if (c.status === 'ok') expect(c.timings?.warm.n, c.model).toBe(3);
  }
  // The plan the page showed said so before Run.
  await page.goto('/?backend=webgl&model=blazeface-front');
  await expect(page.locator('#plan-summary')).toContainText('on a software GPU with a short budget');
  // ?softwareGpu=full measures them with the suite's budget (planned here; not run, it is slow).
  const planned = planRun(
    parseRunParams(new URLSearchParams('backend=webgl&model=blazeface-front&softwareGpu=full')),
    { ...run.env },
    'http://x/models/',
  );
  expect(planned[0]?.spec.budgetKind).toBeUndefined();
  expect(planned[0]?.spec.budget.minRuns).toBe(phone.budget.minRuns);
});
