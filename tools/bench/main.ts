/**
 * `npm run bench`: builds and serves the production page (or uses `--url`), opens it in the engine
 * asked for (a local Chromium, Firefox or WebKit, or a remote Playwright or WebDriver browser),
 * runs the suite through the page once per emulated device, writes the results file, prints a
 * table, and optionally submits the records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../server/main.ts';
import type { RunParams } from '../../src/measure/params.ts';
import type { Run } from '../../src/schema/run.ts';
import { describeMissingChromium, findChromium } from '../browser/chromium.ts';
import { type BenchArgs, parseBenchArgs, USAGE, UsageError } from './args.ts';
import { withPageUrl } from './browser-session.ts';
import { driveRun, HarnessError } from './drive.ts';
import { endpointForLog } from './engines/endpoint.ts';
import { type Engine, type EnginePage, openEngine } from './engines/index.ts';
import { factorsTable } from './factors-report.ts';
import { catalogListing, catalogTable } from './list.ts';
import { networkTable, runTable, scenarioTable, visitTable } from './report.ts';
import { type CpuThrottle, cpuThrottleUnavailableReason, createCpuThrottle } from './throttle.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function submit(base: string, run: Run): Promise<void> {
  const target = /\/api\/runs\/?$/.test(new URL(base).pathname)
    ? base
    : new URL('api/runs', base.endsWith('/') ? base : `${base}/`).href;
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(run),
  });
  const text = await response.text();
  if (!response.ok)
    throw new HarnessError(
      `submitting run ${run.id} to ${target} failed: HTTP ${response.status} ${text.slice(0, 200)}`,
    );
  log(`submitted run ${run.id}: HTTP ${response.status} ${text.slice(0, 200)}`);
}

function runParams(args: BenchArgs): Partial<RunParams> {
  return {
    suite: args.suite,
    models: args.models,
    runtimes: args.runtimes,
    backends: args.backends,
    ...(args.runs === undefined ? {} : { runs: args.runs }),
    ...(args.caseTimeoutMs === undefined ? {} : { caseTimeoutMs: args.caseTimeoutMs }),
    softwareGpu: args.softwareGpu,
    // Only a Chromium this tool launched has the flag that makes the browser answer at once.
    pageMemory: args.browser === 'chromium' && !args.connect && !args.webdriver,
    ...(args.scenarios.length ? { scenarios: args.scenarios, scenariosOnly: args.scenariosOnly } : {}),
  };
}

/** What a run does, for the log line: the suite, its scenarios, or both. */
function what(args: BenchArgs): string {
  const scenarios = args.scenarios.length
    ? `scenario${args.scenarios.length === 1 ? '' : 's'} ${args.scenarios.join(', ')}`
    : '';
  if (args.scenariosOnly) return scenarios;
  return scenarios ? `the ${args.suite} suite, then ${scenarios}` : `the ${args.suite} suite`;
}

/** Opens the engine the flags ask for (through the CPU throttle's wrapper when one is asked for). */
async function withEngine<T>(
  args: BenchArgs,
  work: (engine: Engine, throttle?: CpuThrottle) => Promise<T>,
): Promise<T> {
  let throttle: CpuThrottle | undefined;
  try {
    if (args.cpuThrottle !== undefined) {
      const reason = cpuThrottleUnavailableReason();
      if (reason) throw new HarnessError(`--cpu-throttle is not available here: ${reason}`);
      const found = findChromium();
      if (!found) throw new HarnessError(describeMissingChromium());
      throttle = await createCpuThrottle(args.cpuThrottle, found.path);
    }
    const engine = await openEngine({
      browser: args.browser,
      connect: args.connect,
      webdriver: args.webdriver,
      capabilities: args.capabilities,
      chromiumExecutable: throttle?.executablePath,
      oneProfile: args.repeatVisit,
    });
    try {
      return await work(engine, throttle);
    } finally {
      await engine.close();
    }
  } finally {
    await throttle?.cleanup();
  }
}

async function bench(args: BenchArgs): Promise<Run[]> {
  const remote = args.connect ?? args.webdriver;
  if (remote && !args.url)
    log(
      `no --url: serving the page on 127.0.0.1 — the remote browser at ${endpointForLog(remote)} must reach it`,
    );
  return withPageUrl({ url: args.url, log }, (baseUrl) =>
    withEngine(args, async (engine, throttle) => {
      const runs: Run[] = [];
      const deviceNames = args.devices.length ? args.devices : [undefined];
      // --repeat-visit: the same plan twice in one profile; otherwise once per device.
      const visits = args.repeatVisit ? (['first', 'repeat'] as const) : [undefined];
      const passes = deviceNames.flatMap((device) => visits.map((visit) => ({ device, visit })));
      for (const { device, visit } of passes) {
        log(
          `running ${what(args)}${device ? ` as "${device}"` : ''}${visit ? ` (${visit} visit)` : ''} in ${engine.label} (${baseUrl})`,
        );
        const run = await driveRun({
          engine,
          pageUrl: baseUrl,
          params: {
            ...runParams(args),
            ...(device ? { emulatedDevice: device } : {}),
            ...(visit ? { visit } : {}),
          },
          page: { device },
          onProgress: (line) => log(`  ${line}`),
          ...(throttle
            ? { beforeRun: (page: EnginePage) => applyThrottle(throttle, args.cpuThrottle as number, page) }
            : {}),
        });
        await throttle?.release();
        runs.push(run);
        if (!args.json) {
          const tables = [
            run.cases.length || !args.scenariosOnly ? runTable(run) : '',
            networkTable(run),
            factorsTable(run),
            scenarioTable(run),
          ].filter(Boolean);
          process.stdout.write(`\n${tables.join('\n\n')}\n\n`);
        }
      }
      const [first, repeat] = runs;
      if (args.repeatVisit && first && repeat && !args.json)
        process.stdout.write(`What the repeat visit saved:\n${visitTable(first, repeat)}\n\n`);
      return runs;
    }),
  );
}

/** Calibrates, applies the quota, and returns what the record must say about it. */
async function applyThrottle(
  throttle: CpuThrottle,
  factor: number,
  page: EnginePage,
): Promise<Partial<RunParams>> {
  if (!page.playwright) throw new HarnessError('--cpu-throttle needs a Chromium driven by Playwright');
  const calibration = await throttle.calibrate(page.playwright);
  await throttle.apply();
  const { info } = throttle;
  log(
    `  CPU quota ${info.quotaUs}/${info.periodUs} µs: measured ${calibration.measuredFactor.toFixed(2)}× on a worker busy loop`,
  );
  return {
    cpuThrottle: factor,
    throttleInfo: {
      mechanism: `host CPU quota (${info.mechanism})`,
      quotaUs: info.quotaUs,
      periodUs: info.periodUs,
      hostCores: info.hostCores,
      measuredFactor: Number(calibration.measuredFactor.toFixed(3)),
    },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.list) {
    const listing = catalogListing();
    console.log(args.json ? JSON.stringify(listing, null, 2) : catalogTable(listing));
    return;
  }
  const runs = await bench(args);
  const out = args.out ?? join(ROOT, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(runs, null, 2)}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  if (args.submit) for (const run of runs) await submit(args.submit, run);
  log(
    `wrote ${out} (${runs.length} run${runs.length === 1 ? '' : 's'}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  log(error instanceof UsageError ? `bench: ${message}\n\n${USAGE}` : `bench: ${message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
