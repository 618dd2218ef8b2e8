import { describe, expect, it } from 'vitest';
import { factorInputs, type VariantInfo } from '../../src/report/factor-inputs.ts';
import type { Case } from '../../src/schema/run.ts';
import { factorEntry } from '../../src/suite/catalog.ts';
import { okCase } from '../support/records.ts';

const CATALOG: Record<string, VariantInfo> = {
  'net-onnx': { network: 'net', files: [{ bytes: 1000 }] },
  'net-onnx-int8': {
    network: 'net',
    precision: { stored: 'int8', computed: 'int8' },
    files: [{ bytes: 260 }],
  },
  'net-tfjs-uint8': {
    network: 'net',
    precision: { stored: 'uint8', computed: 'float32' },
    files: [{ bytes: 100 }, { bytes: 160 }],
  },
  'net-tflite-fp16': {
    network: 'net',
    precision: { stored: 'float16', computed: 'float32', computedOnGpu: 'float16' },
    files: [{ bytes: 500 }],
  },
  lonely: {},
};
const lookup = (id: string) => CATALOG[id];

describe('factorInputs', () => {
  it('maps correct cases to their network, number format and file size', () => {
    const rows = factorInputs(
      [
        okCase('net-onnx', 'ort', 'wasm', 10),
        okCase('net-onnx-int8', 'ort', 'wasm', 5),
        okCase('net-tfjs-uint8', 'tfjs', 'cpu', 30),
      ],
      lookup,
    );
    expect(rows).toEqual([
      {
        network: 'net',
        runtime: 'ort',
        backend: 'wasm',
        stored: 'float32',
        computed: 'float32',
        medianMs: 10,
        bytes: 1000,
      },
      {
        network: 'net',
        runtime: 'ort',
        backend: 'wasm',
        stored: 'int8',
        computed: 'int8',
        medianMs: 5,
        bytes: 260,
      },
      {
        network: 'net',
        runtime: 'tfjs',
        backend: 'cpu',
        stored: 'uint8',
        computed: 'float32',
        medianMs: 30,
        bytes: 260,
      },
    ]);
  });

  it('takes what a backend computes in: the GPU override on GPU backends, `computed` elsewhere', () => {
    const rows = factorInputs(
      [
        okCase('net-tflite-fp16', 'litert', 'wasm', 20),
        okCase('net-tflite-fp16', 'litert', 'webgpu', 200),
        okCase('net-tfjs-uint8', 'tfjs', 'webgl', 30),
      ],
      lookup,
    );
    expect(rows.map((r) => [r.backend, r.stored, r.computed])).toEqual([
      ['wasm', 'float16', 'float32'],
      ['webgpu', 'float16', 'float16'],
      // No override: weight quantization computes in float32 on the GPU too.
      ['webgl', 'uint8', 'float32'],
    ]);
  });

  it('takes the precision a case recorded over the catalog: a float16 file run at fp32 computed float32', () => {
    // Runs of the float16 .tflite on LiteRT.js WebGPU made before the adapter asked for fp16.
    const atFp32 = { ...okCase('net-tflite-fp16', 'litert', 'webgpu', 200), options: { precision: 'fp32' } };
    const atFp16 = { ...okCase('net-tflite-fp16', 'litert', 'webgpu', 150), options: { precision: 'fp16' } };
    const rows = factorInputs([atFp32, atFp16], lookup);
    expect(rows.map((r) => r.computed)).toEqual(['float32', 'float16']);
  });

  it('leaves out wrong, unchecked, hidden and network-less cases, and unknown models', () => {
    const wrong: Case = {
      ...okCase('net-onnx-int8', 'ort', 'wasm', 1),
      status: 'wrong',
      check: { ok: false, metric: 'cosine', value: 0.2, tolerance: 0.98 },
    };
    const { check: _unchecked, ...noCheck } = okCase('net-onnx', 'ort', 'wasm', 2);
    const hidden: Case = { ...okCase('net-onnx', 'ort', 'wasm', 3), visibilityLost: true };
    const taskFailed: Case = {
      ...okCase('net-onnx', 'ort', 'wasm', 4),
      taskCheck: { ok: false, kind: 'argmax', detail: 'x' },
    } as Case;
    expect(
      factorInputs(
        [
          wrong,
          noCheck as Case,
          hidden,
          taskFailed,
          okCase('lonely', 'ort', 'wasm', 1),
          okCase('unknown', 'ort', 'wasm', 1),
        ],
        lookup,
      ),
    ).toEqual([]);
  });

  it('marks a catalog stand-in (the real float16 .tflite) and the catalog marks the real ones', () => {
    const rows = factorInputs([okCase('pose-landmark-full', 'litert', 'wasm', 20)], factorEntry);
    expect(rows).toEqual([
      expect.objectContaining({
        network: 'mediapipe-pose-landmark-full',
        stored: 'float16',
        computed: 'float32',
        standIn: true,
      }),
    ]);
    expect(factorEntry('zoo-mobilenet-v2-tflite-fp16')?.standIn).toBe(false);
    expect(factorEntry('zoo-mobilenet-v2-tflite')?.standIn).toBe(false);
    expect(
      factorInputs([okCase('zoo-mobilenet-v2-tflite-fp16', 'litert', 'wasm', 20)], factorEntry)[0],
    ).not.toHaveProperty('standIn');
  });
});
