/** Split-batch bookkeeping: shares per ratio, the balancing ratio, predictions and the verdict. */
import { describe, expect, it } from 'vitest';
import {
  balancedRatio,
  predictedBestRatio,
  predictedMakespanMs,
  splitShares,
  splitVerdict,
} from '../../src/scenarios/split/plan.ts';

describe('splitShares', () => {
  it('gives the gpu round(K·r) items and the cpu the rest', () => {
    expect(splitShares(8, 0)).toEqual({ cpu: 8, gpu: 0 });
    expect(splitShares(8, 0.25)).toEqual({ cpu: 6, gpu: 2 });
    expect(splitShares(8, 1)).toEqual({ cpu: 0, gpu: 8 });
    expect(splitShares(32, 0.375)).toEqual({ cpu: 20, gpu: 12 });
    expect(splitShares(32, 0.125)).toEqual({ cpu: 28, gpu: 4 });
  });

  it('rounds true halves up (towards the gpu), and is not fooled by binary fractions', () => {
    expect(splitShares(5, 0.5)).toEqual({ cpu: 2, gpu: 3 });
    expect(splitShares(3, 0.5)).toEqual({ cpu: 1, gpu: 2 });
    expect(splitShares(30, 0.1)).toEqual({ cpu: 27, gpu: 3 }); // 0.1 × 30 = 3.0000000000000004
    expect(splitShares(100, 0.145)).toEqual({ cpu: 85, gpu: 15 }); // 0.145 × 100 = 14.499999999999998
  });

  it('always adds up to the batch', () => {
    for (let k = 1; k <= 40; k++) {
      for (let i = 0; i <= 16; i++) {
        const s = splitShares(k, i / 16);
        expect(s.cpu + s.gpu).toBe(k);
        expect(s.cpu).toBeGreaterThanOrEqual(0);
        expect(s.gpu).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('rejects a ratio outside 0–1 and a batch that is not a positive whole number', () => {
    for (const r of [-0.1, 1.5, Number.NaN]) expect(() => splitShares(8, r)).toThrow(/ratio/);
    for (const k of [0, -1, 2.5]) expect(() => splitShares(k, 0.5)).toThrow(/batch/);
  });
});

describe('balance and prediction', () => {
  it('balances K·r·s_gpu = K·(1 − r)·s_cpu', () => {
    expect(balancedRatio(3, 1)).toBe(0.75); // gpu 3× faster: three quarters on it
    expect(balancedRatio(1, 3)).toBe(0.25);
    expect(balancedRatio(5, 5)).toBe(0.5);
    expect(() => balancedRatio(0, 1)).toThrow();
    expect(() => balancedRatio(1, Number.NaN)).toThrow();
  });

  it('predicts the makespan as the slower of the two shares', () => {
    expect(predictedMakespanMs({ cpu: 2, gpu: 6 }, 3, 1)).toBe(6);
    expect(predictedMakespanMs({ cpu: 8, gpu: 0 }, 3, 1)).toBe(24);
    expect(predictedMakespanMs({ cpu: 0, gpu: 8 }, 3, 1)).toBe(8);
  });

  it('picks the tested ratio with the smallest predicted makespan', () => {
    const ratios = [0, 0.25, 0.5, 0.75, 1];
    expect(predictedBestRatio(8, ratios, 3, 1)).toBe(0.75);
    expect(predictedBestRatio(8, ratios, 1, 3)).toBe(0.25);
    expect(predictedBestRatio(8, [], 1, 3)).toBeUndefined();
  });
});

describe('splitVerdict', () => {
  it('reports a gain when a split beats both single backends', () => {
    const v = splitVerdict([
      { ratio: 0, throughputPerS: 100 },
      { ratio: 0.5, throughputPerS: 150 },
      { ratio: 1, throughputPerS: 120 },
    ]);
    expect(v).toEqual({
      bestRatio: 0.5,
      bestThroughputPerS: 150,
      singleRatio: 1,
      singleThroughputPerS: 120,
      gain: 1.25,
      bestSplitRatio: 0.5,
      splitGain: 1.25,
    });
  });

  it('reports an honest loss when the best split is slower than a single backend', () => {
    const v = splitVerdict([
      { ratio: 0, throughputPerS: 100 },
      { ratio: 0.5, throughputPerS: 90 },
      { ratio: 1, throughputPerS: 120 },
    ]);
    expect(v?.bestRatio).toBe(1);
    expect(v?.gain).toBe(1);
    expect(v?.bestSplitRatio).toBe(0.5);
    expect(v?.splitGain).toBe(0.75);
  });

  it('needs both single-backend baselines', () => {
    expect(
      splitVerdict([
        { ratio: 0, throughputPerS: 1 },
        { ratio: 0.5, throughputPerS: 2 },
      ]),
    ).toBeUndefined();
  });
});
