/**
 * `--cpu-throttle`: a real Chromium launched through the cgroup wrapper is slowed about N× in a
 * dedicated Worker and on the page's main thread, and only our own processes are in the cgroup.
 * Skipped where cgroups cannot be used (not Linux, no writable cpu controller) or no Chromium exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CpuThrottle,
  cpuQuotaFor,
  cpuThrottleUnavailableReason,
  createCpuThrottle,
  validateCpuThrottleFactor,
} from '../../tools/bench/throttle.ts';
import { CHROMIUM_ARGS, findChromium } from '../../tools/browser/chromium.ts';

const FACTOR = 3;
/** Timings are noisy (shared VM): assert only that the ratio is in the right neighbourhood. */
const MIN_RATIO = 2.0;
const MAX_RATIO = 4.5;
const TIMING = { timeout: 60_000, retry: 2 } as const;

function findChromiumPath(): string | undefined {
  try {
    return findChromium()?.path;
  } catch {
    return undefined;
  }
}

const chromiumPath = findChromiumPath();
const skipReason =
  cpuThrottleUnavailableReason() ?? (chromiumPath ? undefined : 'no Chromium found (set CHROMIUM_PATH)');

/** Parent pid from /proc/<pid>/stat (the field after the parenthesised command name). */
function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function isOurDescendant(pid: number): boolean {
  for (let p: number | undefined = pid, hops = 0; p && p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = parentPid(p);
  }
  return false;
}

describe('cpu throttle factor', () => {
  it('accepts 1..50 and rejects anything else with one line', () => {
    expect(validateCpuThrottleFactor(1)).toBe(1);
    expect(validateCpuThrottleFactor(50)).toBe(50);
    for (const bad of [0, 0.5, 51, Number.NaN, Number.POSITIVE_INFINITY, -3]) {
      expect(() => validateCpuThrottleFactor(bad)).toThrow(
        /^cpu throttle factor must be a number from 1 to 50/,
      );
    }
  });

  it('uses a 10 ms period and quota = period / N, stretching the period so quota stays >= 1 ms', () => {
    expect(cpuQuotaFor(4)).toEqual({ periodUs: 10_000, quotaUs: 2_500 });
    expect(cpuQuotaFor(3)).toEqual({ periodUs: 10_000, quotaUs: 3_333 });
    expect(cpuQuotaFor(20)).toEqual({ periodUs: 20_000, quotaUs: 1_000 });
    expect(cpuQuotaFor(50)).toEqual({ periodUs: 50_000, quotaUs: 1_000 });
  });
});

describe.skipIf(skipReason !== undefined)(
  skipReason ? `cpu throttle in Chromium (skipped: ${skipReason})` : 'cpu throttle in Chromium',
  () => {
    let throttle: CpuThrottle;
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
      throttle = await createCpuThrottle(FACTOR, chromiumPath as string);
      browser = await chromium.launch({
        executablePath: throttle.executablePath,
        args: [...CHROMIUM_ARGS],
        headless: true,
      });
      page = await browser.newPage();
      await page.setContent('<!doctype html><title>cpu throttle</title>');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await throttle?.cleanup();
    }, 60_000);

    it('puts every Chromium process in the cgroup, all of them from our own launch', () => {
      expect(throttle.info.periodUs).toBe(10_000);
      expect(throttle.info.quotaUs).toBe(3_333);
      const pids = readFileSync(`${throttle.info.cgroupDir}/cgroup.procs`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(Number);
      // At least the browser, a renderer and one helper (GPU/network/utility) process.
      expect(pids.length).toBeGreaterThanOrEqual(3);
      // The browser process is the wrapper itself (it exec'd Chromium), our direct child.
      expect(pids.some((pid) => parentPid(pid) === process.pid)).toBe(true);
      // The cgroup is brand new and only the wrapper joined it, so everything else was forked from
      // it: our descendants, or orphans Chromium daemonised (crashpad handlers double-fork and
      // setsid, so they are reparented to init).
      for (const pid of pids) {
        expect(isOurDescendant(pid) || parentPid(pid) === 1, `pid ${pid} is not from our launch`).toBe(true);
      }
    });

    // Other load on the host slows the unthrottled baseline more than the throttled runs (which
    // mostly wait out their quota anyway), pulling the ratio down: retry a noisy calibration.
    it('slows a busy loop in a dedicated Worker by about the factor', TIMING, async () => {
      const cal = await throttle.calibrate(page, { thread: 'worker', reps: 5 });
      expect(throttle.applied).toBe(false);
      expect(cal.measuredFactor, JSON.stringify(cal)).toBeGreaterThan(MIN_RATIO);
      expect(cal.measuredFactor, JSON.stringify(cal)).toBeLessThan(MAX_RATIO);
    });

    it('slows the page main thread too', TIMING, async () => {
      const cal = await throttle.calibrate(page, { thread: 'main', reps: 5 });
      expect(cal.measuredFactor, JSON.stringify(cal)).toBeGreaterThan(MIN_RATIO);
      expect(cal.measuredFactor, JSON.stringify(cal)).toBeLessThan(MAX_RATIO);
    });

    it('removes the cgroup once the browser has closed', async () => {
      const dir = throttle.info.cgroupDir;
      await browser?.close();
      browser = undefined;
      expect(await throttle.cleanup()).toBe(true);
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(throttle.executablePath)).toBe(false);
    }, 60_000);
  },
);
