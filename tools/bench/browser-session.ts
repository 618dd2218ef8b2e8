/**
 * The setup every bench tool shares: a page URL (the local production build served in-process, or
 * `--url`) and a system Chromium launched with the project's flags, optionally through a CPU
 * throttle wrapper. Everything is closed again when the work is done, whatever happens.
 */
import { type Browser, chromium } from 'playwright-core';
import { ROOT, startServer } from '../../server/main.ts';
import { CHROMIUM_ARGS, describeMissingChromium, findChromium } from '../browser/chromium.ts';
import { buildIfStale } from '../build-if-stale.ts';
import { HarnessError } from './drive.ts';
import { type CpuThrottle, cpuThrottleUnavailableReason, createCpuThrottle } from './throttle.ts';

export interface BrowserSession {
  browser: Browser;
  /** URL of the benchmark page's folder, ending in `/`. */
  baseUrl: string;
  chromiumPath: string;
  throttle: CpuThrottle | undefined;
}

export async function withBrowserSession<T>(
  options: { url?: string | undefined; cpuThrottle?: number | undefined; log: (line: string) => void },
  work: (session: BrowserSession) => Promise<T>,
): Promise<T> {
  const found = findChromium();
  if (!found) throw new HarnessError(describeMissingChromium());
  let baseUrl = options.url;
  let closeServer: (() => Promise<void>) | undefined;
  if (!baseUrl) {
    await buildIfStale(ROOT, options.log);
    // A throwaway store: the bench submits with --submit, never to its own page server.
    const server = await startServer(0, '127.0.0.1', {
      handleSignals: false,
      databaseUrl: 'sqlite::memory:',
      // Its request log would bury the progress lines; nothing is posted to it.
      logLevel: 'warn',
      ingestWorkers: 0,
    });
    baseUrl = `${server.url}/`;
    closeServer = () => server.close();
  }
  let throttle: CpuThrottle | undefined;
  try {
    if (options.cpuThrottle !== undefined) {
      const reason = cpuThrottleUnavailableReason();
      if (reason) throw new HarnessError(`--cpu-throttle is not available here: ${reason}`);
      throttle = await createCpuThrottle(options.cpuThrottle, found.path);
    }
    const browser = await chromium.launch({
      executablePath: throttle?.executablePath ?? found.path,
      args: [...CHROMIUM_ARGS],
    });
    try {
      return await work({ browser, baseUrl, chromiumPath: found.path, throttle });
    } finally {
      await browser.close();
    }
  } finally {
    await throttle?.cleanup();
    await closeServer?.();
  }
}
