/**
 * Flags of `npm run bench` (contract section 1), parsed and validated into one frozen object.
 * Bad input gives one clear message naming the flag.
 */
import { parseArgs } from 'node:util';
import { devices } from 'playwright-core';
import { BACKEND_IDS, RUNTIMES } from '../../src/runtimes/index.ts';
import { SCENARIOS } from '../../src/scenarios/index.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { DEFAULT_SUITE, SUITES } from '../../src/suite/suites.ts';
import { ENGINE_IDS, type EngineId } from './engines/types.ts';

export interface BenchArgs {
  /** Engine to drive (`--browser`, default chromium). */
  browser: EngineId;
  /** Playwright browser server to use instead of launching one (`--connect`). */
  connect: string | undefined;
  /** W3C WebDriver endpoint to use instead of launching a browser (`--webdriver`). */
  webdriver: string | undefined;
  /** New-session capabilities for `--webdriver` (`--capabilities`, a JSON object). */
  capabilities: Record<string, unknown> | undefined;
  devices: string[];
  cpuThrottle: number | undefined;
  suite: string;
  models: string[];
  runtimes: string[];
  backends: string[];
  runs: number | undefined;
  caseTimeoutMs: number | undefined;
  /** GPU cases on a software GPU: the short fixed budget (default) or the suite's (`--software-gpu`). */
  softwareGpu: 'short' | 'full';
  /** Scenario ids to run (`--scenario`), validated against the scenario catalog. */
  scenarios: string[];
  /** Run the scenarios alone: `--scenario` without `--model` or an explicit `--suite`. */
  scenariosOnly: boolean;
  out: string | undefined;
  submit: string | undefined;
  url: string | undefined;
  json: boolean;
  /** Run the plan twice in one Chromium profile: a first visit, then a repeat visit. */
  repeatVisit: boolean;
  list: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [flags]
  --browser chromium|firefox|webkit   engine to run the page in (default chromium)
  --connect WS_URL     drive a remote Playwright browser server (launchServer, device grids)
  --webdriver URL      drive a remote W3C WebDriver endpoint (Selenium Grid, Appium, device clouds)
  --capabilities JSON  new-session capabilities for --webdriver (default {"browserName": …})
  --device NAME        Playwright device to emulate (repeatable; Chromium via Playwright only)
  --cpu-throttle N     slow the whole browser by about N× (host CPU quota; local Chromium only)
  --suite phone|quick|full   suite to run (default phone: about a minute, ~24 MB)
  --software-gpu short|full  GPU cases on a software GPU: short fixed budget (default) or the suite's
  --model ID,…         only these models          --runtime ID,…   only these runtimes
  --backend ID,…       only these backends (wasm,webgl,webgpu,webnn,cpu)
  --runs N             exactly N measured runs per case instead of the adaptive rule
  --case-timeout MS    watchdog limit per case
  --scenario ID,…      run these multi-backend scenarios (alone, or after the cases with --model/--suite)
  --out FILE           results file (default results/<timestamp>.json)
  --submit URL         POST each run record to that results server
  --url URL            bench a deployed page instead of a local build (a remote browser must reach it)
  --json               print the run records as JSON on stdout
  --repeat-visit       run twice in one fresh Chromium profile (first visit, then repeat visit) and
                       print what the caches saved per case (time to first answer, bytes)
  --list               print the suite catalog instead of running (with --json: as JSON)`;

export class UsageError extends Error {}

function csv(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function checkKnown(kind: string, given: string[], known: readonly string[]): void {
  const unknown = given.filter((g) => !known.includes(g));
  if (unknown.length)
    throw new UsageError(
      `unknown ${kind} ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${known.join(', ')}`,
    );
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive integer, got "${value}"`);
  return n;
}

function httpUrl(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} needs an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${flag} needs an http(s) URL, got "${value}"`);
  return url.href;
}

function wsUrl(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} needs a ws(s):// URL, got "${value}"`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new UsageError(`${flag} needs a ws(s):// URL, got "${value}"`);
  return url.href;
}

function jsonObject(value: string | undefined, flag: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new UsageError(`${flag} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${flag} needs a JSON object, e.g. '{"browserName":"chrome"}'`);
  return parsed as Record<string, unknown>;
}

/** Flag combinations that cannot work: said before anything starts. */
function checkEngineFlags(
  browser: EngineId,
  remote: {
    connect: string | undefined;
    webdriver: string | undefined;
    capabilities: Record<string, unknown> | undefined;
  },
  devices: string[],
  throttle: number | undefined,
): void {
  if (remote.connect && remote.webdriver) throw new UsageError('use --connect or --webdriver, not both');
  if (remote.capabilities && !remote.webdriver)
    throw new UsageError('--capabilities goes with --webdriver URL');
  // The bench opens a page, so a browser must be named (Selenium's client refuses a session without).
  if (remote.capabilities && typeof remote.capabilities.browserName !== 'string')
    throw new UsageError(
      '--capabilities needs a "browserName" (the browser to open, e.g. "chrome", "Safari", "MiniBrowser")',
    );
  const where = remote.webdriver
    ? 'a WebDriver endpoint'
    : browser === 'chromium'
      ? undefined
      : browser === 'firefox'
        ? 'Firefox'
        : 'WebKit';
  if (devices.length && where)
    throw new UsageError(`--device emulates with Playwright's Chromium only; not available with ${where}`);
  if (throttle !== undefined && (where || remote.connect))
    throw new UsageError(
      `--cpu-throttle limits a Chromium launched on this host only; not available with ${where ?? 'a remote --connect browser'}`,
    );
}

export function parseBenchArgs(argv: string[]): Readonly<BenchArgs> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const deviceNames = values.device ?? [];
  const unknownDevice = deviceNames.find((d) => !(d in devices));
  if (unknownDevice)
    throw new UsageError(
      `unknown device "${unknownDevice}"; see Playwright's device list (e.g. "Pixel 7", "iPhone 15")`,
    );
  const throttle = values['cpu-throttle'] === undefined ? undefined : Number(values['cpu-throttle']);
  if (throttle !== undefined && !(Number.isFinite(throttle) && throttle >= 1 && throttle <= 50)) {
    throw new UsageError(`--cpu-throttle needs a number from 1 to 50, got "${values['cpu-throttle']}"`);
  }
  const browser = values.browser ?? 'chromium';
  checkKnown('browser', [browser], ENGINE_IDS);
  const connect = wsUrl(values.connect, '--connect');
  const webdriver = httpUrl(values.webdriver, '--webdriver');
  const capabilities = jsonObject(values.capabilities, '--capabilities');
  checkEngineFlags(browser as EngineId, { connect, webdriver, capabilities }, deviceNames, throttle);
  if (values['repeat-visit'] && (browser !== 'chromium' || connect || webdriver || deviceNames.length))
    throw new UsageError(
      '--repeat-visit runs twice in one Chromium profile on this host; not with --browser, --connect, --webdriver or --device',
    );
  const suite = values.suite ?? DEFAULT_SUITE;
  const softwareGpu = values['software-gpu'] ?? 'short';
  if (softwareGpu !== 'short' && softwareGpu !== 'full')
    throw new UsageError(`--software-gpu must be short or full, got "${softwareGpu}"`);
  checkKnown(
    'suite',
    [suite],
    SUITES.map((s) => s.id),
  );
  const models = csv(values.model);
  checkKnown(
    'model',
    models,
    MODELS.map((m) => m.id),
  );
  const runtimes = csv(values.runtime);
  checkKnown(
    'runtime',
    runtimes,
    RUNTIMES.map((r) => r.id),
  );
  const backends = csv(values.backend);
  checkKnown('backend', backends, BACKEND_IDS);
  const scenarios = [...new Set(csv(values.scenario))];
  checkKnown(
    'scenario',
    scenarios,
    SCENARIOS.map((s) => s.id),
  );
  return Object.freeze({
    browser: browser as EngineId,
    connect,
    webdriver,
    capabilities,
    devices: deviceNames,
    cpuThrottle: throttle,
    suite,
    models,
    runtimes,
    backends,
    softwareGpu,
    runs: positiveInt(values.runs, '--runs'),
    caseTimeoutMs: positiveInt(values['case-timeout'], '--case-timeout'),
    scenarios,
    scenariosOnly: scenarios.length > 0 && models.length === 0 && values.suite === undefined,
    out: values.out,
    submit: httpUrl(values.submit, '--submit'),
    url: httpUrl(values.url, '--url'),
    json: values.json ?? false,
    repeatVisit: values['repeat-visit'] ?? false,
    list: values.list ?? false,
    help: values.help ?? false,
  });
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      browser: { type: 'string' },
      connect: { type: 'string' },
      webdriver: { type: 'string' },
      capabilities: { type: 'string' },
      device: { type: 'string', multiple: true },
      'cpu-throttle': { type: 'string' },
      suite: { type: 'string' },
      model: { type: 'string', multiple: true },
      runtime: { type: 'string', multiple: true },
      backend: { type: 'string', multiple: true },
      runs: { type: 'string' },
      'case-timeout': { type: 'string' },
      'software-gpu': { type: 'string' },
      scenario: { type: 'string', multiple: true },
      out: { type: 'string' },
      submit: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean' },
      'repeat-visit': { type: 'boolean' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
