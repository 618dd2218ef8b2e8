/**
 * Uploading results: with consent a finished run uploads by itself and links to its stored page;
 * a run that cannot be uploaded stays on the device (IndexedDB) and is uploaded on the next page
 * load with the same id and byte-identical body, so the server stores it exactly once.
 */
import { expect, type Page, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const TINY_RUN = '/?model=ppocr-cls&runtime=ort&backend=wasm&autorun=1';

async function consentBeforeLoad(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
}

async function waitForUpload(page: Page, states: string[]): Promise<string> {
  await page.waitForFunction((wanted) => wanted.includes(window.atlas?.upload?.state ?? ''), states, {
    timeout: 30_000,
    polling: 250,
  });
  return page.evaluate(() => window.atlas.upload?.state ?? '');
}

test('with consent, a finished run uploads by itself and links to its stored page', async ({
  page,
  request,
}) => {
  test.setTimeout(3 * 60_000);
  await consentBeforeLoad(page);
  await page.goto(TINY_RUN);
  await expect(page.locator('#upload-auto')).toBeChecked();
  const run = await waitForRun(page, 2 * 60_000);
  expect(await waitForUpload(page, ['stored', 'failed', 'queued'])).toBe('stored');
  const upload = await page.evaluate(() => window.atlas.upload);
  expect(upload?.url).toMatch(new RegExp(`/runs/${run.id}$`));

  const stored = await request.get(`/api/runs/${run.id}`);
  expect(stored.status()).toBe(200);
  expect(((await stored.json()) as { id: string }).id).toBe(run.id);
  // The server stores the validated record; the page sends exactly that text, so it is kept as sent.
  expect(await stored.text()).toBe(await page.evaluate(() => JSON.stringify(window.atlas.record)));

  const link = page.locator('#upload-status a');
  await expect(page.locator('#upload-status')).toContainText('Stored');
  await expect(link).toHaveText('view this run');
  await expect(link).toHaveAttribute('href', upload?.url ?? '');
  await expect(page.locator('#upload')).toBeHidden();
  await expect(page.locator('#upload-pending')).toBeHidden();
  expect(await page.evaluate(() => window.atlas.upload?.pending)).toBe(0);
  // The link opens the stored run's page.
  const response = await page.goto(upload?.url ?? '');
  expect(response?.status()).toBe(200);
});

test('without consent nothing is sent until the user taps Upload', async ({ page, request }) => {
  test.setTimeout(3 * 60_000);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/runs')) posts.push(r.url());
  });
  await page.goto(TINY_RUN);
  await expect(page.locator('#upload-auto')).not.toBeChecked();
  const run = await waitForRun(page, 2 * 60_000);
  await page.waitForTimeout(500);
  expect(posts).toEqual([]);
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('idle');
  await expect(page.locator('#upload')).toBeEnabled();
  await page.click('#upload');
  expect(await waitForUpload(page, ['stored', 'failed', 'queued'])).toBe('stored');
  expect(posts).toHaveLength(1);
  expect((await request.get(`/api/runs/${run.id}`)).status()).toBe(200);
});

test('a run that cannot be uploaded is kept and uploaded on the next visit, once', async ({
  page,
  request,
}) => {
  test.setTimeout(3 * 60_000);
  await consentBeforeLoad(page);
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/runs')) bodies.push(r.postData() ?? '');
  });
  // Offline for the first run: every upload fails at the network level.
  await page.route('**/api/runs', (route) => route.abort('internetdisconnected'));
  await page.goto(TINY_RUN);
  const run = await waitForRun(page, 2 * 60_000);
  expect(await waitForUpload(page, ['stored', 'failed', 'queued'])).toBe('queued');
  await expect(page.locator('#upload-status')).toContainText('Saved on this device; will retry when online');
  expect(await page.evaluate(() => window.atlas.upload?.pending)).toBe(1);
  expect((await request.get(`/api/runs/${run.id}`)).status()).toBe(404);

  // Still offline on the next visit: the page says a result is waiting.
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.upload?.pending !== undefined, null, { timeout: 30_000 });
  await expect(page.locator('#upload-pending')).toBeVisible();
  await expect(page.locator('#upload-pending')).toContainText('1 result waiting to upload');

  // Back online: the next page load (without a new run) uploads the kept record.
  await page.unroute('**/api/runs');
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.upload?.pending === 0, null, { timeout: 30_000 });
  const stored = await request.get(`/api/runs/${run.id}`);
  expect(stored.status()).toBe(200);
  expect(((await stored.json()) as { id: string }).id).toBe(run.id);
  // The server stores the validated record; the page sends exactly that text, so it is kept as sent.
  expect(await stored.text()).toBe(bodies.at(-1));
  await expect(page.locator('#upload-pending')).toBeHidden();
  // The kept record went up while the page was still probing; no run was started for it.
  await page.waitForFunction(() => window.atlas.state !== 'probing', null, { timeout: 30_000 });
  expect(await page.evaluate(() => window.atlas.state)).toBe('ready');

  // Every attempt sent the same record, byte for byte.
  expect(bodies.length).toBeGreaterThanOrEqual(2);
  expect(new Set(bodies).size).toBe(1);
  expect((JSON.parse(bodies[0] ?? '{}') as { id: string }).id).toBe(run.id);
  // The queue in IndexedDB is empty.
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('atlas-upload-queue');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('runs').objectStore('runs').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
  expect(left).toBe(0);
});

test('an upload whose answer was lost is retried and stored exactly once (200 on the repeat)', async ({
  page,
  request,
}) => {
  test.setTimeout(3 * 60_000);
  await consentBeforeLoad(page);
  const statuses: number[] = [];
  // The server stores the run but the answer never reaches the page.
  await page.route('**/api/runs', async (route) => {
    const response = await route.fetch();
    statuses.push(response.status());
    await route.abort('connectionreset');
  });
  await page.goto(TINY_RUN);
  const run = await waitForRun(page, 2 * 60_000);
  expect(await waitForUpload(page, ['stored', 'failed', 'queued'])).toBe('queued');
  expect(statuses).toEqual([201]);
  expect((await request.get(`/api/runs/${run.id}`)).status()).toBe(200);

  await page.unroute('**/api/runs');
  const answers: number[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/api/runs')) answers.push(r.status());
  });
  await page.click('#upload'); // "Retry now"
  expect(await waitForUpload(page, ['stored', 'failed'])).toBe('stored');
  expect(answers).toEqual([200]);
  const list = (await (await request.get('/api/runs?limit=100')).json()) as { runs: { id: string }[] };
  expect(list.runs.filter((r) => r.id === run.id)).toHaveLength(1);
});
