/**
 * The dashboard's "Same network, different libraries" grouping, from a hand-built summary with
 * the catalog's own network ids: which libraries show, in which order, with which multiples.
 */
import { describe, expect, it } from 'vitest';
import { networkComparisons } from '../../src/dashboard/networks.ts';
import type { SummaryEntry, SummaryGroup } from '../../src/schema/api.ts';
import { networkOf } from '../../src/suite/catalog.ts';
import { summaryEntry } from '../support/summary-entries.ts';

const entry = (runtime: string, backend: string, medianMs: number): SummaryEntry =>
  summaryEntry(runtime, backend, medianMs, { spread: 0.1, minMs: medianMs * 0.9, maxMs: medianMs * 1.1 });

function group(model: string, deviceGroup: string, entries: SummaryEntry[], emulated = false): SummaryGroup {
  const sorted = [...entries].sort((a, b) => a.medianMs - b.medianMs);
  return {
    model,
    deviceGroup,
    browser: 'Chrome',
    engine: 'Blink',
    emulated,
    runs: 3,
    devices: 1,
    entries: sorted,
  };
}

const PHONE = 'Pixel 7 · Android';
const LAPTOP = 'Linux';

const groups: SummaryGroup[] = [
  // MobileNetV2 on the phone: three libraries; ort has two backends and keeps its faster one.
  group('zoo-mobilenet-v2-onnx', PHONE, [entry('ort', 'wasm', 20), entry('ort', 'webgpu', 8)]),
  group('zoo-mobilenet-v2-tfjs', PHONE, [entry('tfjs', 'webgl', 10), entry('tfjs', 'wasm', 30)]),
  group('zoo-mobilenet-v2-tflite', PHONE, [entry('litert', 'wasm', 18.96)]),
  // On the laptop two libraries tie; the tie breaks by library name.
  group('zoo-mobilenet-v2-onnx', LAPTOP, [entry('ort', 'wasm', 5)]),
  group('zoo-mobilenet-v2-tflite', LAPTOP, [entry('litert', 'wasm', 5)]),
  // BlazeFace on the phone in one library only: hidden.
  group('blazeface-front', PHONE, [entry('tfjs', 'webgl', 3), entry('tfjs', 'wasm', 4)]),
  // A model without a network: never shown.
  group('text-thing', PHONE, [entry('ort', 'wasm', 1), entry('tfjs', 'wasm', 2)]),
];

const table = (comparisons: ReturnType<typeof networkComparisons>) =>
  comparisons.map((c) => [
    c.network,
    c.deviceGroup,
    c.standings.map((s) => [s.runtime, s.model, s.backend, s.medianMs, Number(s.ratio.toFixed(3))]),
  ]);

describe('same network, different libraries', () => {
  it('ranks each library by its fastest backend per network and device group', () => {
    expect(table(networkComparisons(groups, networkOf))).toEqual([
      [
        'zoo-mobilenet-v2',
        LAPTOP,
        [
          ['litert', 'zoo-mobilenet-v2-tflite', 'wasm', 5, 1],
          ['ort', 'zoo-mobilenet-v2-onnx', 'wasm', 5, 1],
        ],
      ],
      [
        'zoo-mobilenet-v2',
        PHONE,
        [
          ['ort', 'zoo-mobilenet-v2-onnx', 'webgpu', 8, 1],
          ['tfjs', 'zoo-mobilenet-v2-tfjs', 'webgl', 10, 1.25],
          ['litert', 'zoo-mobilenet-v2-tflite', 'wasm', 18.96, 2.37],
        ],
      ],
    ]);
  });

  it('keeps the CI and run count of the entry that won for its library', () => {
    const [, phone] = networkComparisons(groups, networkOf);
    expect(phone?.standings[0]).toMatchObject({ label: 'ort · webgpu', ciMs: [7.2, 8.8], runs: 3 });
  });

  it('shows a network once it has a second library in that group', () => {
    const withOnnx = [...groups, group('blazeface-front-onnx', PHONE, [entry('ort', 'wasm', 6)])];
    const face = networkComparisons(withOnnx, networkOf).find(
      (c) => c.network === 'mediapipe-blazeface-front',
    );
    expect(face?.standings.map((s) => [s.runtime, s.backend, s.ratio])).toEqual([
      ['tfjs', 'webgl', 1],
      ['ort', 'wasm', 2],
    ]);
  });

  it('keeps the first-listed backend when one library ties with itself', () => {
    const tied = [
      group('zoo-mobilenet-v2-onnx', PHONE, [entry('ort', 'wasm', 4), entry('ort', 'webgpu', 4)]),
      group('zoo-mobilenet-v2-tfjs', PHONE, [entry('tfjs', 'webgl', 6)]),
    ];
    expect(table(networkComparisons(tied, networkOf))[0]?.[2]).toEqual([
      ['ort', 'zoo-mobilenet-v2-onnx', 'wasm', 4, 1],
      ['tfjs', 'zoo-mobilenet-v2-tfjs', 'webgl', 6, 1.5],
    ]);
  });

  it('never pairs libraries across device groups, browsers or emulation', () => {
    const apart = [
      group('zoo-mobilenet-v2-onnx', PHONE, [entry('ort', 'wasm', 1)]),
      group('zoo-mobilenet-v2-tfjs', LAPTOP, [entry('tfjs', 'wasm', 1)]),
      group('zoo-mobilenet-v2-tflite', PHONE, [entry('litert', 'wasm', 1)], true),
      { ...group('zoo-mobilenet-v2-tfjs', PHONE, [entry('tfjs', 'wasm', 1)]), browser: 'Edge' },
    ];
    expect(networkComparisons(apart, networkOf)).toEqual([]);
  });

  it('narrows to the network of the chosen model, and to nothing for a model without one', () => {
    const both = [...groups, group('blazeface-front-onnx', PHONE, [entry('ort', 'wasm', 6)])];
    const picked = networkComparisons(both, networkOf, 'blazeface-front-onnx');
    expect(picked.map((c) => [c.network, c.deviceGroup])).toEqual([['mediapipe-blazeface-front', PHONE]]);
    expect(networkComparisons(both, networkOf, 'zoo-mobilenet-v2-tfjs')).toHaveLength(2);
    expect(networkComparisons(both, networkOf, 'text-thing')).toEqual([]);
  });
});
