/**
 * Background load for the interference scenario: a pool of busy CPU workers (one per core) and
 * optionally a WebGPU compute loop, started once and switched between load levels, so idle and
 * loaded rounds can alternate cheaply. A switch resolves only once every worker the level needs
 * has reported work done after it and every other one has acknowledged that it stopped — the
 * load is confirmed, not assumed — and a measurement window reports how much work the load
 * actually did while a session was being timed, so a record shows when the load did not
 * materialise.
 */

import type { LoadWork } from '../../scenarios/interference/rounds.ts';
import type { BusyWorkerReport, GpuLoadReport, LoadCommand } from '../../workers/load-messages.ts';
import type { ScenarioContext } from './context.ts';

export interface LoadLevel {
  busyWorkers: number;
  gpu: boolean;
}

export interface BackgroundLoadPool {
  /** Whether the GPU loop could be set up (false without WebGPU, with the reason in `gpuError`). */
  gpuAvailable: boolean;
  gpuError?: string;
  /**
   * Switches to `level` and resolves once the load is confirmed: each needed worker reported work
   * after the switch, every other one stopped. Past the limit it resolves with the shortfall.
   */
  set(level: LoadLevel): Promise<{ confirmed: true } | { confirmed: false; shortfall: string }>;
  /** Opens a measurement window; the returned function closes it and gives the work done in it. */
  window(): () => LoadWork;
  stop(): void;
}

interface Tracked {
  worker: Worker;
  /** Iterations (busy worker) or completed dispatches (GPU loop). */
  count: number;
  /** Submitted dispatches (GPU loop); equal to `count` for a busy worker. */
  submitted: number;
  /** Busy worker: how long one iteration takes on a core of its own, ms (median of recent ones). */
  iterationMs: number;
  running: boolean;
  /** Messages received so far. */
  seq: number;
  error?: string;
  waiters: Set<() => void>;
}

const READY_LIMIT_MS = 20_000;
const SWITCH_LIMIT_MS = 20_000;

function track(worker: Worker): Tracked {
  const t: Tracked = {
    worker,
    count: 0,
    submitted: 0,
    iterationMs: 0,
    running: false,
    seq: 0,
    waiters: new Set(),
  };
  worker.addEventListener('message', (event: MessageEvent<Partial<BusyWorkerReport & GpuLoadReport>>) => {
    const d = event.data;
    t.seq++;
    if (typeof d.iterations === 'number') t.count = t.submitted = d.iterations;
    if (typeof d.dispatches === 'number') t.count = d.dispatches;
    if (typeof d.submitted === 'number') t.submitted = d.submitted;
    if (typeof d.iterationMs === 'number') t.iterationMs = d.iterationMs;
    if (typeof d.running === 'boolean') t.running = d.running;
    if (typeof d.error === 'string') t.error = d.error;
    for (const wake of [...t.waiters]) wake();
  });
  worker.addEventListener('error', (event) => {
    t.error = event.message || 'the worker failed';
    for (const wake of [...t.waiters]) wake();
  });
  return t;
}

/** Resolves true once `ok()` holds after one of `t`'s messages, false on its error or past `limitMs`. */
function until(t: Tracked, ok: () => boolean, limitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      t.waiters.delete(check);
      resolve(value);
    };
    const check = () => {
      if (ok()) done(true);
      else if (t.error !== undefined) done(false);
    };
    const timer = setTimeout(() => done(false), limitMs);
    t.waiters.add(check);
    check();
  });
}

/**
 * Switches one worker and waits until it confirms: work done after the switch, or stopped. Every
 * switch message is answered by at least one report, so only reports after it are read.
 */
function switchTo(t: Tracked, run: boolean, limitMs: number): Promise<boolean> {
  const submittedBefore = t.submitted;
  const seqBefore = t.seq;
  const confirmed = until(
    t,
    () => t.seq > seqBefore && (run ? t.running && t.submitted > submittedBefore : !t.running),
    limitMs,
  );
  t.worker.postMessage({ run } satisfies LoadCommand);
  return confirmed;
}

export async function startBackgroundLoad(
  ctx: ScenarioContext,
  maxBusyWorkers: number,
  gpu: boolean,
): Promise<BackgroundLoadPool> {
  const busy: Tracked[] = [];
  for (let i = 0; i < maxBusyWorkers; i++) {
    busy.push(
      track(
        ctx.adopt(
          new Worker(new URL('../../workers/busy-worker.ts', import.meta.url), {
            type: 'module',
            name: `busy CPU ${i + 1}`,
          }),
        ),
      ),
    );
  }
  // A busy worker announces itself once its script runs; every one must, or the load is a fiction.
  const ready = await Promise.all(busy.map((t) => until(t, () => t.seq > 0, READY_LIMIT_MS)));
  const missing = ready.filter((r) => !r).length;
  if (missing) throw new Error(`${missing} of ${maxBusyWorkers} busy CPU workers did not start within 20 s`);

  let gpuLoop: Tracked | undefined;
  let gpuError: string | undefined;
  if (gpu) {
    const worker = ctx.adopt(
      new Worker(new URL('../../workers/gpu-load-worker.ts', import.meta.url), {
        type: 'module',
        name: 'GPU loop',
      }),
    );
    const t = track(worker);
    const answer = await new Promise<{ ready?: boolean; error?: string }>((resolve) => {
      const timer = setTimeout(
        () => resolve({ error: 'the GPU loop did not start within 20 s' }),
        READY_LIMIT_MS,
      );
      worker.addEventListener('message', (event: MessageEvent<GpuLoadReport>) => {
        if (event.data.ready || event.data.error) {
          clearTimeout(timer);
          resolve(event.data);
        }
      });
      worker.addEventListener('error', (event) => {
        clearTimeout(timer);
        resolve({ error: event.message || 'the GPU loop worker failed' });
      });
    });
    if (answer.ready) gpuLoop = t;
    else gpuError = answer.error ?? 'the GPU loop did not start';
  }

  const all = () => [...busy, ...(gpuLoop ? [gpuLoop] : [])];
  return {
    gpuAvailable: gpuLoop !== undefined,
    ...(gpuError ? { gpuError } : {}),
    async set(level) {
      const wanted = new Set(busy.slice(0, level.busyWorkers));
      if (level.gpu && gpuLoop) wanted.add(gpuLoop);
      const results = await Promise.all(
        all().map(async (t) => ({
          t,
          on: wanted.has(t),
          ok: await switchTo(t, wanted.has(t), SWITCH_LIMIT_MS),
        })),
      );
      const failed = results.filter((r) => !r.ok);
      if (level.gpu && !gpuLoop) return { confirmed: false, shortfall: gpuError ?? 'no GPU loop' };
      if (!failed.length) return { confirmed: true };
      const name = (t: Tracked) => (t === gpuLoop ? 'the GPU loop' : `busy worker ${busy.indexOf(t) + 1}`);
      return {
        confirmed: false,
        shortfall: failed
          .map((r) => `${name(r.t)} did not ${r.on ? 'start' : 'stop'} within ${SWITCH_LIMIT_MS / 1000} s`)
          .join('; '),
      };
    },
    window() {
      const started = performance.now();
      const busyBefore = busy.map((t) => t.count);
      const gpuBefore = gpuLoop ? { count: gpuLoop.count, submitted: gpuLoop.submitted } : undefined;
      return () => {
        const windowMs = performance.now() - started;
        const deltas = busy.map((t, i) => t.count - (busyBefore[i] ?? 0));
        const cores = busy.reduce(
          (sum, t, i) => sum + (windowMs > 0 ? ((deltas[i] ?? 0) * t.iterationMs) / windowMs : 0),
          0,
        );
        const gpuDispatches = gpuLoop && gpuBefore ? gpuLoop.count - gpuBefore.count : 0;
        const gpuSubmitted = gpuLoop && gpuBefore ? gpuLoop.submitted - gpuBefore.submitted : 0;
        return {
          windowMs,
          busyWorkersRunning: deltas.filter((d) => d > 0).length,
          busyIterations: deltas.reduce((a, b) => a + b, 0),
          busyCores: cores,
          gpuDispatches,
          gpuRunning: gpuDispatches > 0 || gpuSubmitted > 0 || (gpuLoop?.running ?? false),
        };
      };
    },
    stop() {
      for (const t of all()) t.worker.terminate();
    },
  };
}
