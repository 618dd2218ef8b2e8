/**
 * Rankings from one run: ratio of each case to the fastest checked case of its model, and the
 * library ranking per network measured on several libraries.
 */
import { describe, expect, it } from 'vitest';
import { bestPerModel, formatRatio, rankNetworks, ratioToBest } from '../../src/report/ranking.ts';
import type { Case } from '../../src/schema/run.ts';
import { okCase } from '../support/records.ts';

const wrong = (c: Case): Case => ({
  ...c,
  status: 'wrong',
  check: { ...(c.check as NonNullable<Case['check']>), ok: false },
});

describe('ratio to the best case of a model', () => {
  const cases = [
    okCase('a', 'ort', 'wasm', 4),
    okCase('a', 'ort', 'webgpu', 2),
    wrong(okCase('a', 'tfjs', 'webgl', 1)),
    okCase('b', 'tfjs', 'cpu', 10),
    { ...okCase('b', 'tfjs', 'wasm', 0.5), status: 'error' as const },
  ];
  const best = bestPerModel(cases);

  it('takes the fastest ok case with a passing check, per model', () => {
    expect(best.get('a')).toBe(2);
    expect(best.get('b')).toBe(10);
  });

  it('gives each counting case its multiple of the best and none to the others', () => {
    expect(cases.map((c) => ratioToBest(c, best))).toEqual([2, 1, undefined, 1, undefined]);
  });

  it('does not count a case whose check failed even if its status says ok', () => {
    const failedCheck = {
      ...okCase('c', 'ort', 'wasm', 1),
      check: { ok: false, metric: 'maxAbsDiff', value: 1, tolerance: 0.1 },
    };
    expect(bestPerModel([failedCheck, okCase('c', 'ort', 'webgl', 3)]).get('c')).toBe(3);
  });
});

describe('library ranking per network', () => {
  const networkOf = (model: string) =>
    ({ 'sel-tflite': 'selfie', 'sel-tfjs': 'selfie', lone: 'lone' })[model];

  it('ranks libraries by their best case, fastest first, with ratios to the winner', () => {
    const rankings = rankNetworks(
      [
        okCase('sel-tflite', 'litert', 'wasm', 8, { threads: 1 }),
        okCase('sel-tflite', 'litert', 'webgpu', 400),
        okCase('sel-tfjs', 'tfjs', 'wasm', 12),
        okCase('sel-tfjs', 'tfjs', 'cpu', 40),
        okCase('lone', 'ort', 'wasm', 3),
        okCase('unpaired', 'ort', 'wasm', 1),
      ],
      networkOf,
    );
    expect(rankings).toHaveLength(1);
    const [selfie] = rankings;
    expect(selfie?.network).toBe('selfie');
    expect(selfie?.standings.map((s) => [s.runtime, s.backend, s.medianMs, s.ratio])).toEqual([
      ['litert', 'wasm', 8, 1],
      ['tfjs', 'wasm', 12, 1.5],
    ]);
    expect(selfie?.standings[0]?.model).toBe('sel-tflite');
  });

  it('leaves out a network whose second library has no correct case', () => {
    const rankings = rankNetworks(
      [okCase('sel-tflite', 'litert', 'wasm', 8), wrong(okCase('sel-tfjs', 'tfjs', 'wasm', 1))],
      networkOf,
    );
    expect(rankings).toEqual([]);
  });
});

it('formats ratios to about three significant digits', () => {
  expect([1, 1.234, 34.56, 1234.5].map(formatRatio)).toEqual(['1.00×', '1.23×', '34.6×', '1235×']);
});
