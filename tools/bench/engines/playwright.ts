/**
 * Chromium through Playwright: launched from the system's Chromium with the project's flags, or
 * reached at a Playwright browser server (`--connect`: `launchServer` on another machine, or a
 * device grid's Playwright endpoint). Device emulation (`--device`) works on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  devices,
  firefox,
  type Page,
  webkit,
} from 'playwright-core';
import { CHROMIUM_ARGS, describeMissingChromium, findChromium } from '../../browser/chromium.ts';
import { endpointForLog } from './endpoint.ts';
import { jsonScript, parseJson } from './evaluate.ts';
import { type Engine, EngineError, type EngineId, type EnginePage, type PageOptions } from './types.ts';

const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/** A Playwright page as the bench drives it; `close` ends what was opened for it. */
function enginePage(page: Page, close: () => Promise<void>): EnginePage {
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
    close,
  };
}

function playwrightEngine(browser: Browser, label: string): Engine {
  return {
    label,
    emulatesDevices: true,
    async openPage(options: PageOptions): Promise<EnginePage> {
      const context = await browser.newContext(
        options.device ? { ...devices[options.device] } : { viewport: DESKTOP_VIEWPORT },
      );
      return enginePage(await context.newPage(), () => context.close());
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

/**
 * A local Chromium with one real profile (a new temporary folder) for every page it opens, so a
 * second page finds the HTTP cache, Cache Storage and IndexedDB the first left: what a returning
 * visitor has. Playwright's ordinary contexts are off the record and keep large `.wasm` files out
 * of the HTTP cache (docs/QUIRKS.md). The profile is deleted on close.
 */
export async function launchChromiumProfile(executablePath?: string): Promise<Engine> {
  const found = findChromium();
  if (!found) throw new EngineError(describeMissingChromium());
  const profile = mkdtempSync(join(tmpdir(), 'atlas-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executablePath ?? found.path,
      args: [...CHROMIUM_ARGS],
      viewport: DESKTOP_VIEWPORT,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    label: `Chromium ${context.browser()?.version() ?? ''} (${found.path}, Playwright, one profile)`,
    emulatesDevices: false,
    async openPage(): Promise<EnginePage> {
      const page = await context.newPage();
      return enginePage(page, () => page.close());
    },
    close: async () => {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
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
