import { describe, expect, it } from 'vitest';
import type { OutputTensor } from '../../src/measure/adapter.ts';
import {
  ctcGreedyDecode,
  parseDictionary,
  runTaskCheck,
  type TaskCheckContext,
  textRegionMeans,
} from '../../src/measure/task-check.ts';
import { textLineBoxes } from '../../src/suite/text-input.ts';
import type { InputSpec, TaskCheck, TextFill } from '../../src/suite/types.ts';

const DICTIONARY = ['', 'A', 'B', ' '];

/** CTC scores [1, T, C] whose best class at step t is `best[t]` (probability 0.7, rest shared). */
function ctcScores(best: number[], classes = DICTIONARY.length): Float32Array {
  const data = new Float32Array(best.length * classes).fill(0.3 / (classes - 1));
  best.forEach((c, t) => {
    data[t * classes + c] = 0.7;
  });
  return data;
}

const tensor = (name: string, data: Float32Array, shape: number[]): OutputTensor => ({
  name,
  dtype: 'float32',
  shape,
  data,
});

const encode = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

const emptyContext: TaskCheckContext = { inputs: [], files: new Map() };

describe('CTC greedy decoding', () => {
  it('collapses repeats, drops blanks and keeps repeats separated by a blank', () => {
    const best = [1, 1, 0, 1, 2, 2, 3, 0, 2, 0, 0];
    expect(ctcGreedyDecode(ctcScores(best), [1, best.length, 4], DICTIONARY)).toBe('AAB B');
  });

  it('reads nothing from all blanks and works on [T, C] too', () => {
    expect(ctcGreedyDecode(ctcScores([0, 0, 0]), [1, 3, 4], DICTIONARY)).toBe('');
    expect(ctcGreedyDecode(ctcScores([2, 1]), [2, 4], DICTIONARY)).toBe('BA');
  });

  it('refuses scores with more classes than the dictionary', () => {
    expect(() => ctcGreedyDecode(ctcScores([1], 5), [1, 1, 5], DICTIONARY)).toThrow(/5 classes/);
  });

  it('parses a dictionary file: blank first, one entry a line, then the space', () => {
    expect(parseDictionary('A\r\nB\n', true)).toEqual(DICTIONARY);
    expect(parseDictionary('A\nB', false)).toEqual(['', 'A', 'B']);
  });
});

describe('task checks', () => {
  const ctc: TaskCheck = { kind: 'ctcText', output: 'y', dictionary: 'd.txt', space: true, expected: 'AB' };
  const files = new Map([['d.txt', encode('A\nB\n')]]);

  it('ctcText passes on the expected string and fails on another', () => {
    const good = runTaskCheck(ctc, [tensor('y', ctcScores([1, 0, 2]), [1, 3, 4])], { inputs: [], files });
    expect(good).toEqual({ ok: true, kind: 'ctcText', detail: 'read "AB"' });
    const bad = runTaskCheck(ctc, [tensor('y', ctcScores([2, 0, 1]), [1, 3, 4])], { inputs: [], files });
    expect(bad.ok).toBe(false);
    expect(bad.detail).toBe('read "BA", expected "AB"');
  });

  it('ctcText fails without its dictionary, and any check fails without its output', () => {
    const scores = [tensor('y', ctcScores([1]), [1, 1, 4])];
    expect(runTaskCheck(ctc, scores, emptyContext)).toMatchObject({ ok: false, detail: /d\.txt not loaded/ });
    expect(runTaskCheck(ctc, [], { inputs: [], files })).toMatchObject({
      ok: false,
      detail: 'no output "y"',
    });
  });

  it('maxBelow passes when every value is under the bound', () => {
    const check: TaskCheck = { kind: 'maxBelow', output: 'p', max: 0.1 };
    expect(runTaskCheck(check, [tensor('p', Float32Array.of(0.02, 0.05), [2])], emptyContext).ok).toBe(true);
    const fail = runTaskCheck(check, [tensor('p', Float32Array.of(0.02, 0.5), [2])], emptyContext);
    expect(fail).toEqual({ ok: false, kind: 'maxBelow', detail: 'max 0.500 ≥ 0.1' });
    expect(runTaskCheck(check, [tensor('p', Float32Array.of(Number.NaN), [1])], emptyContext).ok).toBe(false);
  });

  it('argmax passes when the expected class wins', () => {
    const check: TaskCheck = { kind: 'argmax', output: 'c', expected: 0, label: 'upright' };
    expect(runTaskCheck(check, [tensor('c', Float32Array.of(0.9, 0.1), [1, 2])], emptyContext)).toEqual({
      ok: true,
      kind: 'argmax',
      detail: 'class 0 (upright), p 0.900',
    });
    expect(runTaskCheck(check, [tensor('c', Float32Array.of(0.2, 0.8), [1, 2])], emptyContext).ok).toBe(
      false,
    );
  });

  describe('textRegions', () => {
    const fill: TextFill = {
      kind: 'text',
      layout: 'nchw',
      lines: [
        { text: 'AB 12', x: 10, y: 10, size: 20 },
        { text: 'XY', x: 30, y: 60, size: 16 },
      ],
      ink: 0,
      paper: 1,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    };
    const input: InputSpec = { name: 'x', dtype: 'float32', shape: [1, 3, 100, 200], fill };
    const check: TaskCheck = {
      kind: 'textRegions',
      output: 'map',
      input: 'x',
      margin: 2,
      insideMin: 0.5,
      outsideMax: 0.05,
    };
    /** A [1, 1, h, w] map: `inside` on the (scaled) text boxes, `outside` elsewhere. */
    function map(inside: number, outside: number, h = 100, w = 200): OutputTensor {
      const data = new Float32Array(h * w).fill(outside);
      for (const [x0, y0, x1, y1] of textLineBoxes(fill, 200, 100)) {
        for (let y = Math.floor((y0 * h) / 100); y < Math.ceil((y1 * h) / 100); y++)
          for (let x = Math.floor((x0 * w) / 200); x < Math.ceil((x1 * w) / 200); x++)
            data[y * w + x] = inside;
      }
      return tensor('map', data, [1, 1, h, w]);
    }
    const context = { inputs: [input], files: new Map() };

    it('passes when the map is high on the lines and low elsewhere, also at another resolution', () => {
      expect(runTaskCheck(check, [map(0.9, 0.01)], context).ok).toBe(true);
      expect(runTaskCheck(check, [map(0.9, 0.01, 50, 100)], context).ok).toBe(true);
      const means = textRegionMeans(map(0.9, 0).data as Float32Array, [1, 1, 100, 200], input, 2);
      expect(means.inside.map((m) => m.toFixed(2))).toEqual(['0.90', '0.90']);
      expect(means.outside).toBe(0);
    });

    it('fails on a map that is flat, dark on the lines, or lit outside them', () => {
      expect(runTaskCheck(check, [map(0.3, 0.3)], context).ok).toBe(false);
      expect(runTaskCheck(check, [map(0.01, 0.01)], context).ok).toBe(false);
      expect(runTaskCheck(check, [map(0.9, 0.2)], context).ok).toBe(false);
    });

    it('fails when the named input is not a text image', () => {
      const noise: InputSpec = { ...input, fill: { kind: 'uniform', min: 0, max: 1, seed: 1 } };
      const result = runTaskCheck(check, [map(0.9, 0)], { inputs: [noise], files: new Map() });
      expect(result).toMatchObject({ ok: false, detail: 'input "x" is not a text image' });
    });
  });
});
