/**
 * Drives one benchmark run through the real page in any engine: opens the page with the run's
 * settings in the URL, follows the progress line, and returns the `atlas.run/1` record the page
 * built. The page does the work; this only watches.
 */
import type { RunParams } from '../../src/measure/params.ts';
import { toSearchParams } from '../../src/measure/params.ts';
import { type Run, validateRun } from '../../src/schema/run.ts';
import type { Engine, EnginePage, PageOptions } from './engines/types.ts';

export interface DriveOptions {
  engine: Engine;
  pageUrl: string;
  params: Partial<RunParams>;
  page?: PageOptions;
  onProgress?: (line: string) => void;
  /** Hook run once the page is open, before the run starts (e.g. CPU calibration). */
  beforeRun?: (page: EnginePage) => Promise<Partial<RunParams>>;
  /** Gives up when the page has not finished after this long (default: no limit). */
  timeoutMs?: number;
  /** Gives up when the page has not started the benchmark (`window.atlas`) after this long. */
  pageLoadTimeoutMs?: number;
}

const PAGE_LOAD_TIMEOUT_MS = 60_000;

export class HarnessError extends Error {}

interface PageStatus {
  state?: string;
  error?: string;
  text: string;
}

const STATUS = `({ state: window.atlas?.state, error: window.atlas?.error, text: document.getElementById('progress-text')?.textContent ?? '' })`;

export async function driveRun(options: DriveOptions): Promise<Run> {
  const page = await options.engine.openPage(options.page ?? {});
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
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
    const loadDeadline = Date.now() + (options.pageLoadTimeoutMs ?? PAGE_LOAD_TIMEOUT_MS);
    for (;;) {
      const lost = page.lost();
      if (lost) throw new HarnessError(lost);
      const status = await page.json<PageStatus>(STATUS);
      if (status.state === undefined && Date.now() > loadDeadline)
        throw new HarnessError(
          `${url.origin}${url.pathname} did not load the benchmark page (no window.atlas after ${Math.round((options.pageLoadTimeoutMs ?? PAGE_LOAD_TIMEOUT_MS) / 1000)} s): check --url`,
        );
      if (status.text && status.text !== last) {
        options.onProgress?.(status.text);
        last = status.text;
      }
      if (status.state === 'failed') throw new HarnessError(status.error ?? 'the page reported a failure');
      if (status.state === 'done') break;
      if (Date.now() > deadline)
        throw new HarnessError(`the run did not finish within ${options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const checked = validateRun(await page.json<unknown>('window.atlas.record'));
    if (!checked.ok)
      throw new HarnessError(
        `the page produced an invalid record: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    return checked.run;
  } finally {
    await page.close();
  }
}
