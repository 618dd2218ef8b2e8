/**
 * What the planner makes of an engine's probe (src/runtimes/index.ts): WebGL only where a worker
 * has it, MediaPipe's tasks (WebGL2 even on the CPU delegate) likewise, and threaded WASM with the
 * reason that fits what is missing; and the SharedArrayBuffer exposure the probe relies on.
 */
import { describe, expect, it } from 'vitest';
import { exposeSharedArrayBuffer } from '../../src/measure/shared-array-buffer.ts';
import { webgl2Available } from '../../src/measure/worker-webgl.ts';
import { type BackendVariant, type PlannerEnv, RUNTIME_TABLE } from '../../src/runtimes/index.ts';

const BASE: PlannerEnv = {
  crossOriginIsolated: true,
  hardwareConcurrency: 4,
  features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
};

function withFeatures(features: Partial<PlannerEnv['features']>, isolated = true): PlannerEnv {
  return { ...BASE, crossOriginIsolated: isolated, features: { ...BASE.features, ...features } };
}

const find = (variants: BackendVariant[], backend: string, threaded?: boolean) =>
  variants.find(
    (v) =>
      v.backend === backend &&
      (threaded === undefined ||
        (typeof v.options.threads === 'number' && v.options.threads > 1) === threaded),
  );

describe('WebGL where the cases run', () => {
  it('offers WebGL and MediaPipe where a worker has WebGL2 (and in records from before the worker probe)', () => {
    for (const env of [withFeatures({ workerWebgl2: true }), BASE]) {
      expect(find(RUNTIME_TABLE.ort.variants(env), 'webgl')?.unsupported).toBeUndefined();
      expect(find(RUNTIME_TABLE.tfjs.variants(env), 'webgl')?.unsupported).toBeUndefined();
      for (const v of RUNTIME_TABLE.mediapipe.variants(env)) expect(v.unsupported).toBeUndefined();
    }
  });

  it('marks WebGL cases and both MediaPipe delegates unsupported when a worker has no WebGL2', () => {
    const env = withFeatures({ workerWebgl2: false });
    expect(find(RUNTIME_TABLE.ort.variants(env), 'webgl')?.unsupported).toMatch(/not available in workers/);
    expect(find(RUNTIME_TABLE.tfjs.variants(env), 'webgl')?.unsupported).toMatch(/not available in workers/);
    const [cpu, gpu] = RUNTIME_TABLE.mediapipe.variants(env);
    expect(cpu?.unsupported).toMatch(/MediaPipe Tasks need WebGL2 even on the CPU delegate/);
    expect(gpu?.unsupported).toMatch(/not available in workers/);
    // The WASM backends do not care.
    expect(find(RUNTIME_TABLE.ort.variants(env), 'wasm', false)?.unsupported).toBeUndefined();
  });

  it('says WebGL2 is missing altogether when neither the page nor a worker has it', () => {
    const env = withFeatures({ webgl2: false, workerWebgl2: false });
    expect(find(RUNTIME_TABLE.tfjs.variants(env), 'webgl')?.unsupported).toBe(
      'WebGL2 is not available in this browser',
    );
  });
});

describe('threaded WASM reasons', () => {
  const reason = (env: PlannerEnv) => find(RUNTIME_TABLE.ort.variants(env), 'wasm', true)?.unsupported;
  it('runs where isolated with threads', () => {
    expect(reason(BASE)).toBeUndefined();
    expect(find(RUNTIME_TABLE.litert.variants(BASE), 'wasm', true)?.unsupported).toBeUndefined();
  });
  it('names what is missing', () => {
    expect(reason(withFeatures({ wasmThreads: false }, false))).toMatch(/cross-origin-isolated/);
    expect(reason(withFeatures({ wasmThreads: false, sharedArrayBuffer: 'none' }))).toMatch(/does not offer/);
    expect(reason(withFeatures({ wasmThreads: false, sharedArrayBuffer: 'wasm-memory' }))).toMatch(
      /cannot send it to a worker \(DataCloneError\)/,
    );
    expect(
      find(
        RUNTIME_TABLE.litert.variants(withFeatures({ wasmThreads: false, sharedArrayBuffer: 'wasm-memory' })),
        'wasm',
        true,
      )?.unsupported,
    ).toMatch(/DataCloneError/);
  });
});

describe('exposeSharedArrayBuffer', () => {
  it('keeps an engine global as it is', () => {
    const scope = { SharedArrayBuffer, crossOriginIsolated: true };
    expect(exposeSharedArrayBuffer(scope)).toBe('global');
    expect(scope.SharedArrayBuffer).toBe(SharedArrayBuffer);
  });

  it('exposes the constructor of shared WebAssembly memory where the name is hidden', () => {
    const scope: { SharedArrayBuffer?: unknown; crossOriginIsolated: boolean } = {
      crossOriginIsolated: true,
    };
    expect(exposeSharedArrayBuffer(scope)).toBe('wasm-memory');
    const Ctor = scope.SharedArrayBuffer as new (n: number) => ArrayBufferLike;
    const made = new Ctor(16);
    expect(made.byteLength).toBe(16);
    expect(Object.prototype.toString.call(made)).toBe('[object SharedArrayBuffer]');
  });

  it('does nothing where the page is not cross-origin isolated', () => {
    const scope: { SharedArrayBuffer?: unknown; crossOriginIsolated: boolean } = {
      crossOriginIsolated: false,
    };
    expect(exposeSharedArrayBuffer(scope)).toBe('none');
    expect(scope.SharedArrayBuffer).toBeUndefined();
  });
});

describe('webgl2Available', () => {
  it('is false without OffscreenCanvas (Node)', async () => {
    expect(await webgl2Available(1, 0)).toBe(false);
  });
});

describe("TF.js's thread count", () => {
  it('is one thread up to 3 cores (the threaded build would add a pool that computes nothing in parallel)', async () => {
    const { tfjsThreadsFor } = await import('../../src/runtimes/tfjs-wasm.ts');
    expect([0, 1, 2, 3, 4, 8, 16].map(tfjsThreadsFor)).toEqual([1, 1, 1, 1, 2, 4, 4]);
  });
});
