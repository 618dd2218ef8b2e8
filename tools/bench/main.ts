/**
 * `npm run bench`: builds and serves the production page (or uses `--url`), launches a system
 * Chromium with WebGPU enabled, runs the suite through the page once per emulated device, writes
 * the results file, prints a table, and optionally submits the records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, devices } from 'playwright-core';
import { ROOT, startServer } from '../../server/main.ts';
import type { RunParams } from '../../src/measure/params.ts';
import type { Run } from '../../src/schema/run.ts';
import { CHROMIUM_ARGS, describeMissingChromium, findChromium } from '../browser/chromium.ts';
import { buildIfStale } from '../build-if-stale.ts';
import { type BenchArgs, parseBenchArgs, USAGE, UsageError } from './args.ts';
import { driveRun, HarnessError } from './drive.ts';
import { catalogListing, catalogTable } from './list.ts';
import { runTable } from './report.ts';
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
  };
}

async function bench(args: BenchArgs): Promise<Run[]> {
  const found = findChromium();
  if (!found) throw new HarnessError(describeMissingChromium());
  let pageUrl = args.url;
  let close: (() => Promise<void>) | undefined;
  if (!pageUrl) {
    await buildIfStale(ROOT, log);
    const server = await startServer(0, '127.0.0.1');
    pageUrl = `${server.url}/`;
    close = () => server.app.close();
  }
  let throttle: CpuThrottle | undefined;
  if (args.cpuThrottle !== undefined) {
    const reason = cpuThrottleUnavailableReason();
    if (reason) throw new HarnessError(`--cpu-throttle is not available here: ${reason}`);
    throttle = await createCpuThrottle(args.cpuThrottle, found.path);
  }
  const browser = await chromium.launch({
    executablePath: throttle?.executablePath ?? found.path,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const runs: Run[] = [];
    const deviceNames = args.devices.length ? args.devices : [undefined];
    for (const device of deviceNames) {
      log(`running the ${args.suite} suite${device ? ` as "${device}"` : ''} in ${found.path} (${pageUrl})`);
      const run = await driveRun({
        browser,
        pageUrl,
        params: { ...runParams(args), ...(device ? { emulatedDevice: device } : {}) },
        context: device ? { ...devices[device] } : { viewport: { width: 1280, height: 900 } },
        onProgress: (line) => log(`  ${line}`),
        ...(throttle
          ? {
              beforeRun: async (page) => {
                const active = throttle as CpuThrottle;
                const calibration = await active.calibrate(page);
                await active.apply();
                log(
                  `  CPU quota ${active.info.quotaUs}/${active.info.periodUs} µs: measured ${calibration.measuredFactor.toFixed(2)}× on a worker busy loop`,
                );
                return {
                  cpuThrottle: args.cpuThrottle as number,
                  throttleInfo: {
                    mechanism: `host CPU quota (${active.info.mechanism})`,
                    quotaUs: active.info.quotaUs,
                    periodUs: active.info.periodUs,
                    hostCores: active.info.hostCores,
                    measuredFactor: Number(calibration.measuredFactor.toFixed(3)),
                  },
                };
              },
            }
          : {}),
      });
      await throttle?.release();
      runs.push(run);
      process.stdout.write(`${args.json ? '' : `\n${runTable(run)}\n\n`}`);
    }
    return runs;
  } finally {
    await browser.close();
    await throttle?.cleanup();
    await close?.();
  }
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
