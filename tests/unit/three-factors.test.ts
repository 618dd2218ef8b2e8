import { describe, expect, it } from 'vitest';
import { allThreeFactors, type FactorInput, threeFactors } from '../../src/report/three-factors.ts';

const row = (
  runtime: string,
  backend: string,
  medianMs: number,
  stored: FactorInput['stored'] = 'float32',
  extra: Partial<FactorInput> = {},
): FactorInput => ({
  network: 'zoo-mobilenet-v2',
  runtime,
  backend,
  stored,
  computed: stored === 'uint8' ? 'float32' : stored,
  medianMs,
  ...extra,
});

describe('threeFactors', () => {
  it('sets the library spread, the best number-format gain and the best GPU gain side by side', () => {
    const t = threeFactors('zoo-mobilenet-v2', [
      row('ort', 'wasm', 40, 'float32', { bytes: 14_000_000 }),
      row('ort', 'wasm', 20, 'int8', { bytes: 3_600_000 }),
      row('ort', 'webgpu', 30),
      row('litert', 'wasm', 25),
      row('litert', 'wasm', 28, 'float16'),
      row('tfjs', 'cpu', 400),
      row('tfjs', 'wasm', 50),
      row('tfjs', 'webgl', 10),
    ]);
    expect(t.librarySpread).toEqual({ fastest: 'litert', slowest: 'tfjs', ratio: 2 });
    expect(t.bestFormat).toEqual({ runtime: 'ort', stored: 'int8', computed: 'int8', gain: 2 });
    expect(t.bestGpu).toEqual({ runtime: 'tfjs', backend: 'webgl', gain: 5 });
    expect(t.verdict).toBe('GPU');
    const ort = t.libraries.find((l) => l.runtime === 'ort');
    expect(ort?.formats[0]?.sizeRatio).toBeCloseTo(3.6 / 14, 9);
    // A slower reduced format is a gain below 1, kept as measured.
    expect(t.libraries.find((l) => l.runtime === 'litert')?.formats[0]?.gain).toBeCloseTo(25 / 28, 9);
  });

  it('uses each library at its best CPU backend, and a GPU float32 case never as the CPU base', () => {
    const t = threeFactors('n', [row('tfjs', 'cpu', 400), row('tfjs', 'wasm', 50), row('tfjs', 'webgpu', 5)]);
    expect(t.libraries[0]?.cpu).toEqual({ backend: 'wasm', medianMs: 50 });
    expect(t.libraries[0]?.gpu).toEqual({ backend: 'webgpu', medianMs: 5, gain: 10 });
  });

  it('gives the verdict to the library when choosing it buys the most', () => {
    const t = threeFactors('n', [
      row('ort', 'wasm', 100),
      row('ort', 'wasm', 80, 'int8'),
      row('litert', 'wasm', 20),
    ]);
    expect(t.verdict).toBe('library');
    expect(t.librarySpread?.ratio).toBe(5);
  });

  it('judges nothing with one factor measured, or when no factor speeds anything up', () => {
    expect(threeFactors('n', [row('ort', 'wasm', 40), row('litert', 'wasm', 50)]).verdict).toBeUndefined();
    const slower = threeFactors('n', [
      row('ort', 'wasm', 40),
      row('ort', 'wasm', 60, 'int8'),
      row('ort', 'webgl', 80),
    ]);
    expect(slower.librarySpread).toBeUndefined();
    expect(slower.verdict).toBeUndefined();
  });

  it('has no format gain for a library without a float32 CPU case to compare with', () => {
    const t = threeFactors('n', [row('ort', 'wasm', 20, 'int8'), row('litert', 'wasm', 30)]);
    expect(t.libraries.find((l) => l.runtime === 'ort')?.formats).toEqual([]);
    expect(t.bestFormat).toBeUndefined();
  });

  it('keeps a weights-only format in the table but out of the verdict (it computes in float32)', () => {
    const t = threeFactors('n', [
      row('tfjs', 'wasm', 50),
      row('tfjs', 'wasm', 30, 'uint8'),
      row('ort', 'wasm', 60),
      row('ort', 'wasm', 40, 'float16', { computed: 'float32' }),
    ]);
    expect(t.libraries.find((l) => l.runtime === 'tfjs')?.formats[0]).toMatchObject({
      stored: 'uint8',
      computed: 'float32',
    });
    expect(t.bestFormat).toBeUndefined();
    expect(t.verdict).toBeUndefined();
  });
});

describe('a weights-only entry standing in for its network at float32', () => {
  it('is its library’s float32 baseline, so a library with only float16 weights is in the spread', () => {
    // BlazePose: MediaPipe's .tflite and Human's TF.js both store float16 weights, compute float32.
    const fp16 = { computed: 'float32' as const, standIn: true };
    const t = threeFactors('pose', [
      row('litert', 'wasm', 20, 'float16', { ...fp16, bytes: 6_400_000 }),
      row('litert', 'webgpu', 80, 'float16', fp16),
      row('tfjs', 'wasm', 50, 'float16', fp16),
      row('ort', 'wasm', 30),
    ]);
    expect(t.librarySpread).toEqual({ fastest: 'litert', slowest: 'tfjs', ratio: 2.5 });
    const litert = t.libraries.find((l) => l.runtime === 'litert');
    expect(litert?.cpu).toEqual({ backend: 'wasm', medianMs: 20, bytes: 6_400_000, stored: 'float16' });
    expect(litert?.gpu).toEqual({ backend: 'webgpu', medianMs: 80, gain: 0.25 });
    expect(litert?.formats).toEqual([]);
    // A float32 file keeps no `stored`.
    expect(t.libraries.find((l) => l.runtime === 'ort')?.cpu).toEqual({ backend: 'wasm', medianMs: 30 });
  });

  it('gives a format no size ratio to a stand-in’s float16 file (a ratio is to float32)', () => {
    const t = threeFactors('n', [
      row('litert', 'wasm', 20, 'float16', { computed: 'float32', standIn: true, bytes: 500 }),
      row('litert', 'wasm', 10, 'int8', { bytes: 260 }),
    ]);
    expect(t.libraries[0]?.formats[0]?.gain).toBe(2);
    expect(t.libraries[0]?.formats[0]?.sizeRatio).toBeUndefined();
  });

  it('is not a format gain beside the same library’s float32, and an int8 beside it is', () => {
    const t = threeFactors('n', [
      row('litert', 'wasm', 20, 'float16', { computed: 'float32', standIn: true }),
      row('litert', 'wasm', 10, 'int8'),
    ]);
    expect(t.libraries[0]?.formats.map((f) => [f.stored, f.gain])).toEqual([['int8', 2]]);
  });
});

describe('threeFactors: number formats on the GPU', () => {
  it('weighs a format computed on a GPU backend against its library’s best float32 GPU median', () => {
    const t = threeFactors('n', [
      row('litert', 'wasm', 20),
      row('litert', 'webgpu', 400),
      row('litert', 'webgpu', 250, 'float16', { bytes: 7 }),
      // Another library's GPU float32 is not this library's base.
      row('tfjs', 'webgl', 100),
    ]);
    const litert = t.libraries.find((l) => l.runtime === 'litert');
    expect(litert?.formats).toEqual([]);
    expect(litert?.gpuFormats).toEqual([
      { stored: 'float16', computed: 'float16', backend: 'webgpu', medianMs: 250, gain: 1.6 },
    ]);
    expect(t.bestFormat).toEqual({
      runtime: 'litert',
      stored: 'float16',
      computed: 'float16',
      gain: 1.6,
      onGpu: true,
    });
    // The GPU factor itself still compares float32 on the CPU with float32 on the GPU.
    expect(litert?.gpu).toEqual({ backend: 'webgpu', medianMs: 400, gain: 0.05 });
  });

  it('lets a GPU format gain win the number-format factor when it beats the CPU ones', () => {
    const t = threeFactors('n', [
      row('ort', 'wasm', 40),
      row('ort', 'wasm', 32, 'int8'),
      row('ort', 'webgpu', 10),
      row('ort', 'webgpu', 4, 'float16'),
    ]);
    expect(t.bestFormat).toMatchObject({ stored: 'float16', gain: 2.5, onGpu: true });
    expect(t.libraries[0]?.formats[0]).toMatchObject({ stored: 'int8', gain: 1.25 });
    expect(t.libraries[0]?.formats[0]?.backend).toBe('wasm');
    expect(t.verdict).toBe('GPU');
  });

  it('keeps a weights-only format on the GPU in the table but out of the verdict', () => {
    const t = threeFactors('n', [
      row('tfjs', 'wasm', 50),
      row('tfjs', 'webgl', 100),
      row('tfjs', 'webgl', 20, 'float16', { computed: 'float32' }),
    ]);
    expect(t.libraries[0]?.gpuFormats[0]).toMatchObject({ stored: 'float16', computed: 'float32', gain: 5 });
    expect(t.bestFormat).toBeUndefined();
  });

  it('has no GPU format gain without a float32 GPU case of the same library', () => {
    const t = threeFactors('n', [row('mediapipe', 'wasm', 20), row('mediapipe', 'webgl', 60, 'float16')]);
    expect(t.libraries[0]?.gpuFormats).toEqual([]);
    expect(t.libraries[0]?.formats).toEqual([]);
    expect(t.bestFormat).toBeUndefined();
  });
});

describe('allThreeFactors', () => {
  it('keeps networks with something to compare, sorted by id', () => {
    const rows = [
      { ...row('ort', 'wasm', 10), network: 'b' },
      { ...row('litert', 'wasm', 12), network: 'b' },
      { ...row('ort', 'wasm', 10), network: 'a' },
      { ...row('ort', 'wasm', 5, 'int8'), network: 'a' },
      { ...row('ort', 'wasm', 10), network: 'c' },
    ];
    expect(allThreeFactors(rows).map((t) => t.network)).toEqual(['a', 'b']);
  });
});
