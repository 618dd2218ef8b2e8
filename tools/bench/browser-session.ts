/**
 * The setup the bench tools share: a page URL (the local production build served in-process, or
 * `--url`) and, for the developer tools, a system Chromium launched with the project's flags.
 * Everything is closed again when the work is done, whatever happens.
 */
import { type Browser, chromium } from 'playwright-core';
import { ROOT, startServer } from '../../server/main.ts';
import { CHROMIUM_ARGS, describeMissingChromium, findChromium } from '../browser/chromium.ts';
import { buildIfStale } from '../build-if-stale.ts';
import { HarnessError } from './drive.ts';

export interface BrowserSession {
  browser: Browser;
  /** URL of the benchmark page's folder, ending in `/`. */
  baseUrl: string;
  chromiumPath: string;
}

/**
 * The benchmark page's URL: `url` when given, else the local production build (rebuilt when
 * stale) served in-process on `host` (127.0.0.1 by default) for as long as `work` runs.
 */
export async function withPageUrl<T>(
  options: { url?: string | undefined; host?: string; log: (line: string) => void },
  work: (baseUrl: string) => Promise<T>,
): Promise<T> {
  if (options.url) return work(options.url);
  await buildIfStale(ROOT, options.log);
  // A throwaway store: the bench submits with --submit, never to its own page server.
  const server = await startServer(0, options.host ?? '127.0.0.1', {
    handleSignals: false,
    databaseUrl: 'sqlite::memory:',
    // Its request log would bury the progress lines; nothing is posted to it.
    logLevel: 'warn',
    ingestWorkers: 0,
  });
  try {
    return await work(`${server.url}/`);
  } finally {
    await server.close();
  }
}

/** A system Chromium (Playwright) and the page URL, for the developer tools that need Playwright. */
export async function withBrowserSession<T>(
  options: { url?: string | undefined; log: (line: string) => void },
  work: (session: BrowserSession) => Promise<T>,
): Promise<T> {
  const found = findChromium();
  if (!found) throw new HarnessError(describeMissingChromium());
  return withPageUrl(options, async (baseUrl) => {
    const browser = await chromium.launch({ executablePath: found.path, args: [...CHROMIUM_ARGS] });
    try {
      return await work({ browser, baseUrl, chromiumPath: found.path });
    } finally {
      await browser.close();
    }
  });
}
