/**
 * The runtime registry: what each library can run (formats) and which backend variants it offers
 * on a given browser. Pure data and logic, no library code: the page imports this to plan cases;
 * workers load the adapters themselves through ./loaders.ts.
 */
import type { CaseOptions, Env } from '../schema/run.ts';
import type { ModelFormat } from '../suite/types.ts';

/** The browser facts variants depend on (a subset of the record's `env`). */
export type PlannerEnv = Pick<Env, 'crossOriginIsolated' | 'hardwareConcurrency' | 'features'>;

export interface BackendVariant {
  backend: string;
  options: CaseOptions;
  /** Why this variant cannot run in this browser; the case is then recorded `unsupported`. */
  unsupported?: string;
}

export interface RuntimeDescriptor {
  id: string;
  name: string;
  formats: readonly ModelFormat[];
  /** Every backend variant this library offers, each marked when the browser cannot run it. */
  variants(env: PlannerEnv): BackendVariant[];
}

const NO_WEBGPU = 'WebGPU is not available in this browser (no navigator.gpu adapter)';
const NO_WEBNN = 'WebNN is not available in this browser (navigator.ml is missing)';
const NO_WEBGL2 = 'WebGL2 is not available in this browser';

function when(condition: boolean, reason: string): { unsupported?: string } {
  return condition ? {} : { unsupported: reason };
}

const ort: RuntimeDescriptor = {
  id: 'ort',
  name: 'ONNX Runtime Web',
  formats: ['onnx'],
  variants(env) {
    const simd = when(
      env.features.wasmSimd,
      'onnxruntime-web 1.30 ships only SIMD WASM builds; this browser lacks WASM SIMD',
    );
    const cores = Math.max(1, env.hardwareConcurrency);
    const threaded = env.crossOriginIsolated && env.features.wasmThreads;
    const variants: BackendVariant[] = [{ backend: 'wasm', options: { threads: 1 }, ...simd }];
    if (cores > 1) {
      variants.push({
        backend: 'wasm',
        options: { threads: cores },
        ...(simd.unsupported
          ? simd
          : when(threaded, 'multi-threaded WASM needs a cross-origin-isolated page with SharedArrayBuffer')),
      });
    }
    variants.push({ backend: 'webgpu', options: {}, ...when(env.features.webgpu, NO_WEBGPU) });
    // One case per WebNN device type where WebNN exists; a single `unsupported` row where it does not.
    if (env.features.webnn) {
      for (const deviceType of ['cpu', 'gpu', 'npu'])
        variants.push({ backend: 'webnn', options: { deviceType } });
    } else {
      variants.push({ backend: 'webnn', options: {}, unsupported: NO_WEBNN });
    }
    variants.push({ backend: 'webgl', options: {}, ...when(env.features.webgl2, NO_WEBGL2) });
    return variants;
  },
};

const tfjs: RuntimeDescriptor = {
  id: 'tfjs',
  name: 'TensorFlow.js',
  formats: ['tfjs-graph', 'tfjs-layers'],
  variants(env) {
    return [
      { backend: 'cpu', options: {} },
      { backend: 'wasm', options: {} },
      { backend: 'webgl', options: {}, ...when(env.features.webgl2, NO_WEBGL2) },
      { backend: 'webgpu', options: {}, ...when(env.features.webgpu, NO_WEBGPU) },
    ];
  },
};

const litert: RuntimeDescriptor = {
  id: 'litert',
  name: 'LiteRT.js',
  formats: ['tflite'],
  variants(env) {
    const cores = Math.max(1, env.hardwareConcurrency);
    const threaded = env.crossOriginIsolated && env.features.wasmThreads;
    const variants: BackendVariant[] = [{ backend: 'wasm', options: { threads: 1 } }];
    if (cores > 1) {
      variants.push({
        backend: 'wasm',
        options: { threads: cores },
        ...when(threaded, 'multi-threaded WASM needs a cross-origin-isolated page with SharedArrayBuffer'),
      });
    }
    variants.push({
      backend: 'webgpu',
      options: { precision: 'fp32' },
      ...when(env.features.webgpu, NO_WEBGPU),
    });
    return variants;
  },
};

/**
 * MediaPipe Tasks run a whole task graph (pre-processing, model, post-processing). Its CPU
 * delegate is XNNPACK in WASM (our `wasm`), its GPU delegate WebGL2 (our `webgl`).
 */
const mediapipe: RuntimeDescriptor = {
  id: 'mediapipe',
  name: 'MediaPipe Tasks',
  formats: ['mediapipe-task'],
  variants(env) {
    return [
      { backend: 'wasm', options: { delegate: 'CPU' } },
      { backend: 'webgl', options: { delegate: 'GPU' }, ...when(env.features.webgl2, NO_WEBGL2) },
    ];
  },
};

export const RUNTIMES: readonly RuntimeDescriptor[] = Object.freeze([ort, tfjs, litert, mediapipe]);

export function runtimeById(id: string): RuntimeDescriptor {
  const runtime = RUNTIMES.find((r) => r.id === id);
  if (!runtime) throw new Error(`unknown runtime "${id}"; known: ${RUNTIMES.map((r) => r.id).join(', ')}`);
  return runtime;
}

/** Every backend id any runtime offers. */
export const BACKEND_IDS: readonly string[] = Object.freeze(['wasm', 'webgl', 'webgpu', 'webnn', 'cpu']);
