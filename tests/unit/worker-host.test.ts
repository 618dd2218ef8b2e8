/**
 * The worker host shared by suite cases and scenario sessions (src/app/worker-host.ts): answers
 * pass through, a silent worker meets the watchdog (paused time aside), a worker `error` event and terminate() reject
 * the waiting calls. Node has no DOM Worker, so the worker is an EventTarget whose messages go
 * through a real MessageChannel to an API exposed with Comlink.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { hostWorker, WatchdogExpired, WorkerFailed } from '../../src/app/worker-host.ts';

const api = {
  double: async (n: number) => n * 2,
  /** Never answers (a hung library). */
  hang: () => new Promise<never>(() => {}),
};
type Api = typeof api;

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

class FakeWorker extends EventTarget {
  terminated = 0;
  readonly #port: MessagePort;
  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose(api, port2);
    this.#port = port1;
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.#port.postMessage(message, transfer ?? []);
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.#port.addEventListener(type, listener as EventListener);
    else super.addEventListener(type, listener);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.#port.removeEventListener(type, listener as EventListener);
    else super.removeEventListener(type, listener);
  }
  start(): void {
    this.#port.start();
  }
  terminate(): void {
    this.terminated++;
  }
  fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

function host() {
  let worker: FakeWorker | undefined;
  const hosted = hostWorker<Api>(() => {
    worker = new FakeWorker();
    return worker;
  });
  if (!worker) throw new Error('spawn was not called');
  return { hosted, worker };
}

describe('hostWorker', () => {
  it('spawns the worker once and passes answers through', async () => {
    const { hosted } = host();
    expect(await hosted.call((a) => a.double(21), 5_000)).toBe(42);
    expect(await hosted.call((a) => a.double(2), 5_000)).toBe(4);
  });

  it('rejects a call past its limit with WatchdogExpired', async () => {
    const { hosted } = host();
    const error = await hosted.call((a) => a.hang(), 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchdogExpired);
    expect((error as WatchdogExpired).limitMs).toBe(20);
  });

  it('does not count time spent in a paused watchdog toward the limit', async () => {
    const { hosted } = host();
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const answer = await hosted.call(async (a, watchdog) => {
      await watchdog.paused(() => sleep(120));
      return a.double(4);
    }, 60);
    expect(answer).toBe(8);
  });

  it('still expires after a pause once the time left runs out', async () => {
    const { hosted } = host();
    const started = performance.now();
    const error = await hosted
      .call(async (a, watchdog) => {
        await watchdog.paused(() => new Promise<void>((r) => setTimeout(r, 50)));
        return a.hang();
      }, 40)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchdogExpired);
    // The pause (50 ms) and the limit (40 ms) both passed before it expired.
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('rejects waiting and later calls with WorkerFailed when the worker raises an error event', async () => {
    const { hosted, worker } = host();
    const waiting = hosted.call((a) => a.hang(), 5_000);
    worker.fail('SyntaxError: unexpected token');
    await expect(waiting).rejects.toThrow(WorkerFailed);
    await expect(waiting).rejects.toThrow('SyntaxError: unexpected token');
    await expect(hosted.call((a) => a.double(1), 5_000)).rejects.toThrow(WorkerFailed);
  });

  it('names an error event without a message', async () => {
    const { hosted, worker } = host();
    const waiting = hosted.call((a) => a.hang(), 5_000);
    worker.fail('');
    await expect(waiting).rejects.toThrow('script error');
  });

  it('terminates once, and rejects calls still waiting', async () => {
    const { hosted, worker } = host();
    const waiting = hosted.call((a) => a.hang(), 5_000);
    hosted.terminate();
    hosted.terminate();
    expect(worker.terminated).toBe(1);
    await expect(waiting).rejects.toThrow(new WorkerFailed('terminated'));
  });

  it('turns a synchronous throw of the call into a rejection', async () => {
    const { hosted } = host();
    const call = hosted.call(() => {
      throw new Error('bad call');
    }, 5_000);
    await expect(call).rejects.toThrow('bad call');
  });
});
