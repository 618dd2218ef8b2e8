/**
 * A phone that kills the tab mid-run, in real Chromium: the page reloads itself while the second
 * of three cases runs (`?fault=crash:…`, as if the tab had been killed for memory). The reloaded
 * page offers to continue the interrupted run — autorun does not start over it — and continuing
 * records that case `crashed`, keeps the first, runs the third, and uploads a record that says it
 * was continued. `?resume=1` continues without asking; Discard forgets the run. And the screen
 * wake lock: asked for while a run goes on, let go at the end, and what happened is in the record.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Run } from '../../src/schema/run.ts';
import { waitForRun } from './helpers.ts';

declare global {
  interface Window {
    __wakeLock?: { requests: number; sentinels: WakeLockSentinel[] };
  }
}

const MODELS = 'blazeface-front,blazeface-back,selfie-segmentation-tfjs';
const CRASH = 'fault=crash:blazeface-back/tfjs/wasm';
const RUN = `/?autorun=1&model=${MODELS}&backend=wasm&runs=3&${CRASH}`;

/** Every request for the screen wake lock, and every lock granted (the real API, watched). */
async function watchWakeLock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const api = navigator.wakeLock;
    if (!api) return;
    const seen = { requests: 0, sentinels: [] as WakeLockSentinel[] };
    window.__wakeLock = seen;
    const request = api.request.bind(api);
    api.request = async (type) => {
      seen.requests++;
      const sentinel = await request(type);
      seen.sentinels.push(sentinel);
      return sentinel;
    };
  });
}

function journalEntries(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('atlas-run-journal');
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.result.createObjectStore('runs');
        open.onsuccess = () => {
          const count = open.result.transaction('runs').objectStore('runs').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** Loads `url`, which crashes in case 2; resolves once the reloaded page is ready again. */
async function crashInCaseTwo(page: Page, url: string): Promise<{ loads: () => number }> {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(url);
  await expect.poll(() => loads, { timeout: 120_000 }).toBe(2);
  return { loads: () => loads };
}

function expectContinuedRecord(run: Run): void {
  expect(run.cases.map((c) => [c.model, c.runtime, c.backend, c.status])).toEqual([
    ['blazeface-front', 'tfjs', 'wasm', 'ok'],
    ['blazeface-back', 'tfjs', 'wasm', 'crashed'],
    ['selfie-segmentation-tfjs', 'tfjs', 'wasm', 'ok'],
  ]);
  const [first, crashed, third] = run.cases;
  expect(crashed?.error).toBe(
    'the page was closed or crashed while this case ran (likely out of memory); it was not run again',
  );
  expect(crashed).not.toHaveProperty('timings');
  expect(first?.timings?.warm.n).toBe(3);
  expect(third?.timings?.warm.n).toBe(3);
  expect(run.resumedAt).toHaveLength(1);
  // The record is the run's: it started before the crash and was continued after it.
  expect(Date.parse(run.createdAt)).toBeLessThan(Date.parse(run.resumedAt?.[0] ?? ''));
}

test('after a crash in case 2 the page offers to continue; continuing records it crashed, runs case 3 and uploads', async ({
  page,
  request,
}) => {
  test.setTimeout(5 * 60_000);
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  const { loads } = await crashInCaseTwo(page, RUN);

  const banner = page.locator('#resume');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('A run was interrupted.');
  await expect(banner).toContainText('while case 2 of 3 ran (blazeface-back · tfjs · wasm)');
  await expect(banner).toContainText('1 of 3 cases done');
  await expect(banner).toContainText(
    'Continuing keeps the results so far, records that case as crashed and skips it, then runs the remaining 1 case.',
  );
  // `?autorun=1` is still in the URL, but nothing started over the interrupted run.
  expect(await page.evaluate(() => window.atlas.state)).toBe('ready');
  expect(await page.evaluate(() => window.atlas.interrupted)).toMatchObject({
    casesDone: 1,
    casesPlanned: 3,
    where: 'case 2',
  });
  expect(await journalEntries(page)).toBe(1);

  await page.getByRole('button', { name: 'Continue the interrupted run' }).click();
  await expect(banner).toBeHidden();
  const run = await waitForRun(page, 3 * 60_000);
  expectContinuedRecord(run);
  expect(loads()).toBe(2); // the crash fired once: the crashed case was not run again
  await expect(page.locator('#results-body tr[data-status]')).toHaveCount(3);
  await expect(page.locator('#results-body tr[data-status="crashed"] .status')).toHaveText('crashed');
  await expect(page.locator('#results-body')).toContainText('closed or crashed while this case ran');
  await expect(page.locator('#progress-text')).toContainText(
    '(continued after the page was closed or crashed)',
  );
  expect(await journalEntries(page)).toBe(0);

  // Uploaded as usual, crashed case included.
  await page.waitForFunction(
    () => ['stored', 'failed', 'queued'].includes(window.atlas.upload?.state ?? ''),
    null,
    {
      timeout: 30_000,
    },
  );
  expect(await page.evaluate(() => window.atlas.upload?.state)).toBe('stored');
  const stored = await request.get(`/api/runs/${run.id}`);
  expect(stored.status()).toBe(200);
  const back = (await stored.json()) as Run;
  expect(back.cases.map((c) => c.status)).toEqual(['ok', 'crashed', 'ok']);
  expect(back.resumedAt).toEqual(run.resumedAt);

  // The stored run's page shows the crashed case and that the run was continued.
  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('#results-body tr[data-status="crashed"] .status')).toHaveText('crashed');
  await expect(page.locator('#run-meta')).toContainText(
    'the page was closed or crashed and the run continued once (1 case crashed, not re-run)',
  );

  // Nothing is offered on the next visit.
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.state === 'ready');
  await expect(banner).toBeHidden();
});

test('with ?resume=1 the reloaded page continues by itself, and lets the screen sleep at the end', async ({
  page,
}) => {
  test.setTimeout(5 * 60_000);
  await watchWakeLock(page);
  await crashInCaseTwo(page, `${RUN}&resume=1`);
  const run = await waitForRun(page, 3 * 60_000);
  expectContinuedRecord(run);
  // What the browser answered in this page decides what the record must say.
  const seen = await page.evaluate(() => {
    const watched = window.__wakeLock;
    return watched
      ? {
          requests: watched.requests,
          granted: watched.sentinels.length,
          released: watched.sentinels.every((s) => s.released),
        }
      : null;
  });
  expect(seen, 'this Chromium has the Wake Lock API').not.toBeNull();
  expect(seen?.requests).toBe(1);
  expect(run.wakeLock).toBe(seen?.granted === 1 ? 'held' : 'refused');
  expect(seen?.released).toBe(true);
  expect(await journalEntries(page)).toBe(0);
});

test('Discard forgets the interrupted run', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await crashInCaseTwo(page, RUN);
  const banner = page.locator('#resume');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(() => journalEntries(page)).toBe(0);
  expect(await page.evaluate(() => window.atlas.state)).toBe('ready');
  expect(await page.evaluate(() => window.atlas.interrupted ?? null)).toBeNull();
});

test('an interrupted run older than 24 hours is discarded with a message instead of offered', async ({
  page,
}) => {
  await page.goto('/');
  await page.waitForFunction(() => window.atlas?.state === 'ready');
  // What a run started two days ago and lost in its first case left behind.
  await page.evaluate(
    (startedAt) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('atlas-run-journal');
        open.onupgradeneeded = () => open.result.createObjectStore('runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const id = crypto.randomUUID();
          const tx = open.result.transaction('runs', 'readwrite');
          tx.objectStore('runs').put(
            {
              journal: 1,
              id,
              appVersion: '0.1.0',
              suite: { id: 'quick', version: '3' },
              params: { suite: 'quick', models: ['blazeface-front'], scenarios: [] },
              startedAt,
              updatedAt: startedAt,
              plan: ['blazeface-front|tfjs|wasm|{}'],
              cases: [],
              scenarios: [],
              current: {
                kind: 'case',
                index: 0,
                model: 'blazeface-front',
                runtime: 'tfjs',
                backend: 'wasm',
                options: {},
              },
              resumedAt: [],
            },
            id,
          );
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    new Date(Date.now() - 48 * 3_600_000).toISOString(),
  );
  expect(await journalEntries(page)).toBe(1);
  await page.reload();
  const banner = page.locator('#resume');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('An interrupted run (started ');
  await expect(banner).toContainText('0 of 1 case done) was discarded: it started more than 24 hours ago.');
  await expect(page.getByRole('button', { name: 'Continue the interrupted run' })).toHaveCount(0);
  expect(await page.evaluate(() => window.atlas.discardedRuns?.length)).toBe(1);
  expect(await journalEntries(page)).toBe(0);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(banner).toBeHidden();
});

test('the screen wake lock is asked for while a run goes on and let go when it ends', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await watchWakeLock(page);
  await page.goto('/?autorun=1&model=blazeface-front&backend=wasm&runs=20');
  await page.waitForFunction(() => window.atlas?.state === 'running' && window.atlas.wakeLock !== undefined);
  const during = await page.evaluate(() => ({
    granted: window.__wakeLock?.sentinels.length ?? 0,
    active: window.__wakeLock?.sentinels.some((s) => !s.released) ?? false,
    page: window.atlas.wakeLock,
  }));
  const run = await waitForRun(page, 2 * 60_000);
  const after = await page.evaluate(() => ({
    released: window.__wakeLock?.sentinels.every((s) => s.released),
    page: window.atlas.wakeLock,
  }));
  // Granted here or not, the record says what happened, and nothing holds the lock afterwards.
  expect(run.wakeLock).toBe(during.granted ? 'held' : 'refused');
  expect(during.active).toBe(during.granted > 0);
  expect(during.page).toEqual({ state: run.wakeLock, active: during.granted > 0 });
  expect(after).toEqual({ released: true, page: { state: run.wakeLock, active: false } });
  console.log(`wake lock in this Chromium: ${run.wakeLock}`);
});
