/**
 * Flags of `npm run bench` (contract section 1), parsed and validated into one frozen object.
 * Bad input gives one clear message naming the flag.
 */
import { parseArgs } from 'node:util';
import { devices } from 'playwright-core';
import { BACKEND_IDS, RUNTIMES } from '../../src/runtimes/index.ts';
import { SCENARIOS } from '../../src/scenarios/index.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { SUITES } from '../../src/suite/suites.ts';

export interface BenchArgs {
  devices: string[];
  cpuThrottle: number | undefined;
  suite: string;
  models: string[];
  runtimes: string[];
  backends: string[];
  runs: number | undefined;
  caseTimeoutMs: number | undefined;
  /** Scenario ids to run (`--scenario`), validated against the scenario catalog. */
  scenarios: string[];
  /** Run the scenarios alone: `--scenario` without `--model` or an explicit `--suite`. */
  scenariosOnly: boolean;
  out: string | undefined;
  submit: string | undefined;
  url: string | undefined;
  json: boolean;
  list: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [flags]
  --device NAME        Playwright device to emulate (repeatable; default: this host, desktop viewport)
  --cpu-throttle N     slow the whole browser, workers included, by about N× (host CPU quota)
  --suite quick|full   suite to run (default quick)
  --model ID,…         only these models          --runtime ID,…   only these runtimes
  --backend ID,…       only these backends (wasm,webgl,webgpu,webnn,cpu)
  --runs N             exactly N measured runs per case instead of the adaptive rule
  --case-timeout MS    watchdog limit per case
  --scenario ID,…      run these multi-backend scenarios (alone, or after the cases with --model/--suite)
  --out FILE           results file (default results/<timestamp>.json)
  --submit URL         POST each run record to that results server
  --url URL            bench a deployed page instead of a local build
  --json               print the run records as JSON on stdout
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
  const suite = values.suite ?? 'quick';
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
    devices: deviceNames,
    cpuThrottle: throttle,
    suite,
    models,
    runtimes,
    backends,
    runs: positiveInt(values.runs, '--runs'),
    caseTimeoutMs: positiveInt(values['case-timeout'], '--case-timeout'),
    scenarios,
    scenariosOnly: scenarios.length > 0 && models.length === 0 && values.suite === undefined,
    out: values.out,
    submit: httpUrl(values.submit, '--submit'),
    url: httpUrl(values.url, '--url'),
    json: values.json ?? false,
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
      device: { type: 'string', multiple: true },
      'cpu-throttle': { type: 'string' },
      suite: { type: 'string' },
      model: { type: 'string', multiple: true },
      runtime: { type: 'string', multiple: true },
      backend: { type: 'string', multiple: true },
      runs: { type: 'string' },
      'case-timeout': { type: 'string' },
      scenario: { type: 'string', multiple: true },
      out: { type: 'string' },
      submit: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
