/**
 * The page works on a 360-px-wide phone screen and on a desktop: nothing overflows the viewport
 * sideways (the results table scrolls inside its own box), and screenshots are kept for review.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

for (const width of [360, 1280]) {
  test(`the page fits a ${width}-px-wide screen before and after a run`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/?model=silero-vad&runtime=ort&backend=wasm,webgl&autorun=1');
    await waitForRun(page, 90_000);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.locator('#results-body tr.reason').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`page-${width}.png`), fullPage: true });
  });
}

test('on a phone, Run is on the first screen and after a run the summary comes first', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/?model=blazeface-front,blazeface-front-onnx&backend=wasm&runs=5');
  await expect(page.locator('#plan-summary')).toContainText('This run: 3 cases');
  const run = page.locator('#run');
  const box = await run.boundingBox();
  expect(box && box.y + box.height).toBeLessThan(740);
  await run.click();
  await expect(page.locator('#summary')).toBeVisible({ timeout: 90_000 });
  const top = (selector: string) =>
    page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  // Score and "fastest here" before the per-case table, the device details and the scenarios.
  expect(await top('#summary')).toBeLessThan(await top('#results'));
  expect(await top('#results')).toBeLessThan(await top('#device-heading'));
  expect(await top('#device-heading')).toBeLessThan(await top('#scenarios-heading'));
  await expect(page.locator('#fastest-body tr')).toHaveCount(2);
  // Two models of the phone suite are not the suite: no score, and the tile says why.
  await expect(page.locator('.score-tile[data-class="cpu"] .score-value')).toHaveText('—');
  await expect(page.locator('.score-tile[data-class="cpu"] .score-note')).toContainText(
    'the run has no CPU case of',
  );
  await page.screenshot({ path: testInfo.outputPath('summary-360.png'), fullPage: true });
});

test('the methodology page renders the written procedure', async ({ page }) => {
  await page.goto('/');
  await page.click('text=How we measure');
  await expect(page.locator('#doc h1')).toContainText('methodology', { ignoreCase: true });
  await expect(page.locator('#doc ol').first()).toBeVisible();
});
