/**
 * The watchdog: a case whose worker hangs (a busy loop only terminate() can stop) ends as
 * `timeout` within its limit, and the run goes on to the next case.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

test('a hanging case ends as timeout within its limit and the suite goes on', async ({ page }) => {
  // The limit applies to every case: long enough that silero-vad (≥1.5 s of warm-up and measuring
  // in the quick suite) finishes even on a busy machine; 4 s was not (it timed out under load).
  const limitMs = 10_000;
  await page.goto(
    `/?model=ppocr-cls,silero-vad&runtime=ort&backend=wasm&fault=hang:ppocr-cls/ort/wasm&caseTimeout=${limitMs}&autorun=1`,
  );
  const run = await waitForRun(page, 120_000);
  const hung = run.cases.filter((c) => c.model === 'ppocr-cls');
  expect(hung.length).toBeGreaterThan(0);
  for (const c of hung) {
    expect(c.status).toBe('timeout');
    expect(c.error).toContain(`${limitMs} ms`);
    expect(c.wallMs).toBeGreaterThanOrEqual(limitMs - 50);
    expect(c.wallMs).toBeLessThan(limitMs + 2000);
  }
  const after = run.cases.filter((c) => c.model === 'silero-vad');
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((c) => c.status === 'ok')).toBe(true);
});

test('a case that throws is recorded as error with its message, and the run goes on', async ({ page }) => {
  await page.goto('/?model=ppocr-cls&runtime=ort&backend=wasm&fault=throw:ppocr-cls/ort/wasm&autorun=1');
  const run = await waitForRun(page, 90_000);
  expect(run.cases.length).toBeGreaterThan(0);
  for (const c of run.cases) {
    expect(c.status).toBe('error');
    expect(c.error).toBe('injected fault');
  }
});
