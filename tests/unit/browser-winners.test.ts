/**
 * "Does the fastest library change with the browser?" from hand-built summary groups: which
 * comparisons exist, each browser's winner and margin, and the verdict — same library, a flip
 * beyond noise, a difference within noise or only for want of data.
 */
import { describe, expect, it } from 'vitest';
import { browserComparisons, verdictOf, verdictText } from '../../src/dashboard/browser-winners.ts';
import { browserLabel } from '../../src/dashboard/model.ts';
import type { SummaryEntry, SummaryGroup } from '../../src/schema/api.ts';
import { networkOf } from '../../src/suite/catalog.ts';
import { summaryEntry } from '../support/summary-entries.ts';

/** An entry with a ±`spread` CI around its median. */
const entry = (runtime: string, backend: string, medianMs: number, spread = 0.05): SummaryEntry =>
  summaryEntry(runtime, backend, medianMs, { spread });

const ENGINES: Record<string, string> = {
  Chrome: 'Blink',
  Chromium: 'Blink',
  Firefox: 'Gecko',
  Safari: 'WebKit',
};

function group(
  model: string,
  browser: string,
  entries: SummaryEntry[],
  deviceGroup = 'Linux desktop',
  engine = ENGINES[browser] ?? 'Blink',
  emulated = false,
): SummaryGroup {
  const sorted = [...entries].sort((a, b) => a.medianMs - b.medianMs);
  return { model, deviceGroup, browser, engine, emulated, runs: 3, devices: 1, entries: sorted };
}

const winnersTable = (groups: SummaryGroup[], filters = {}) =>
  browserComparisons(groups, networkOf, filters).map((c) => [
    c.kind,
    c.subject,
    c.deviceGroup,
    c.verdict,
    c.browsers.map((b) => [b.name, b.libraries[0]?.label, b.margin, b.clear]),
  ]);

describe('does the fastest library change with the browser', () => {
  it('says "same" when one library wins in every browser', () => {
    const groups = [
      group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      group('m', 'Firefox', [entry('ort', 'wasm', 12), entry('tfjs', 'cpu', 36)]),
    ];
    expect(winnersTable(groups)).toEqual([
      [
        'model',
        'm',
        'Linux desktop',
        'same',
        [
          ['Chromium', 'ort · wasm', 2, true],
          ['Firefox', 'ort · wasm', 3, true],
        ],
      ],
    ]);
    expect(browserComparisons(groups, networkOf)[0]?.winners).toEqual(['ort']);
  });

  it('flags a flip when two browsers rank the same two libraries in opposite orders, beyond noise', () => {
    const groups = [
      group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'webgl', 20)]),
      group('m', 'Firefox', [entry('ort', 'wasm', 30), entry('tfjs', 'wasm', 15)]),
    ];
    const [c] = browserComparisons(groups, networkOf);
    expect(c?.verdict).toBe('flip');
    expect(c?.winners).toEqual(['ort', 'tfjs']);
    expect(c?.browsers.map((b) => [b.name, b.libraries.map((l) => l.label), b.margin])).toEqual([
      ['Chromium', ['ort · wasm', 'tfjs · webgl'], 2],
      ['Firefox', ['tfjs · wasm', 'ort · wasm'], 2],
    ]);
  });

  it('leaves out device groups measured in one browser, and subjects only one library ran', () => {
    const groups = [
      // One browser on the phone: nothing to compare.
      group('m', 'Chrome', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)], 'Pixel 8 · Android'),
      // Two browsers, but only ort ran this model anywhere: the library cannot change.
      group('only-ort', 'Chromium', [entry('ort', 'wasm', 10), entry('ort', 'webgpu', 5)]),
      group('only-ort', 'Firefox', [entry('ort', 'wasm', 11)]),
    ];
    expect(browserComparisons(groups, networkOf)).toEqual([]);
  });

  it('calls a tie or overlapping intervals "uncertain", never a flip', () => {
    const tie = [
      group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 10)]),
      group('m', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 11)]),
    ];
    // On a tie the library name breaks it, so each browser names a winner; the margin says 1.
    expect(winnersTable(tie)).toEqual([
      [
        'model',
        'm',
        'Linux desktop',
        'uncertain',
        [
          ['Chromium', 'ort · wasm', 1, false],
          ['Firefox', 'tfjs · wasm', 1.1, false],
        ],
      ],
    ]);
    const wide = [
      group('m', 'Chromium', [entry('ort', 'wasm', 10, 0.3), entry('tfjs', 'wasm', 12, 0.3)]),
      group('m', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
    ];
    expect(browserComparisons(wide, networkOf)[0]?.verdict).toBe('uncertain');
  });

  it('calls a difference "incomplete" when a browser has no result for the other winner', () => {
    const groups = [
      group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      // ort failed (or was not run) in Safari: tfjs wins there unopposed.
      group('m', 'Safari', [entry('tfjs', 'wasm', 25)]),
    ];
    const [c] = browserComparisons(groups, networkOf);
    expect(c?.verdict).toBe('incomplete');
    expect(c?.browsers.find((b) => b.browser === 'Safari')).toMatchObject({
      margin: undefined,
      clear: false,
    });
  });

  it('finds the flip between two of three browsers even when the third lacks a result', () => {
    const browsers = browserComparisons(
      [
        group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
        group('m', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
        group('m', 'Safari', [entry('tfjs', 'wasm', 10)]),
      ],
      networkOf,
    )[0]?.browsers;
    expect(browsers && verdictOf(browsers)).toBe('flip');
  });

  it('ranks a network by each library’s fastest format, and keeps iOS Chrome (WebKit) apart', () => {
    const iphone = 'iPhone · iOS';
    const groups = [
      group('zoo-mobilenet-v2-onnx', 'Mobile Safari', [entry('ort', 'wasm', 30)], iphone, 'WebKit'),
      group('zoo-mobilenet-v2-tflite', 'Mobile Safari', [entry('litert', 'wasm', 20)], iphone, 'WebKit'),
      group('zoo-mobilenet-v2-onnx', 'Chrome', [entry('ort', 'wasm', 18)], iphone, 'WebKit'),
      group('zoo-mobilenet-v2-tflite', 'Chrome', [entry('litert', 'wasm', 36)], iphone, 'WebKit'),
    ];
    expect(winnersTable(groups)).toEqual([
      [
        'network',
        'zoo-mobilenet-v2',
        iphone,
        'flip',
        [
          ['Chrome (WebKit)', 'ort · wasm', 2, true],
          ['Mobile Safari', 'litert · wasm', 1.5, true],
        ],
      ],
    ]);
    const [c] = browserComparisons(groups, networkOf);
    expect(c?.browsers[0]?.libraries.map((l) => l.model)).toEqual([
      'zoo-mobilenet-v2-onnx',
      'zoo-mobilenet-v2-tflite',
    ]);
  });

  it('never compares an emulated group with a real one, and puts flips first', () => {
    const groups = [
      group('a', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      group('a', 'Firefox', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      group('z', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      group('z', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
      group(
        'z',
        'Chromium',
        [entry('ort', 'wasm', 1), entry('tfjs', 'wasm', 2)],
        'Linux desktop',
        'Blink',
        true,
      ),
    ];
    expect(winnersTable(groups).map((row) => row.slice(0, 4))).toEqual([
      ['model', 'z', 'Linux desktop', 'flip'],
      ['model', 'a', 'Linux desktop', 'same'],
    ]);
  });

  it('narrows by model (keeping its network) and by browser (keeping the others beside it)', () => {
    const groups = [
      group('zoo-mobilenet-v2-onnx', 'Chromium', [entry('ort', 'wasm', 10)]),
      group('zoo-mobilenet-v2-tfjs', 'Chromium', [entry('tfjs', 'wasm', 20)]),
      group('zoo-mobilenet-v2-onnx', 'Firefox', [entry('ort', 'wasm', 10)]),
      group('zoo-mobilenet-v2-tfjs', 'Firefox', [entry('tfjs', 'wasm', 30)]),
      group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      group('m', 'Safari', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
    ];
    const subjects = (filters: object) =>
      browserComparisons(groups, networkOf, filters).map((c) => `${c.subject} ${c.browsers.length}`);
    expect(subjects({})).toEqual(['m 2', 'zoo-mobilenet-v2 2']);
    expect(subjects({ model: 'zoo-mobilenet-v2-tfjs' })).toEqual(['zoo-mobilenet-v2 2']);
    expect(subjects({ model: 'm' })).toEqual(['m 2']);
    expect(subjects({ browser: 'Firefox' })).toEqual(['zoo-mobilenet-v2 2']);
    expect(subjects({ browser: 'Safari' })).toEqual(['m 2']);
  });
});

describe('browserLabel', () => {
  it('names the engine only when it is not the browser’s usual one', () => {
    expect(browserLabel({ browser: 'Chrome', engine: 'Blink' })).toBe('Chrome');
    expect(browserLabel({ browser: 'Chrome', engine: 'WebKit' })).toBe('Chrome (WebKit)');
    expect(browserLabel({ browser: 'Firefox', engine: 'Gecko' })).toBe('Firefox');
    expect(browserLabel({ browser: 'Firefox', engine: 'WebKit' })).toBe('Firefox (WebKit)');
    expect(browserLabel({ browser: 'Safari', engine: 'WebKit' })).toBe('Safari');
    expect(browserLabel({ browser: 'Mobile Safari', engine: 'WebKit' })).toBe('Mobile Safari');
    expect(browserLabel({ browser: 'Edge', engine: 'unknown' })).toBe('Edge');
    expect(browserLabel({ browser: 'Chrome', engine: 'WebKit' }, '138')).toBe('Chrome 138 (WebKit)');
    // A summary from a server that predates engines.
    expect(browserLabel({ browser: 'Chrome' } as { browser: string; engine: string })).toBe('Chrome');
  });
});

describe('verdictText', () => {
  const say = (groups: SummaryGroup[]) => {
    const [c] = browserComparisons(groups, networkOf);
    return c ? verdictText(c) : '';
  };
  it('names the winners and where each wins, and what is missing', () => {
    expect(
      say([
        group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
        group('m', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
        group('m', 'Safari', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
      ]),
    ).toBe('The fastest library changes with the browser: ort in Chromium; tfjs in Firefox and Safari.');
    expect(
      say([
        group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
        group('m', 'Safari', [entry('tfjs', 'wasm', 25)]),
      ]),
    ).toBe('Different winners, not comparable: ort in Chromium; tfjs in Safari; Safari has no ort result.');
    expect(
      say([
        group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
        group('m', 'Firefox', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 20)]),
      ]),
    ).toBe('Same library in every browser: ort.');
    expect(
      say([
        group('m', 'Chromium', [entry('ort', 'wasm', 10), entry('tfjs', 'wasm', 10.2)]),
        group('m', 'Firefox', [entry('tfjs', 'wasm', 10), entry('ort', 'wasm', 20)]),
      ]),
    ).toBe('Different winners, but within noise (the 95% CIs overlap): ort in Chromium; tfjs in Firefox.');
  });
});
