/**
 * The remote paths of `npm run bench`, reached as a remote user reaches them: the CLI is spawned
 * with `--connect` to a Playwright browser server (`launchServer` of the system Chromium) and with
 * `--webdriver` to a WebKitWebDriver started here like a Selenium endpoint, against the page the
 * Playwright config serves at baseURL (`--url`, so the CLI builds nothing). Plus the one-line
 * errors of an engine that is not installed and of an endpoint that does not answer.
 * Small and quick on purpose: one small model, WASM only, three measured runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { chromium } from 'playwright-core';
import { RUN_SCHEMA_ID, type Run, validateRun } from '../../src/schema/run.ts';
import {
  freePort,
  SAFARI_FEATURES,
  waitForStatus,
  webkitCapabilities,
} from '../../tools/bench/engines/webkit.ts';
import { CHROMIUM_ARGS, findChromium } from '../../tools/browser/chromium.ts';
import {
  findExecutable,
  MINIBROWSER,
  requireProgram,
  WEBKIT_DRIVER,
} from '../../tools/browser/executables.ts';
import { stopProcess } from '../../tools/browser/stop-process.ts';
import { ensureDisplay } from '../../tools/browser/xvfb.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const QUICK = ['--model', 'blazeface-front-onnx', '--backend', 'wasm', '--runs', '3', '--json'];

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx tools/bench/main.ts …args` from the project root, as a user would. */
function bench(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'tools/bench/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The records the CLI printed with `--json`, each checked against `atlas.run/1`. */
function records(result: CliResult): Run[] {
  expect(result.code, result.stderr).toBe(0);
  const printed: unknown = JSON.parse(result.stdout);
  expect(Array.isArray(printed)).toBe(true);
  return (printed as unknown[]).map((value) => {
    const checked = validateRun(value);
    if (!checked.ok) throw new Error(`invalid record: ${JSON.stringify(checked.issues)}`);
    expect(checked.run.schema).toBe(RUN_SCHEMA_ID);
    return checked.run;
  });
}

let scratch: string;
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'atlas-remote-'));
});
test.afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test('--connect drives a Playwright browser server and returns its record', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const found = findChromium();
  test.skip(!found, 'no Chromium on this machine');
  const server = await chromium.launchServer({
    executablePath: found?.path ?? '',
    args: [...CHROMIUM_ARGS],
  });
  const out = join(scratch, 'connect.json');
  try {
    const wsEndpoint = server.wsEndpoint();
    const result = await bench(['--connect', wsEndpoint, '--url', `${baseURL}/`, ...QUICK, '--out', out]);
    const runs = records(result);
    expect(runs).toHaveLength(1);
    const [run] = runs as [Run];
    expect(run.source).toBe('automation');
    expect(run.cases.length).toBeGreaterThan(0);
    for (const c of run.cases) {
      const label = `${c.runtime}/${c.backend} ${JSON.stringify(c.options ?? {})}: ${c.error ?? ''}`;
      expect(c.status, label).toBe('ok');
      expect(c.status === 'ok' && c.check?.ok, label).toBe(true);
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(result.stdout));
    // The log says where the browser is, so a user sees the run went to the remote server.
    expect(result.stderr).toContain(wsEndpoint);
  } finally {
    await server.close();
  }
});

test('--webdriver drives a W3C WebDriver endpoint (WebKitWebDriver) and returns its record', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  const driverPath = findExecutable(WEBKIT_DRIVER.names);
  test.skip(!driverPath, `WebKitWebDriver is not installed (${WEBKIT_DRIVER.install})`);
  const miniBrowser = requireProgram(MINIBROWSER);
  const display = await ensureDisplay();
  const port = await freePort();
  const driver = spawn(driverPath ?? '', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display.display },
    stdio: 'ignore',
  });
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    await waitForStatus(endpoint, driver, () => '');
    const capabilities = JSON.stringify(webkitCapabilities(miniBrowser, SAFARI_FEATURES));
    const result = await bench(
      [
        '--webdriver',
        endpoint,
        '--capabilities',
        capabilities,
        '--url',
        `${baseURL}/`,
        ...QUICK,
        '--out',
        join(scratch, 'webdriver.json'),
      ],
      // Selenium's client would send the session there instead of to --webdriver if it read these.
      { SELENIUM_REMOTE_URL: 'http://127.0.0.1:1', SELENIUM_BROWSER: 'firefox' },
    );
    const runs = records(result);
    expect(runs).toHaveLength(1);
    const [run] = runs as [Run];
    expect(run.env.userAgent).toMatch(/AppleWebKit\/605\.[\d.]+ .*Safari\//);
    expect(run.env.userAgent).not.toMatch(/Chrome|Firefox/);
    const ok = run.cases.filter((c) => c.status === 'ok' && c.check?.ok);
    expect(ok.length, JSON.stringify(run.cases.map((c) => [c.status, c.error]))).toBeGreaterThan(0);
    expect(run.cases.map((c) => c.status)).not.toContain('error');
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
  } finally {
    await stopProcess(driver);
    await display.close();
  }
});

test('an engine that is not installed, and an endpoint that does not answer, fail in one line', async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const oneLine = (result: CliResult) => {
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    return lines[0] ?? '';
  };
  const [missing, refused, withKey] = await Promise.all([
    bench(['--browser', 'webkit', '--url', `${baseURL}/`, ...QUICK], {
      WEBKIT_WEBDRIVER_PATH: '/nonexistent',
    }),
    bench(['--webdriver', 'http://127.0.0.1:1', '--url', `${baseURL}/`, ...QUICK]),
    // A device cloud's hub URL carries the access key: the message names the hub, not the key.
    bench(['--webdriver', 'http://alice:s3cr3t-key@127.0.0.1:1/wd/hub', '--url', `${baseURL}/`, ...QUICK]),
  ]);
  expect(oneLine(missing)).toBe('bench: WEBKIT_WEBDRIVER_PATH=/nonexistent is not an executable file');
  const line = oneLine(refused);
  expect(line).toContain('cannot open a WebDriver session at http://127.0.0.1:1/');
  expect(line).toContain('ECONNREFUSED');
  const masked = oneLine(withKey);
  expect(masked).toContain('cannot open a WebDriver session at http://alice:***@127.0.0.1:1/wd/hub');
  expect(withKey.stderr).not.toContain('s3cr3t');
});
