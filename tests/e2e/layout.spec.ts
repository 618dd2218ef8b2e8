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

test('the methodology page renders the written procedure', async ({ page }) => {
  await page.goto('/');
  await page.click('text=How we measure');
  await expect(page.locator('#doc h1')).toContainText('methodology', { ignoreCase: true });
  await expect(page.locator('#doc ol').first()).toBeVisible();
});
