/** Shared steps of the browser tests: wait for a run to finish and read its record. */
import { expect, type Page } from '@playwright/test';
import { type Run, validateRun } from '../../src/schema/run.ts';

export async function waitForRun(page: Page, timeoutMs: number): Promise<Run> {
  await page.waitForFunction(() => window.atlas?.state === 'done' || window.atlas?.state === 'failed', null, {
    timeout: timeoutMs,
    polling: 500,
  });
  expect(await page.evaluate(() => window.atlas.error ?? null)).toBeNull();
  const checked = validateRun(await page.evaluate(() => window.atlas.record));
  if (!checked.ok) throw new Error(`invalid record: ${JSON.stringify(checked.issues)}`);
  return checked.run;
}
