/**
 * Chromium through Playwright: launched from the system's Chromium with the project's flags, or
 * reached at a Playwright browser server (`--connect`: `launchServer` on another machine, or a
 * device grid's Playwright endpoint). Device emulation (`--device`) works on both.
 */
import { type Browser, chromium, devices, firefox, webkit } from 'playwright-core';
import { CHROMIUM_ARGS, describeMissingChromium, findChromium } from '../../browser/chromium.ts';
import { endpointForLog } from './endpoint.ts';
import { jsonScript, parseJson } from './evaluate.ts';
import { type Engine, EngineError, type EngineId, type EnginePage, type PageOptions } from './types.ts';

const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

function playwrightEngine(browser: Browser, label: string): Engine {
  return {
    label,
    emulatesDevices: true,
    async openPage(options: PageOptions): Promise<EnginePage> {
      const context = await browser.newContext(
        options.device ? { ...devices[options.device] } : { viewport: DESKTOP_VIEWPORT },
      );
      const page = await context.newPage();
      let lost: string | undefined;
      page.on('crash', () => {
        lost = 'the page crashed';
      });
      return {
        playwright: page,
        goto: async (url) => {
          await page.goto(url);
        },
        json: async <T>(expression: string) => parseJson<T>(await page.evaluate(jsonScript(expression))),
        lost: () => lost,
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Launches a local Chromium (`executablePath` overrides the found one, e.g. a throttle wrapper). */
export async function launchChromium(executablePath?: string): Promise<Engine & { chromiumPath: string }> {
  const found = findChromium();
  if (!found) throw new EngineError(describeMissingChromium());
  const browser = await chromium.launch({
    executablePath: executablePath ?? found.path,
    args: [...CHROMIUM_ARGS],
  });
  return {
    ...playwrightEngine(browser, `Chromium ${browser.version()} (${found.path}, Playwright)`),
    chromiumPath: found.path,
  };
}

const BROWSER_TYPES = { chromium, firefox, webkit } as const;

/** Connects to a Playwright browser server (`ws://…` or `wss://…`) of the given engine. */
export async function connectPlaywright(wsEndpoint: string, engine: EngineId = 'chromium'): Promise<Engine> {
  let browser: Browser;
  try {
    browser = await BROWSER_TYPES[engine].connect(wsEndpoint, { timeout: 30_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new EngineError(
      `cannot connect to the Playwright browser server at ${endpointForLog(wsEndpoint)}: ${message}`,
    );
  }
  return playwrightEngine(
    browser,
    `${browser.browserType().name()} ${browser.version()} at ${endpointForLog(wsEndpoint)} (Playwright)`,
  );
}
