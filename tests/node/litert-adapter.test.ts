/**
 * LiteRT.js adapter specifics in Node (the compat build: Node 20 lacks WASM relaxed SIMD): what
 * it reports about the session, outputs in catalog order, and the cases it refuses as
 * `unsupported` with a reason instead of failing or silently running something else.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/measure/adapter.ts';
import { runtimeById } from '../../src/runtimes/index.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { makeInputs } from '../../src/suite/inputs.ts';
import { modelSource } from '../../tools/models/references.ts';

describe('LiteRT.js adapter', () => {
  it('reports its build, threads and acceleration, and returns outputs in catalog order', async () => {
    const adapter = await loadAdapter('litert');
    const model = modelById('hand-landmark-lite');
    const session = await adapter.load({
      model: modelSource(model),
      backend: 'wasm',
      options: { threads: 1 },
    });
    try {
      const info = session.info();
      expect(info.actualBackend).toBe('wasm');
      expect(info.libraryVersion).toBe('@litertjs/core@2.5.3');
      expect(info.options).toMatchObject({ threads: 1, fullyAccelerated: true });
      expect(['plain', 'compat']).toContain(info.options.build);
      const outputs = await session.run(makeInputs(model.inputs));
      expect(outputs.map((o) => o.name)).toEqual(model.outputs);
      expect(outputs.map((o) => o.shape)).toEqual([
        [1, 63],
        [1, 1],
        [1, 1],
        [1, 63],
      ]);
      expect(outputs.every((o) => o.data instanceof Float32Array)).toBe(true);
    } finally {
      await session.dispose();
    }
  });

  it('calls webgpu unsupported where there is no navigator.gpu', async () => {
    const adapter = await loadAdapter('litert');
    await expect(
      adapter.load({ model: modelSource(modelById('face-detection-short')), backend: 'webgpu', options: {} }),
    ).rejects.toThrow(UnsupportedError);
  });

  it('calls threads unsupported without relaxed SIMD or cross-origin isolation', async () => {
    const adapter = await loadAdapter('litert');
    await expect(
      adapter.load({
        model: modelSource(modelById('face-detection-short')),
        backend: 'wasm',
        options: { threads: 2 },
      }),
    ).rejects.toThrow(/LiteRT\.js threads need/);
  });

  it('offers wasm with one and all threads and webgpu, marking what the browser lacks', () => {
    const litert = runtimeById('litert');
    expect(litert.formats).toEqual(['tflite']);
    const bare = litert.variants({
      crossOriginIsolated: false,
      hardwareConcurrency: 4,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
    });
    expect(bare.map((v) => [v.backend, v.options.threads ?? null, Boolean(v.unsupported)])).toEqual([
      ['wasm', 1, false],
      ['wasm', 4, true],
      ['webgpu', null, true],
    ]);
  });
});
