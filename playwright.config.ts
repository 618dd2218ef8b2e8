/**
 * End-to-end tests in a real headless Chromium (found on the system, never downloaded) against
 * the production build served by `npm start`'s server, with WebGPU enabled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tools/browser/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 8123);
const chromium = findChromium();
/** Every test run starts from an empty store of its own. */
const databaseUrl =
  process.env.E2E_DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'atlas-e2e-')), 'atlas.db')}`;

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
    reuseExistingServer: false,
    env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn' },
    stdout: 'pipe',
  },
});
