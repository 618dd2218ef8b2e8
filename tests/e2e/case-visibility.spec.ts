/**
 * The visibility guard of suite cases in the real page: a case during which the page is hidden
 * (the document's visibility is scripted, as a tab switch would make it) is measured again once
 * the page is visible, and the record says so; the other cases are untouched.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

declare global {
  interface Window {
    __hidden?: boolean;
  }
}

test('a case during which the page was hidden is re-measured once it is visible again', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (window.__hidden ? 'hidden' : 'visible'),
    });
  });
  const flip = (hidden: boolean) =>
    page.evaluate((h) => {
      window.__hidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await page.goto('/?model=silero-vad,ppocr-cls&runtime=ort&backend=wasm&runs=30&autorun=1');
  await expect(page.locator('#progress-text')).toContainText('Case 1 of', { timeout: 60_000 });
  await flip(true);
  await page.waitForTimeout(300);
  await flip(false);
  const run = await waitForRun(page, 180_000);
  const [first, ...rest] = run.cases;
  expect(first?.model).toBe('silero-vad');
  expect(first?.status).toBe('ok');
  expect(first?.notes).toContain('re-measured: the page was hidden during the first attempt');
  expect(first?.visibilityLost).toBeUndefined();
  expect(first?.timings?.warm.n).toBe(30);
  expect(rest.length).toBeGreaterThan(0);
  for (const c of rest) {
    expect(c.notes ?? []).not.toContain('re-measured: the page was hidden during the first attempt');
    expect(c.visibilityLost).toBeUndefined();
  }
});
