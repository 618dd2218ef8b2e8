/**
 * WebKit evaluates a module worker's entry a second time when a lazily loaded chunk imports from
 * it, so a worker can hold two copies of the harness modules. An `UnsupportedError` thrown by the
 * second copy must still make the case `unsupported`, and a second `expose` must not answer calls.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exposeOnce } from '../../src/workers/expose-once.ts';

describe('an UnsupportedError from another copy of the adapter module', () => {
  afterEach(() => vi.resetModules());

  it('is recognised although instanceof is not', async () => {
    const first = await import('../../src/measure/adapter.ts');
    vi.resetModules();
    const second = await import('../../src/measure/adapter.ts');
    expect(second.UnsupportedError).not.toBe(first.UnsupportedError);
    const foreign = new second.UnsupportedError('no WebGL2 here');
    expect(foreign instanceof first.UnsupportedError).toBe(false);
    expect(first.isUnsupportedError(foreign)).toBe(true);
    expect(first.isUnsupportedError(new second.FallbackError('ran on wasm'))).toBe(true);
  });

  it('is not confused with other errors', async () => {
    const { isUnsupportedError } = await import('../../src/measure/adapter.ts');
    const named = new Error('x');
    named.name = 'UnsupportedError';
    for (const value of [named, new TypeError('x'), 'UnsupportedError', null, undefined, {}])
      expect(isUnsupportedError(value)).toBe(false);
  });
});

describe('exposeOnce', () => {
  it('answers each call once when a worker entry runs twice', async () => {
    const { port1, port2 } = new MessageChannel();
    let calls = 0;
    const api = { hit: () => ++calls };
    expect(exposeOnce(api, port1 as unknown as Comlink.Endpoint)).toBe(true);
    expect(exposeOnce({ hit: () => ++calls }, port1 as unknown as Comlink.Endpoint)).toBe(false);
    const remote = Comlink.wrap<typeof api>(port2 as unknown as Comlink.Endpoint);
    expect(await remote.hit()).toBe(1);
    expect(await remote.hit()).toBe(2);
    expect(calls).toBe(2);
    port1.close();
    port2.close();
  });
});
