/**
 * End-to-end tests in a real headless Chromium (found on the system, never downloaded) against
 * the production build served by `npm start`'s server, with WebGPU enabled.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tools/browser/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 8123);
const chromium = findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { args: [...CHROMIUM_ARGS], ...(chromium ? { executablePath: chromium.path } : {}) },
    acceptDownloads: true,
  },
  webServer: {
    command: `npx tsx tools/start.ts --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
  },
});
