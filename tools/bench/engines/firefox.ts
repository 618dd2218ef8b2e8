/**
 * Firefox through WebDriver BiDi (`puppeteer-core` speaks it directly; no geckodriver needed).
 * Headless Firefox has WebGL only with a display and `webgl.force-enabled`, and MediaPipe's tasks
 * upload every image through WebGL, so it runs on a virtual display (Xvfb) unless one exists.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { FIREFOX, requireProgram } from '../../browser/executables.ts';
import { ensureDisplay } from '../../browser/xvfb.ts';
import { jsonScript, parseJson } from './evaluate.ts';
import { type Engine, EngineError, type EnginePage } from './types.ts';

/** Preferences a desktop Firefox user has in effect: WebGL on a software renderer is allowed. */
export const FIREFOX_PREFS: Readonly<Record<string, unknown>> = Object.freeze({
  'webgl.force-enabled': true,
});

export async function launchFirefox(): Promise<Engine> {
  let executablePath: string;
  try {
    executablePath = requireProgram(FIREFOX);
  } catch (error) {
    throw new EngineError(error instanceof Error ? error.message : String(error));
  }
  const display = await ensureDisplay().catch((error: unknown) => {
    throw new EngineError(error instanceof Error ? error.message : String(error));
  });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      protocol: 'webDriverBiDi',
      headless: true,
      extraPrefsFirefox: { ...FIREFOX_PREFS },
      env: { ...process.env, DISPLAY: display.display },
      timeout: 60_000,
    });
  } catch (error) {
    await display.close();
    throw new EngineError(`Firefox (${executablePath}) did not start: ${firstLine(error)}`);
  }
  return {
    label: `${await browser.version()} (${executablePath}, WebDriver BiDi${display.started ? ', Xvfb' : ''})`,
    emulatesDevices: false,
    async openPage(): Promise<EnginePage> {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      return {
        goto: async (url) => {
          await page.goto(url, { timeout: 120_000 });
        },
        json: async <T>(expression: string) => parseJson<T>(await page.evaluate(jsonScript(expression))),
        lost: () => (browser.connected ? undefined : 'Firefox disconnected'),
        close: () => page.close(),
      };
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await display.close();
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
