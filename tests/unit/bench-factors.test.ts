/**
 * The bench's "library, number format or GPU?" table over real catalog entries: a float16 .tflite
 * computed on LiteRT.js WebGPU gets its gain over LiteRT's float32 on WebGPU in the "format on GPU"
 * column and in the verdict, while the same file on wasm (float32 arithmetic) stays "(weights)".
 */
import { describe, expect, it } from 'vitest';
import { factorsTableOf } from '../../tools/bench/factors-report.ts';
import { okCase } from '../support/records.ts';

describe('factorsTableOf', () => {
  it('weighs CPU and GPU cases of several runs together and marks the format gain on the GPU', () => {
    const cpuRun = [
      okCase('zoo-mobilenet-v2-tflite', 'litert', 'wasm', 20),
      okCase('zoo-mobilenet-v2-tflite-fp16', 'litert', 'wasm', 20),
    ];
    const gpuRun = [
      okCase('zoo-mobilenet-v2-tflite', 'litert', 'webgpu', 400, { precision: 'fp32' }),
      okCase('zoo-mobilenet-v2-tflite-fp16', 'litert', 'webgpu', 250, { precision: 'fp16' }),
    ];
    // A GPU with shader-f16 (a software GPU has none, so it would record the fp16 case unsupported).
    const text = factorsTableOf([...cpuRun, ...gpuRun], false);
    const [header, , row, verdict] = text.split('\n');
    expect(header).toMatch(/format on GPU ×/);
    expect(row).toMatch(/float16 1\.60× \(webgpu\)/);
    expect(row).toMatch(/1\.00× \(computes float32\)/);
    expect(row).toMatch(/0\.05× \(webgpu\)/);
    expect(verdict).toBe(
      'zoo-mobilenet-v2: number format matters most: number format 1.60× (float16 on GPU, litert) · GPU 0.05× (litert · webgpu)',
    );
  });
});
