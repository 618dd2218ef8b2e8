/**
 * Picks the engine a bench run drives from its flags: a remote Playwright server (`--connect`),
 * a remote W3C WebDriver endpoint (`--webdriver`), or a local Chromium, Firefox or WebKit
 * (`--browser`). One table, so adding an engine is one entry.
 */
import { launchFirefox } from './firefox.ts';
import { connectPlaywright, launchChromium, launchChromiumProfile } from './playwright.ts';
import type { Engine, EngineId } from './types.ts';
import { connectWebDriver } from './webdriver.ts';
import { launchWebKit } from './webkit.ts';

export interface EngineChoice {
  browser: EngineId;
  connect?: string | undefined;
  webdriver?: string | undefined;
  capabilities?: Record<string, unknown> | undefined;
  /** A wrapper to launch instead of the found Chromium (the CPU throttle's). */
  chromiumExecutable?: string | undefined;
  /** Every page in one persistent profile (local Chromium only: `--repeat-visit`). */
  oneProfile?: boolean;
}

const LOCAL: Record<EngineId, (choice: EngineChoice) => Promise<Engine>> = {
  chromium: (choice) =>
    choice.oneProfile
      ? launchChromiumProfile(choice.chromiumExecutable)
      : launchChromium(choice.chromiumExecutable),
  firefox: () => launchFirefox(),
  webkit: () => launchWebKit(),
};

/** The `browserName` a WebDriver endpoint is asked for when no capabilities are given. */
export const WEBDRIVER_BROWSER_NAMES: Record<EngineId, string> = {
  chromium: 'chrome',
  firefox: 'firefox',
  webkit: 'safari',
};

export function openEngine(choice: EngineChoice): Promise<Engine> {
  if (choice.connect) return connectPlaywright(choice.connect, choice.browser);
  if (choice.webdriver)
    return connectWebDriver(
      choice.webdriver,
      choice.capabilities ?? { browserName: WEBDRIVER_BROWSER_NAMES[choice.browser] },
    );
  return LOCAL[choice.browser](choice);
}

export { ENGINE_IDS, type Engine, EngineError, type EngineId, type EnginePage } from './types.ts';
