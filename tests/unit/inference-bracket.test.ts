/**
 * The one inference bracket and the warm-up that suite cases and scenario sessions share
 * (src/measure/inference.ts), on a fake clock: exact times, the feed, the readback guard.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedModel, OutputTensor } from '../../src/measure/adapter.ts';
import { bracketInfer, type Infer, ReadbackError, warmUp } from '../../src/measure/inference.ts';
import type { InputTensor } from '../../src/suite/inputs.ts';
import { FakeClock } from './fakes/scripted-adapter.ts';

const input = (value: number): InputTensor => ({
  name: 'x',
  dtype: 'float32',
  shape: [1],
  data: Float32Array.of(value),
});

/** A session whose run() takes `ms` on the clock and echoes its input as output `y`. */
function echoSession(clock: FakeClock, ms: number, data?: unknown): LoadedModel {
  return {
    async run(inputs) {
      clock.advance(ms);
      const out = { name: 'y', dtype: 'float32', shape: [1], data: data ?? inputs[0]?.data } as OutputTensor;
      return [out];
    },
    info: () => ({ actualBackend: 'wasm', libraryVersion: '0', options: {}, notes: [] }),
    dispose: async () => {},
  };
}

describe('bracketInfer', () => {
  it('reads the clock right before run() and right after it resolves', async () => {
    const clock = new FakeClock();
    clock.advance(100);
    const infer = bracketInfer(echoSession(clock, 7), [input(1)], clock.now);
    const done = await infer();
    expect(done.startMs).toBe(100);
    expect(done.ms).toBe(7);
    expect(clock.t).toBe(107);
  });

  it('runs on the session inputs, or on the feed it is given', async () => {
    const clock = new FakeClock();
    const infer = bracketInfer(echoSession(clock, 1), [input(1)], clock.now);
    expect([...((await infer()).outputs[0]?.data ?? [])]).toEqual([1]);
    expect([...((await infer([input(5)])).outputs[0]?.data ?? [])]).toEqual([5]);
  });

  it('refuses outputs that were not read back to CPU memory', async () => {
    const clock = new FakeClock();
    const infer = bracketInfer(echoSession(clock, 1, [1, 2]), [input(1)], clock.now);
    await expect(infer()).rejects.toThrow(ReadbackError);
    await expect(infer()).rejects.toThrow('output "y" was not read back to CPU memory');
  });
});

describe('warmUp', () => {
  /** An infer taking `ms` in its bracket and `gap` outside it (the caller's own overhead). */
  function inferTaking(clock: FakeClock, ms: number, gap = 0): Infer {
    const inner = bracketInfer(echoSession(clock, ms), [input(1)], clock.now);
    return async () => {
      const done = await inner();
      clock.advance(gap);
      return done;
    };
  }

  it('runs at least warmupRuns inferences', async () => {
    const clock = new FakeClock();
    expect(await warmUp(inferTaking(clock, 10), { warmupRuns: 3, warmupMs: 0 }, clock.now)).toEqual({
      runs: 3,
      totalMs: 30,
    });
  });

  it('keeps going until warmupMs have passed, overshooting by one run at most', async () => {
    const clock = new FakeClock();
    expect(await warmUp(inferTaking(clock, 10), { warmupRuns: 1, warmupMs: 25 }, clock.now)).toEqual({
      runs: 3,
      totalMs: 30,
    });
  });

  it('sums the bracketed times only, while wall time decides when to stop', async () => {
    const clock = new FakeClock();
    // 4 ms inside the bracket, 6 ms outside: 10 ms a run of wall time.
    expect(await warmUp(inferTaking(clock, 4, 6), { warmupRuns: 0, warmupMs: 20 }, clock.now)).toEqual({
      runs: 2,
      totalMs: 8,
    });
  });

  it('runs nothing for an empty budget', async () => {
    const clock = new FakeClock();
    expect(await warmUp(inferTaking(clock, 10), { warmupRuns: 0, warmupMs: 0 }, clock.now)).toEqual({
      runs: 0,
      totalMs: 0,
    });
  });
});
