/**
 * Contributors own their data (issue 16): after an upload the page keeps the run's deletion token
 * in this browser and offers "Delete this result"; deleting removes the run from the server (GET
 * → 404), even after a reload of the page. The consent box links to the privacy page, served at
 * `/privacy` too.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const TINY_RUN = '/?model=ppocr-cls&runtime=ort&backend=wasm&autorun=1';

test('a contributor deletes their uploaded result from the page', async ({ page, request }) => {
  test.setTimeout(3 * 60_000);
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto(TINY_RUN);
  const run = await waitForRun(page, 2 * 60_000);
  await page.waitForFunction(() => window.atlas?.upload?.deletable === true, undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('stored');
  expect((await request.get(`/api/runs/${run.id}`)).status()).toBe(200);

  // The token is in this browser's IndexedDB, not in localStorage or the record.
  const kept = await page.evaluate(
    (id) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('atlas-delete-tokens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result
            .transaction('tokens')
            .objectStore('tokens')
            .get(`${location.origin}/api/runs/${id}`);
          get.onsuccess = () => resolve(get.result as string | undefined);
          get.onerror = () => reject(get.error);
        };
      }),
    run.id,
  );
  expect(kept).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const remove = page.locator('#upload-delete');
  await expect(remove).toBeVisible();
  await expect(remove).toHaveText('Delete this result');
  await remove.click();
  await expect(page.locator('#upload-status')).toHaveText('Deleted from the results server.');
  expect(dialogs).toEqual([expect.stringMatching(/^Delete this result from .+\? This cannot be undone\.$/)]);
  await expect(remove).toBeHidden();
  expect((await request.get(`/api/runs/${run.id}`)).status()).toBe(404);
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('deleted');
});

test('the consent box links to the privacy page, also served at /privacy', async ({ page }) => {
  await page.goto('/');
  const link = page.locator('label.consent a');
  await expect(link).toHaveText('What is stored, for how long, and how to delete it');
  await link.click();
  await expect(page.locator('#doc h1')).toHaveText('Privacy: what a results server keeps');
  await expect(page.locator('#deleting-your-result')).toBeVisible();
  // Following the link does not tick the consent box it sits in.
  await page.goBack();
  await expect(page.locator('#consent')).not.toBeChecked();
  const direct = await page.goto('/privacy');
  expect(direct?.status()).toBe(200);
  await expect(page.locator('#doc h1')).toHaveText('Privacy: what a results server keeps');
});
