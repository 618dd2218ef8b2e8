/**
 * Without cross-origin isolation the page says so plainly and records multi-threaded WASM as
 * unsupported (with the reason) instead of silently running it single-threaded.
 */
import { expect, type Page, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

/** Every response of the page's origin reaches it without COOP/COEP (as from a host that sets no headers). */
async function serveWithoutIsolation(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
}

// A browser that cannot use the static build's isolating service worker (as in private windows).
test.use({ serviceWorkers: 'block' });

test('a page served without COOP/COEP shows the cost and skips threaded WASM', async ({ page }) => {
  await serveWithoutIsolation(page);
  await page.goto('/?model=ppocr-cls&runtime=ort&backend=wasm&autorun=1');
  await expect(page.locator('#isolation')).toBeVisible();
  await expect(page.locator('#isolation')).toContainText('not cross-origin isolated');
  const run = await waitForRun(page, 90_000);
  expect(run.env.crossOriginIsolated).toBe(false);
  const single = run.cases.find((c) => c.options?.threads === 1);
  const multi = run.cases.find((c) => Number(c.options?.threads) > 1);
  expect(single?.status).toBe('ok');
  expect(multi?.status).toBe('unsupported');
  expect(multi?.error).toMatch(/cross-origin-isolated/);
});

test('the page says why it stays unisolated: blocked service workers, or none at all', async ({ page }) => {
  await serveWithoutIsolation(page);
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.isolation !== undefined);
  expect(await page.evaluate(() => window.atlas.isolation)).toEqual({
    step: 'unavailable',
    why: 'the isolating service worker did not start (the browser installs no service worker here)',
  });
  // A secure page in a browser without service workers (as some private windows are).
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined }),
  );
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.isolation !== undefined);
  expect(await page.evaluate(() => window.atlas.isolation)).toEqual({
    step: 'unavailable',
    why: 'this browser offers no service workers here',
  });
  await expect(page.locator('#isolation')).toContainText('this browser offers no service workers here');
});
