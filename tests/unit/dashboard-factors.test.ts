/**
 * The dashboard's "library, number format or GPU?" from hand-built summary groups and a hand-built
 * catalog: one card per network and device group and browser, the number format from the catalog
 * entry, columns kept apart, and nothing for a column that only has a library spread.
 */
import { describe, expect, it } from 'vitest';
import { factorColumns } from '../../src/dashboard/factors.ts';
import type { VariantInfo } from '../../src/report/factor-inputs.ts';
import { baselineLabel, verdictText } from '../../src/report/factor-text.ts';
import type { SummaryEntry, SummaryGroup } from '../../src/schema/api.ts';

const entry = (runtime: string, backend: string, medianMs: number): SummaryEntry => ({
  runtime,
  backend,
  options: {},
  label: `${runtime} · ${backend}`,
  medianMs,
  ciMs: [medianMs * 0.95, medianMs * 1.05],
  minMs: medianMs,
  maxMs: medianMs,
  runs: 3,
  ratioToBest: 1,
});

const group = (
  model: string,
  entries: SummaryEntry[],
  deviceGroup = 'Pixel 7',
  browser = 'Chrome',
): SummaryGroup => ({
  model,
  deviceGroup,
  browser,
  engine: 'Blink',
  emulated: false,
  runs: 3,
  devices: 2,
  entries,
});

const CATALOG: Record<string, VariantInfo> = {
  'n-onnx': { network: 'n', files: [{ bytes: 14e6 }] },
  'n-onnx-int8': { network: 'n', precision: { stored: 'int8', computed: 'int8' }, files: [{ bytes: 3.6e6 }] },
  'n-tflite': { network: 'n', files: [{ bytes: 14e6 }] },
  'g-tflite': { network: 'g' },
  'g-tflite-fp16': {
    network: 'g',
    precision: { stored: 'float16', computed: 'float32', computedOnGpu: 'float16' },
  },
  'm-onnx': { network: 'm' },
  'm-tflite': { network: 'm' },
};
const lookup = (id: string) => CATALOG[id];

describe('factorColumns', () => {
  const groups = [
    group('n-onnx', [entry('ort', 'wasm', 40), entry('ort', 'webgpu', 20)]),
    group('n-onnx-int8', [entry('ort', 'wasm', 16)]),
    group('n-tflite', [entry('litert', 'wasm', 30)]),
    group('n-onnx', [entry('ort', 'wasm', 400)], 'Moto G', 'Chrome'),
    group('n-onnx-int8', [entry('ort', 'wasm', 100)], 'Moto G', 'Chrome'),
    group('m-onnx', [entry('ort', 'wasm', 10)]),
    group('m-tflite', [entry('litert', 'wasm', 12)]),
  ];

  it('weighs the three factors per network in each device group and browser', () => {
    const columns = factorColumns(groups, lookup);
    expect(columns.map((c) => [c.factors.network, c.deviceGroup, c.factors.verdict])).toEqual([
      // One library and no GPU there: only the number format is measured, so nothing to weigh.
      ['n', 'Moto G', undefined],
      ['n', 'Pixel 7', 'number format'],
    ]);
    const pixel = columns[1]?.factors;
    expect(pixel?.librarySpread?.ratio).toBeCloseTo(40 / 30, 9);
    expect(pixel?.bestFormat).toMatchObject({ runtime: 'ort', stored: 'int8', gain: 2.5 });
    expect(pixel?.bestGpu).toMatchObject({ runtime: 'ort', backend: 'webgpu', gain: 2 });
    expect(pixel?.libraries.find((l) => l.runtime === 'ort')?.formats[0]?.sizeRatio).toBeCloseTo(3.6 / 14, 9);
    expect(verdictText(pixel as NonNullable<typeof pixel>)).toBe(
      'number format matters most: library 1.33× · number format 2.50× (int8, ort) · GPU 2.00× (ort · webgpu)',
    );
    expect(verdictText(columns[0]?.factors as NonNullable<typeof pixel>)).toBe(
      'one factor measured: number format 4.00× (int8, ort)',
    );
    // Network m has only a library spread: the "same network" section shows it, this one does not.
    expect(columns.some((c) => c.factors.network === 'm')).toBe(false);
  });

  it('keeps only the named network when filtered, and skips models without one or unknown', () => {
    expect(factorColumns([...groups, group('unknown', [entry('ort', 'wasm', 1)])], lookup, 'm')).toEqual([]);
    expect(factorColumns(groups, lookup, 'n')).toHaveLength(2);
  });

  it('sets a float16-weights stand-in in as its library’s float32, and says so', () => {
    const catalog: Record<string, VariantInfo> = {
      'p-tflite': { network: 'p', precision: { stored: 'float16', computed: 'float32' }, standIn: true },
      'p-tfjs': { network: 'p', precision: { stored: 'float16', computed: 'float32' }, standIn: true },
    };
    const columns = factorColumns(
      [
        group('p-tflite', [entry('litert', 'wasm', 20), entry('litert', 'webgpu', 10)]),
        group('p-tfjs', [entry('tfjs', 'wasm', 50)]),
      ],
      (id) => catalog[id],
    );
    const factors = columns[0]?.factors;
    expect(factors?.librarySpread).toEqual({ fastest: 'litert', slowest: 'tfjs', ratio: 2.5 });
    const litert = factors?.libraries.find((l) => l.runtime === 'litert');
    expect(litert?.cpu && baselineLabel(litert.cpu)).toBe('wasm · float16 weights');
    expect(litert?.formats).toEqual([]);
  });

  it('weighs a float16 file computed on the GPU against float32 on the GPU, and says it is on the GPU', () => {
    const [column] = factorColumns(
      [
        group('g-tflite', [entry('litert', 'wasm', 20), entry('litert', 'webgpu', 300)]),
        group('g-tflite-fp16', [entry('litert', 'wasm', 20), entry('litert', 'webgpu', 200)]),
      ],
      lookup,
    );
    const litert = column?.factors.libraries[0];
    // On wasm the float16 file computes in float32 (a weights-only format), on webgpu in float16.
    expect(litert?.formats[0]).toMatchObject({ stored: 'float16', computed: 'float32' });
    expect(litert?.gpuFormats[0]).toMatchObject({ stored: 'float16', computed: 'float16', gain: 1.5 });
    expect(column?.factors.bestFormat).toMatchObject({ stored: 'float16', onGpu: true, gain: 1.5 });
    expect(verdictText(column?.factors as NonNullable<typeof column>['factors'], true)).toBe(
      'number format matters most: number format 1.50× (float16 on GPU, litert, software GPU) · GPU 0.07× (litert · webgpu, software GPU)',
    );
  });
});
