/**
 * The page's side of one dedicated worker, the same for a suite case (case-runner.ts) and a
 * scenario session (scenarios/session.ts): spawns it, listens for its `error` event (a worker
 * script that fails to load or parse would otherwise leave a Comlink call waiting forever), runs
 * every call under a watchdog, and terminates it — which stops even a worker stuck in a busy loop.
 */
import * as Comlink from 'comlink';

/** The worker raised an `error` event (failed to load, parse or start), or was terminated. */
export class WorkerFailed extends Error {
  override readonly name = 'WorkerFailed';
}

/** A call outlived its limit; the worker may still be busy and should be terminated. */
export class WatchdogExpired extends Error {
  override readonly name = 'WatchdogExpired';
  constructor(readonly limitMs: number) {
    super(`no answer within ${limitMs} ms`);
  }
}

/** A call's watchdog, as the call sees it. */
export interface Watchdog {
  /** Runs `work` with the watchdog stopped; the time left before it runs again is what was left. */
  paused<T>(work: () => Promise<T>): Promise<T>;
}

/** The event target and message port a host needs; a DOM `Worker` is one. */
export type HostableWorker = Pick<Worker, 'addEventListener' | 'terminate'> & Comlink.Endpoint;

export interface WorkerHost<Api> {
  readonly api: Comlink.Remote<Api>;
  /**
   * Runs `fn` against the worker; rejects with {@link WatchdogExpired} past `limitMs`, with
   * {@link WorkerFailed} when the worker fails or is terminated first, else as `fn` does. Time
   * the call spends inside {@link Watchdog.paused} (work of the page's own, outside the case)
   * does not count toward the limit.
   */
  call<T>(fn: (api: Comlink.Remote<Api>, watchdog: Watchdog) => Promise<T>, limitMs: number): Promise<T>;
  /** Terminates the worker (idempotent); calls still waiting reject with {@link WorkerFailed}. */
  terminate(): void;
}

/**
 * Hosts the worker `spawn` creates. `spawn` should hold the literal
 * `new Worker(new URL('…', import.meta.url), { type: 'module' })`, which is what lets the bundler
 * find and build the worker's script.
 */
export function hostWorker<Api>(spawn: () => HostableWorker): WorkerHost<Api> {
  const worker = spawn();
  let fail: (error: WorkerFailed) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  worker.addEventListener('error', (event) => {
    fail(new WorkerFailed((event as ErrorEvent).message || 'script error'));
  });
  const api = Comlink.wrap<Api>(worker);
  let terminated = false;
  return {
    api,
    call<T>(fn: (api: Comlink.Remote<Api>, watchdog: Watchdog) => Promise<T>, limitMs: number): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let expire: () => void = () => {};
      const expired = new Promise<never>((_, reject) => {
        expire = () => reject(new WatchdogExpired(limitMs));
      });
      let left = limitMs;
      let since = performance.now();
      const start = () => {
        since = performance.now();
        timer = setTimeout(expire, left);
      };
      const stop = () => {
        clearTimeout(timer);
        left = Math.max(0, left - (performance.now() - since));
      };
      let pauses = 0;
      const watchdog: Watchdog = {
        async paused(work) {
          if (pauses++ === 0) stop();
          try {
            return await work();
          } finally {
            if (--pauses === 0) start();
          }
        },
      };
      start();
      // The executor turns a synchronous throw of `fn` into a rejection, so the timer is always cleared.
      const answer = new Promise<T>((resolve) => resolve(fn(api, watchdog)));
      return Promise.race([answer, expired, failed]).finally(() => {
        pauses = Number.POSITIVE_INFINITY;
        clearTimeout(timer);
      });
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      fail(new WorkerFailed('terminated'));
      worker.terminate();
    },
  };
}
