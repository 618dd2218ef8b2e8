/**
 * Any W3C WebDriver endpoint (`--webdriver URL [--capabilities JSON]`: Selenium Grid, Appium for
 * real Android and iOS phones, device clouds) through `selenium-webdriver`, the protocol's
 * reference client. The local WebKit engine is this too, with a WebKitWebDriver started here.
 */
import { Builder, Capabilities, type WebDriver } from 'selenium-webdriver';
import { endpointForLog } from './endpoint.ts';
import { jsonScript, parseJson } from './evaluate.ts';
import { type Engine, EngineError, type EnginePage } from './types.ts';

/** How long one `executeScript` may take (the page answers status polls at once). */
const SCRIPT_TIMEOUT_MS = 60_000;
const PAGE_LOAD_TIMEOUT_MS = 120_000;

export async function connectWebDriver(
  serverUrl: string,
  capabilities: Record<string, unknown>,
  options: { label?: string; onClose?: () => Promise<void> } = {},
): Promise<Engine> {
  let driver: WebDriver;
  try {
    // Selenium's Builder otherwise lets SELENIUM_REMOTE_URL / SELENIUM_BROWSER from the
    // environment replace the endpoint and browser asked for, silently.
    driver = await new Builder()
      .disableEnvironmentOverrides()
      .usingServer(serverUrl)
      .withCapabilities(new Capabilities(capabilities))
      .build();
  } catch (error) {
    await options.onClose?.();
    throw new EngineError(
      `cannot open a WebDriver session at ${endpointForLog(serverUrl)}: ${firstLine(error)}`,
    );
  }
  let caps: Awaited<ReturnType<WebDriver['getCapabilities']>>;
  try {
    await driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT_MS, pageLoad: PAGE_LOAD_TIMEOUT_MS });
    caps = await driver.getCapabilities();
  } catch (error) {
    // The session exists: end it (and whatever the caller started for it) before giving up.
    await driver.quit().catch(() => {});
    await options.onClose?.();
    throw new EngineError(
      `the WebDriver session at ${endpointForLog(serverUrl)} did not accept its settings: ${firstLine(error)}`,
    );
  }
  const name = [caps.getBrowserName(), caps.getBrowserVersion()].filter(Boolean).join(' ');
  let open = false;
  return {
    label: options.label ?? `${name || 'browser'} at ${endpointForLog(serverUrl)} (W3C WebDriver)`,
    emulatesDevices: false,
    async openPage(): Promise<EnginePage> {
      // A WebDriver session is one browser window: the bench opens its pages one after another.
      if (open) throw new EngineError('a WebDriver session drives one page at a time');
      open = true;
      return {
        goto: async (url) => {
          await driver.get(url);
        },
        json: async <T>(expression: string) =>
          parseJson<T>(await driver.executeScript(`return ${jsonScript(expression)};`)),
        lost: () => undefined,
        close: async () => {
          open = false;
          await driver.get('about:blank').catch(() => {});
        },
      };
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        await options.onClose?.();
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
