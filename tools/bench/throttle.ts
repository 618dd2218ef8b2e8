/**
 * Owns `--cpu-throttle N`: slowing the WHOLE browser (page main thread, dedicated Workers, WASM
 * pthreads, GPU and browser processes alike) by a CPU-bandwidth quota on a Linux cgroup, because
 * CDP `Emulation.setCPUThrottlingRate` only reaches the page's main thread.
 *
 * How: a fresh child cgroup of the cpu controller (cgroup v2 `cpu.max` or cgroup v1
 * `cpu.cfs_quota_us`), plus a tiny wrapper script given to Playwright as `executablePath` that
 * writes its own PID into the cgroup and then `exec`s the real Chromium, so every Chromium process
 * starts inside it. The quota is one core's worth divided by N (`quota = period / N`): a lone busy
 * thread runs ~N× slower; threads that are busy at the same time share that one budget.
 *
 * Only our own wrapper process is ever placed in the cgroup; nothing is matched by name and no
 * other process is moved. `cleanup()` removes the cgroup once the browser has exited.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { median } from '../../src/measure/stats.ts';

export type CpuThrottleMechanism = 'cgroup-v1-cpu-quota' | 'cgroup-v2-cpu-max';

export interface CpuThrottleInfo {
  mechanism: CpuThrottleMechanism;
  /** The requested slowdown N. */
  factor: number;
  /** CPU time the whole browser may use per period, in microseconds (period / N). */
  quotaUs: number;
  periodUs: number;
  /** Logical CPUs of the host: the quota is 1/N of ONE of them, shared by all Chromium threads. */
  hostCores: number;
  /** The cgroup directory Chromium runs in. */
  cgroupDir: string;
}

export interface CpuThrottleCalibration {
  thread: 'worker' | 'main';
  /** Busy-loop iterations per rep (sized so one released rep takes about `targetMs`). */
  iterations: number;
  releasedMs: number[];
  appliedMs: number[];
  releasedMedianMs: number;
  appliedMedianMs: number;
  /** median(applied) / median(released): the slowdown a lone busy thread actually sees. */
  measuredFactor: number;
}

export interface CalibrateOptions {
  /** Where the busy loop runs: a dedicated Worker from a Blob URL (default) or the page's main thread. */
  thread?: 'worker' | 'main';
  /** Timed reps per state (released, applied), interleaved. Default 5. */
  reps?: number;
  /**
   * Wall time one released rep should take. Default 100 ms: a run of W ms under the quota measures
   * about N - (period - quota) / W, because the throttled tail of its last period is not waited out.
   */
  targetMs?: number;
}

export interface CpuThrottle {
  /** The wrapper script: pass it to `chromium.launch({ executablePath })`. */
  readonly executablePath: string;
  readonly info: CpuThrottleInfo;
  /** Whether the quota is currently written (after `apply()`, before `release()`). */
  readonly applied: boolean;
  /** Writes the quota: from now on the browser gets `quotaUs` of CPU per `periodUs`. */
  apply(): Promise<void>;
  /** Makes the quota unlimited again (the browser stays in the cgroup). */
  release(): Promise<void>;
  /**
   * Runs a fixed busy loop released and applied (interleaved, median of `reps` each) and returns
   * the measured slowdown. Leaves the quota as it found it (applied or released).
   */
  calibrate(page: Page, options?: CalibrateOptions): Promise<CpuThrottleCalibration>;
  /**
   * Call after the browser has closed: removes the cgroup (possible only once it holds no
   * process) and the wrapper's temp dir. Never throws; resolves to whether the cgroup is gone.
   * If processes are still inside, the quota is released so they are not left throttled.
   */
  cleanup(): Promise<boolean>;
}

export const MIN_CPU_THROTTLE_FACTOR = 1;
export const MAX_CPU_THROTTLE_FACTOR = 50;
/** 10 ms: a 100 ms period makes short runs bimodal (all-or-nothing within one period). */
const DEFAULT_PERIOD_US = 10_000;
/** The kernel rejects a quota below 1 ms; the period grows past 10 ms for factors above 10. */
const MIN_QUOTA_US = 1_000;
const CGROUP_PREFIX = 'webml-atlas-throttle-';

interface CpuController {
  mechanism: CpuThrottleMechanism;
  /** Directory under which our child cgroup is created. */
  parentDir: string;
}

/** Throws a one-line error unless `factor` is a finite number in [1, 50]. */
export function validateCpuThrottleFactor(factor: number): number {
  if (
    typeof factor !== 'number' ||
    !Number.isFinite(factor) ||
    factor < MIN_CPU_THROTTLE_FACTOR ||
    factor > MAX_CPU_THROTTLE_FACTOR
  ) {
    throw new Error(
      `cpu throttle factor must be a number from ${MIN_CPU_THROTTLE_FACTOR} to ${MAX_CPU_THROTTLE_FACTOR}, got ${String(factor)}`,
    );
  }
  return factor;
}

/** Period and quota for a factor: quota = period / N, with the period stretched so quota >= 1 ms. */
export function cpuQuotaFor(factor: number): { periodUs: number; quotaUs: number } {
  validateCpuThrottleFactor(factor);
  const periodUs = Math.max(DEFAULT_PERIOD_US, Math.ceil(MIN_QUOTA_US * factor));
  const quotaUs = Math.max(MIN_QUOTA_US, Math.round(periodUs / factor));
  return { periodUs, quotaUs };
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message.split('\n')[0] || 'error' : String(err);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

interface MountInfo {
  root: string;
  mountPoint: string;
  fsType: string;
  superOptions: string[];
}

function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const pre = line.slice(0, dash).split(' ');
    const post = line.slice(dash + 3).split(' ');
    const root = pre[3];
    const mountPoint = pre[4];
    const fsType = post[0];
    if (root === undefined || mountPoint === undefined || fsType === undefined) continue;
    // mountinfo escapes space, tab, newline and backslash as octal.
    const unescapeOctal = (s: string) =>
      s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
    out.push({
      root: unescapeOctal(root),
      mountPoint: unescapeOctal(mountPoint),
      fsType,
      superOptions: (post[2] ?? '').split(','),
    });
  }
  return out;
}

/** Maps our cgroup path (from /proc/self/cgroup) onto the mount, falling back to the mount's top. */
function cgroupDirOnMount(mount: MountInfo, cgroupPath: string | undefined): string {
  if (cgroupPath === undefined) return mount.mountPoint;
  const root = mount.root === '/' ? '' : mount.root;
  if (root && cgroupPath !== root && !cgroupPath.startsWith(`${root}/`)) return mount.mountPoint;
  const rel = cgroupPath.slice(root.length).replace(/^\/+/, '');
  return rel ? join(mount.mountPoint, rel) : mount.mountPoint;
}

function listsCpu(text: string | undefined): boolean {
  return (text ?? '').split(/\s+/).includes('cpu');
}

/** Finds where a cpu-controller child cgroup can be made, or returns why it cannot. */
function findCpuController(): CpuController | string {
  if (process.platform !== 'linux') return `cgroups need Linux (this is ${process.platform})`;
  const mountText = readText('/proc/self/mountinfo');
  if (mountText === undefined) return 'cannot read /proc/self/mountinfo';
  const mounts = parseMountInfo(mountText);
  const ownCgroups = (readText('/proc/self/cgroup') ?? '').split('\n');

  // cgroup v2: the cpu controller is usable where a directory enables it for its children.
  const v2Mount = mounts.find((m) => m.fsType === 'cgroup2');
  let v2Reason: string | undefined;
  if (v2Mount && listsCpu(readText(join(v2Mount.mountPoint, 'cgroup.controllers')))) {
    const own = ownCgroups.find((l) => l.startsWith('0::'))?.slice(3);
    let dir = cgroupDirOnMount(v2Mount, own);
    for (;;) {
      if (listsCpu(readText(join(dir, 'cgroup.subtree_control')))) {
        return { mechanism: 'cgroup-v2-cpu-max', parentDir: dir };
      }
      if (dir === v2Mount.mountPoint || !dir.startsWith(`${v2Mount.mountPoint}/`)) break;
      dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
    }
    v2Reason = `cgroup v2 at ${v2Mount.mountPoint} has the cpu controller but no ancestor of our cgroup enables it in cgroup.subtree_control`;
  }

  // cgroup v1: a hierarchy with the cpu controller (possibly co-mounted, e.g. "cpu,cpuacct").
  const v1Mount = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes('cpu'));
  if (v1Mount) {
    const own = ownCgroups
      .map((l) => l.split(':'))
      .find((f) => f.length >= 3 && (f[1] ?? '').split(',').includes('cpu'))
      ?.slice(2)
      .join(':');
    const dir = cgroupDirOnMount(v1Mount, own);
    if (readText(join(dir, 'cpu.cfs_quota_us')) === undefined) {
      return `cgroup v1 cpu controller at ${dir} has no cpu.cfs_quota_us (kernel without CFS bandwidth control)`;
    }
    return { mechanism: 'cgroup-v1-cpu-quota', parentDir: dir };
  }
  return (
    v2Reason ??
    'no cgroup cpu controller is mounted (neither cgroup v2 with "cpu" nor a cgroup v1 "cpu" hierarchy)'
  );
}

function newCgroupName(): string {
  return `${CGROUP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/** Removes empty cgroups left behind by runs of ours whose process is gone. Ignores failures. */
function sweepStaleCgroups(parentDir: string): void {
  let names: string[];
  try {
    names = readdirSync(parentDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^webml-atlas-throttle-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      rmdirSync(join(parentDir, name));
    } catch {
      // Still holds processes (or not ours to remove): leave it.
    }
  }
}

/**
 * Why `--cpu-throttle` cannot work on this machine, as one line; `undefined` when it can.
 * Probes by creating and removing an empty child cgroup.
 */
export function cpuThrottleUnavailableReason(): string | undefined {
  const found = findCpuController();
  if (typeof found === 'string') return found;
  const probe = join(found.parentDir, newCgroupName());
  try {
    mkdirSync(probe);
  } catch (err) {
    return `cannot create a cgroup under ${found.parentDir} (${errorCode(err)}): needs root or a delegated, writable cgroup`;
  }
  try {
    const file = found.mechanism === 'cgroup-v2-cpu-max' ? 'cpu.max' : 'cpu.cfs_quota_us';
    accessSync(join(probe, file), constants.W_OK);
    accessSync(join(probe, 'cgroup.procs'), constants.W_OK);
    return undefined;
  } catch (err) {
    return `cgroup ${probe} is not writable (${errorCode(err)})`;
  } finally {
    try {
      rmdirSync(probe);
    } catch {
      // An empty probe always goes; nothing useful to report if it does not.
    }
  }
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

async function writeControl(file: string, value: string): Promise<void> {
  try {
    await writeFile(file, value);
  } catch (err) {
    throw new Error(`cpu throttle: cannot write "${value}" to ${file} (${errorCode(err)})`);
  }
}

/**
 * The busy loop, kept as source text (not a function's `toString()`, which a transpiler or coverage
 * instrumentation could rewrite): an integer LCG/xorshift mix the JIT cannot fold, timed where it runs.
 */
const BUSY_LOOP_SOURCE = `(n) => {
  let x = 0x9e3779b9 | 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) | 0;
    x ^= x >>> 13;
  }
  return { ms: performance.now() - t0, sink: x };
}`;

const WORKER_SOURCE = `const busyLoop = ${BUSY_LOOP_SOURCE};
self.onmessage = (e) => { self.postMessage(busyLoop(e.data)); };`;

type BusyRunner = { run(iterations: number): Promise<number>; dispose(): Promise<void> };

async function workerRunner(page: Page): Promise<BusyRunner> {
  const handle = await page.evaluateHandle((source: string) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    return { worker, url };
  }, WORKER_SOURCE);
  return {
    run: (iterations) =>
      handle.evaluate(
        ({ worker }, n: number) =>
          new Promise<number>((resolve, reject) => {
            worker.onmessage = (e: MessageEvent<{ ms: number }>) => resolve(e.data.ms);
            worker.onerror = (e: ErrorEvent) => {
              e.preventDefault();
              reject(
                new Error(`calibration worker failed: ${e.message || 'could not start (CSP worker-src?)'}`),
              );
            };
            worker.postMessage(n);
          }),
        iterations,
      ),
    dispose: async () => {
      try {
        await handle.evaluate(({ worker, url }) => {
          worker.terminate();
          URL.revokeObjectURL(url);
        });
      } finally {
        await handle.dispose();
      }
    },
  };
}

function mainThreadRunner(page: Page): BusyRunner {
  return {
    run: async (iterations) =>
      (await page.evaluate<{ ms: number }>(`(${BUSY_LOOP_SOURCE})(${Math.trunc(iterations)})`)).ms,
    dispose: async () => {},
  };
}

/**
 * Creates the throttle cgroup (quota not yet applied) and the wrapper script that launches
 * `realChromium` inside it. Throws one line if the factor is out of range or cgroups are unusable.
 */
export async function createCpuThrottle(factor: number, realChromium: string): Promise<CpuThrottle> {
  validateCpuThrottleFactor(factor);
  try {
    accessSync(realChromium, constants.X_OK);
  } catch (err) {
    throw new Error(`--cpu-throttle: ${realChromium} is not an executable file (${errorCode(err)})`);
  }
  const found = findCpuController();
  if (typeof found === 'string') throw new Error(`--cpu-throttle is unavailable: ${found}`);
  const { mechanism, parentDir } = found;
  const { periodUs, quotaUs } = cpuQuotaFor(factor);

  sweepStaleCgroups(parentDir);
  const cgroupDir = join(parentDir, newCgroupName());
  try {
    mkdirSync(cgroupDir);
  } catch (err) {
    throw new Error(`--cpu-throttle is unavailable: cannot create cgroup ${cgroupDir} (${errorCode(err)})`);
  }

  const v2 = mechanism === 'cgroup-v2-cpu-max';
  const writeQuota = (on: boolean) =>
    v2
      ? writeControl(join(cgroupDir, 'cpu.max'), `${on ? quotaUs : 'max'} ${periodUs}`)
      : writeControl(join(cgroupDir, 'cpu.cfs_quota_us'), on ? String(quotaUs) : '-1');

  let tempDir: string | undefined;
  try {
    // Quota unlimited, period fixed: v1 needs the period written before any quota.
    if (v2) await writeQuota(false);
    else {
      await writeControl(join(cgroupDir, 'cpu.cfs_quota_us'), '-1');
      await writeControl(join(cgroupDir, 'cpu.cfs_period_us'), String(periodUs));
    }
    tempDir = await mkdtemp(join(tmpdir(), CGROUP_PREFIX));
    const executablePath = join(tempDir, 'chromium');
    const procs = join(cgroupDir, 'cgroup.procs');
    await writeFile(
      executablePath,
      [
        '#!/bin/sh',
        '# Generated by WebML Atlas tools/bench/throttle.ts: join the throttle cgroup, then become Chromium.',
        `if ! echo $$ > ${shellQuote(procs)}; then`,
        `  echo ${shellQuote(`webml-atlas --cpu-throttle: cannot join cgroup ${cgroupDir}`)} >&2`,
        '  exit 126',
        'fi',
        `exec ${shellQuote(realChromium)} "$@"`,
        '',
      ].join('\n'),
    );
    await chmod(executablePath, 0o755);

    let applied = false;
    const dirToRemove = tempDir;
    const throttle: CpuThrottle = {
      executablePath,
      info: { mechanism, factor, quotaUs, periodUs, hostCores: availableParallelism(), cgroupDir },
      get applied() {
        return applied;
      },
      async apply() {
        await writeQuota(true);
        applied = true;
      },
      async release() {
        await writeQuota(false);
        applied = false;
      },
      async calibrate(page, options = {}) {
        const thread = options.thread ?? 'worker';
        const reps = Math.max(1, Math.round(options.reps ?? 5));
        const targetMs = options.targetMs ?? 100;
        const wasApplied = applied;
        const runner = thread === 'worker' ? await workerRunner(page) : mainThreadRunner(page);
        try {
          await throttle.release();
          // Warm the JIT and size the loop until one released rep takes about targetMs.
          let iterations = 1_000_000;
          for (let i = 0; i < 8; i++) {
            const ms = await runner.run(iterations);
            if (i >= 2 && Math.abs(ms - targetMs) < targetMs / 4) break;
            iterations = Math.max(100_000, Math.round((iterations * targetMs) / Math.max(ms, 0.5)));
          }
          const releasedMs: number[] = [];
          const appliedMs: number[] = [];
          for (let r = 0; r < reps; r++) {
            await throttle.release();
            releasedMs.push(await runner.run(iterations));
            await throttle.apply();
            appliedMs.push(await runner.run(iterations));
          }
          const releasedMedianMs = median(releasedMs);
          const appliedMedianMs = median(appliedMs);
          return {
            thread,
            iterations,
            releasedMs,
            appliedMs,
            releasedMedianMs,
            appliedMedianMs,
            measuredFactor: appliedMedianMs / releasedMedianMs,
          };
        } finally {
          await (wasApplied ? throttle.apply() : throttle.release());
          await runner.dispose();
        }
      },
      async cleanup() {
        await rm(dirToRemove, { recursive: true, force: true }).catch(() => {});
        // Chromium's last processes can take a moment to be reaped after close().
        for (let attempt = 0; attempt < 20; attempt++) {
          try {
            await rmdir(cgroupDir);
            return true;
          } catch (err) {
            if (errorCode(err) === 'ENOENT') return true;
            if (errorCode(err) !== 'EBUSY') break;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        await writeQuota(false).catch(() => {});
        applied = false;
        return false;
      },
    };
    return throttle;
  } catch (err) {
    if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => {});
    await rmdir(cgroupDir).catch(() => {});
    throw err;
  }
}
