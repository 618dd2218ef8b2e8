/**
 * The study's figures of one scenario result, from its scenario's module: the split gain from the
 * configurations when there is no headline, the dynamic gain at the highest load ≤ 0.8, an
 * interference flip or none, and `undefined` whenever what a figure needs is missing.
 */
import { describe, expect, it } from 'vitest';
import { dynamicGain } from '../../src/scenarios/dynamic/figures.ts';
import { interferenceFlip } from '../../src/scenarios/interference/figures.ts';
import { splitGain } from '../../src/scenarios/split/figures.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  latency,
  STEADY_LEVELS,
  scenarioResult,
  splitParams,
  splitResult,
} from '../support/scenario-records.ts';

describe('splitGain', () => {
  it('takes the headline value when there is one', () => {
    const result = {
      ...splitResult({ 0: 100, 0.25: 80, 1: 120 }),
      headline: { metric: 'x', value: 1.3, text: '' },
    };
    expect(splitGain(result)?.gain).toBe(1.3);
  });
  it('derives best single over best split from the configurations otherwise (median of repeats)', () => {
    const result = splitResult({ 0: 100, 0.25: 80, 1: 120 }, false);
    result.configs.push({ label: 'again', params: splitParams(0.25), metrics: { makespanMs: 60 } });
    result.configs.push({ label: 'again', params: splitParams(0.25), metrics: { makespanMs: 70 } });
    expect(splitGain(result)).toEqual({
      gain: 100 / 70,
      detail: 'best split at ratio 0.25 vs the best single backend',
    });
  });
  it('falls back to the median latency, and gives up without a single or a split configuration', () => {
    const medians = scenarioResult('split', [
      { label: 'a', params: splitParams(0), latency: latency(50) },
      { label: 'b', params: splitParams(0.5), latency: latency(40) },
    ]);
    expect(splitGain(medians)?.gain).toBe(1.25);
    expect(splitGain(splitResult({ 0: 50, 1: 60 }, false))).toBeUndefined();
    expect(splitGain(splitResult({ 0.25: 50, 0.5: 60 }, false))).toBeUndefined();
    expect(
      splitGain(scenarioResult('split', [{ label: 'no figure', params: splitParams(0.5) }])),
    ).toBeUndefined();
  });
});

describe('dynamicGain', () => {
  it('reads the highest load ≤ 0.8 with fixed and another policy', () => {
    const result = dynamicResult([
      [0.3, 'fixed', 20],
      [0.3, 'round-robin', 10],
      [0.7, 'fixed', 30],
      [0.7, 'least-loaded', 20],
      [0.8, 'least-loaded', 5],
      [1.0, 'fixed', 99],
      [1.0, 'least-loaded', 9],
    ]);
    expect(dynamicGain(result)).toEqual({ gain: 1.5, detail: 'least-loaded vs fixed, p99 at load 0.7' });
  });
  it('reads a gain below 1 when fixed wins, and gives up without p99s', () => {
    const fixedWins = scenarioResult('dynamic', [
      { label: 'f', params: { policy: 'fixed', load: 0.5, ratePerS: 50 }, latency: latency(5, 10) },
      { label: 'r', params: { policy: 'round-robin', load: 0.5, ratePerS: 50 }, latency: latency(5, 20) },
    ]);
    expect(dynamicGain(fixedWins)?.gain).toBe(0.5);
    const bare = scenarioResult('dynamic', [
      { label: 'f', params: { policy: 'fixed', load: 0.5, ratePerS: 50 } },
      { label: 'r', params: { policy: 'round-robin', load: 0.5, ratePerS: 50 } },
    ]);
    expect(dynamicGain(bare)).toBeUndefined();
  });
});

describe('interferenceFlip', () => {
  it('names the first level whose fastest backend differs from the idle one', () => {
    expect(interferenceFlip(interferenceResult(FLIPPING_LEVELS))).toEqual({
      level: '2 busy CPU workers',
      busyWorkers: 2,
      gpuLoad: false,
      from: 'wasm',
      to: 'webgpu',
    });
  });
  it('null when the same backend stays fastest, undefined when there is nothing to compare', () => {
    expect(interferenceFlip(interferenceResult(STEADY_LEVELS))).toBeNull();
    expect(interferenceFlip(interferenceResult(FLIPPING_LEVELS.slice(0, 1)))).toBeUndefined();
    expect(interferenceFlip(scenarioResult('interference', []))).toBeUndefined();
  });
});
