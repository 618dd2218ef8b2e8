/**
 * Drives one benchmark run through the real page in Chromium: opens the page with the run's
 * settings in the URL, follows the progress line, and returns the `atlas.run/1` record the page
 * built. The page does the work; this only watches.
 */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { RunParams } from '../../src/measure/params.ts';
import { toSearchParams } from '../../src/measure/params.ts';
import { type Run, validateRun } from '../../src/schema/run.ts';

export interface DriveOptions {
  browser: Browser;
  pageUrl: string;
  params: Partial<RunParams>;
  context: BrowserContextOptions;
  onProgress?: (line: string) => void;
  /** Hook run once the page is open, before the run starts (e.g. CPU calibration). */
  beforeRun?: (page: import('playwright-core').Page) => Promise<Partial<RunParams>>;
}

export class HarnessError extends Error {}

export async function driveRun(options: DriveOptions): Promise<Run> {
  const context = await options.browser.newContext(options.context);
  const page = await context.newPage();
  let crashed: string | undefined;
  page.on('crash', () => {
    crashed = 'the page crashed';
  });
  try {
    let params = options.params;
    if (options.beforeRun) {
      await page.goto('about:blank');
      params = { ...params, ...(await options.beforeRun(page)) };
    }
    const url = new URL(options.pageUrl);
    url.search = toSearchParams({ ...params, autorun: true, source: 'automation' }).toString();
    await page.goto(url.href);
    let last = '';
    for (;;) {
      if (crashed) throw new HarnessError(crashed);
      const status = await page.evaluate(() => ({
        state: window.atlas?.state,
        error: window.atlas?.error,
        text: document.getElementById('progress-text')?.textContent ?? '',
      }));
      if (status.text && status.text !== last) {
        options.onProgress?.(status.text);
        last = status.text;
      }
      if (status.state === 'failed') throw new HarnessError(status.error ?? 'the page reported a failure');
      if (status.state === 'done') break;
      await page.waitForTimeout(500);
    }
    const record: unknown = await page.evaluate(() => window.atlas.record);
    const checked = validateRun(record);
    if (!checked.ok)
      throw new HarnessError(
        `the page produced an invalid record: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    return checked.run;
  } finally {
    await context.close();
  }
}
