import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ItemTimes,
  pipelineFigures,
  pipelineHeadline,
  placementLabel,
  placementsOf,
  scheduleViolations,
  singleBackend,
  streamPipeline,
} from '../../src/scenarios/pipeline/stream.ts';

describe('placementsOf', () => {
  it('pairs every stage-1 backend with every stage-2 backend', () => {
    expect(placementsOf(['wasm', 'webgpu'], ['wasm', 'webgpu'])).toEqual([
      ['wasm', 'wasm'],
      ['wasm', 'webgpu'],
      ['webgpu', 'wasm'],
      ['webgpu', 'webgpu'],
    ]);
    expect(placementsOf(['wasm'], ['wasm', 'webgpu'])).toEqual([
      ['wasm', 'wasm'],
      ['wasm', 'webgpu'],
    ]);
    expect(placementsOf([], ['wasm'])).toEqual([]);
  });

  it('labels placements and tells single-backend ones', () => {
    expect(placementLabel(['wasm', 'webgpu'])).toBe('wasm→webgpu');
    expect(singleBackend(['wasm', 'wasm'])).toBe(true);
    expect(singleBackend(['webgpu', 'wasm'])).toBe(false);
  });
});

describe('streamPipeline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const after = (ms: number, bytes?: number) =>
    new Promise<{ serviceMs: number; bytes?: number }>((resolve) =>
      setTimeout(() => resolve({ serviceMs: ms, ...(bytes === undefined ? {} : { bytes }) }), ms),
    );

  async function run(s1: number, s2: number, items: number): Promise<ItemTimes[]> {
    const prepared: number[] = [];
    const done = streamPipeline(
      items,
      {
        stage1: () => after(s1, 100),
        prepare2: (i) => {
          prepared.push(i);
          return { payload: i, bytes: 50 };
        },
        stage2: () => after(s2),
      },
      () => Date.now(),
    );
    await vi.runAllTimersAsync();
    const out = await done;
    expect(prepared).toEqual([...Array(items).keys()]);
    return out;
  }

  it('overlaps stages and holds a finished item until stage 2 is free (stage 2 slower)', async () => {
    const items = await run(10, 30, 4);
    // item 0: s1 0–10, s2 10–40; item 1: s1 10–20, waits, s2 40–70;
    // item 2: s1 starts when item 1 is handed over (40), 40–50, s2 70–100; item 3: s1 70–80, s2 100–130.
    expect(items.map((t) => [t.s1Request, t.s1Reply, t.s2Ready, t.s2Request, t.s2Reply])).toEqual([
      [0, 10, 10, 10, 40],
      [10, 20, 40, 40, 70],
      [40, 50, 70, 70, 100],
      [70, 80, 100, 100, 130],
    ]);
    expect(scheduleViolations(items)).toEqual([]);
    const f = pipelineFigures(items);
    expect(f.endToEndMs).toEqual([40, 60, 60, 60]);
    expect(f.waitMs).toEqual([0, 20, 20, 20]);
    expect(f.handoffMs).toEqual([0, 0, 0, 0]);
    expect(f.messagingMs).toEqual([0, 0, 0, 0]);
    expect(f.steadyThroughputPerS).toBeCloseTo(2000 / 60, 12);
    expect(f.wallMs).toBe(130);
    expect(f.bytesPerItem).toBe(150);
  });

  it('runs stage 1 back to back when it is the slower stage', async () => {
    const items = await run(30, 10, 3);
    expect(items.map((t) => [t.s1Request, t.s2Request, t.s2Reply])).toEqual([
      [0, 30, 40],
      [30, 60, 70],
      [60, 90, 100],
    ]);
    const f = pipelineFigures(items);
    expect(f.endToEndMs).toEqual([40, 40, 40]);
    expect(f.steadyThroughputPerS).toBeCloseTo(1000 / 30, 12);
  });

  it('rejects when a stage fails', async () => {
    const done = streamPipeline(
      3,
      {
        stage1: () => after(5),
        prepare2: () => ({ payload: 0, bytes: 0 }),
        stage2: () => Promise.reject(new Error('boom')),
      },
      () => Date.now(),
    );
    const caught = done.catch((e: Error) => e.message);
    await vi.runAllTimersAsync();
    expect(await caught).toBe('boom');
  });
});

describe('scheduleViolations', () => {
  const ok: ItemTimes = {
    s1Request: 0,
    s1Reply: 10,
    s1ServiceMs: 9,
    s1Bytes: 0,
    s2Ready: 10,
    s2Request: 11,
    s2Reply: 20,
    s2ServiceMs: 8,
    s2Bytes: 0,
  };

  it('finds two items in one stage and a stage 2 started too early', () => {
    expect(
      scheduleViolations([ok, { ...ok, s1Request: 5, s1Reply: 15, s2Ready: 15, s2Request: 12, s2Reply: 30 }]),
    ).toEqual([
      'item 1: stage 2 started before stage 1 finished',
      'item 1: two items in stage 1',
      'item 1: two items in stage 2',
    ]);
  });

  it('finds an item without a stage-2 reply', () => {
    expect(scheduleViolations([{ ...ok, s2Reply: Number.NaN }])).toEqual([
      'item 0: stage 2 has no reply after its request',
    ]);
  });

  it('has too few items for a steady-state throughput below three', () => {
    expect(pipelineFigures([ok, ok]).steadyThroughputPerS).toBeNaN();
  });
});

describe('pipelineHeadline', () => {
  const o = (a: string, b: string, throughputPerS: number, latencyMs: number) => ({
    placement: [a, b] as const,
    throughputPerS,
    latencyMs,
  });

  it('compares the best placement with the best single-backend one', () => {
    expect(
      pipelineHeadline([
        o('wasm', 'wasm', 20, 80),
        o('wasm', 'webgpu', 30, 60),
        o('webgpu', 'wasm', 10, 120),
        o('webgpu', 'webgpu', 5, 200),
      ]),
    ).toEqual({
      value: 1.5,
      text: 'best placement wasm→webgpu 30.0 items/s, 60.0 ms per item end to end: 1.50× the throughput of the best single-backend one (wasm→wasm 20.0 items/s, 80.0 ms per item end to end)',
    });
  });

  it('says so when a single-backend placement is best', () => {
    expect(pipelineHeadline([o('wasm', 'wasm', 20, 80), o('wasm', 'webgpu', 12, 90)])).toEqual({
      value: 1,
      text: 'best placement is single-backend: wasm→wasm 20.0 items/s, 80.0 ms per item end to end; best mixed wasm→webgpu 12.0 items/s, 90.0 ms per item end to end',
    });
  });

  it('ignores placements without a throughput and has nothing to say without any', () => {
    expect(pipelineHeadline([o('wasm', 'wasm', Number.NaN, 80)])).toBeUndefined();
    expect(pipelineHeadline([o('webgpu', 'wasm', 4, 50), o('wasm', 'wasm', Number.NaN, 1)])?.text).toBe(
      'best placement webgpu→wasm 4.0 items/s, 50.0 ms per item end to end (no single-backend placement ran)',
    );
  });
});
