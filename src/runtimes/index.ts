/**
 * The runtime registry: one descriptor per library, keyed by its id — its name, the formats it
 * reads, its backend variants on a given browser and the reference backend of its formats. The
 * compiler checks the table: a runtime id without a descriptor, a descriptor under another id's
 * key, or a model format no runtime reads does not compile. Adding a library is its id in
 * `RuntimeId`, one adapter file, its descriptor here and its loader in ./loaders.ts (also checked).
 *
 * No library code, and no import of an adapter, not even a lazy one: the page imports this to
 * plan cases, and a dynamic import here would make the page's build bundle every library again
 * (as chunks it never loads). Workers and Node tools load adapters through ./loaders.ts.
 */
import type { CaseOptions, Env } from '../schema/run.ts';
import type { ModelFormat, RuntimeId } from '../suite/types.ts';

export type { RuntimeId } from '../suite/types.ts';

/** The browser facts variants depend on (a subset of the record's `env`). */
export type PlannerEnv = Pick<Env, 'crossOriginIsolated' | 'hardwareConcurrency' | 'features'>;

export interface BackendVariant {
  backend: string;
  options: CaseOptions;
  /** Why this variant cannot run in this browser; the case is then recorded `unsupported`. */
  unsupported?: string;
}

/** The library and backend whose outputs define "correct" for a runtime's formats. */
export interface ReferenceBackend {
  backend: string;
  options: CaseOptions;
  /**
   * Where `npm run references` runs it: in Node, or (`browser`) in Chromium, for a library that
   * runs only in a browser.
   */
  computedIn: 'node' | 'browser';
}

export interface RuntimeDescriptor<Id extends RuntimeId = RuntimeId> {
  readonly id: Id;
  /** The library's name for people. */
  readonly name: string;
  readonly formats: readonly ModelFormat[];
  /** Reference backend of this runtime's formats (tools/models/references.ts). */
  readonly reference: ReferenceBackend;
  /** Every backend variant this library offers, each marked when the browser cannot run it. */
  variants(env: PlannerEnv): BackendVariant[];
}

/** A descriptor for every runtime id, each under its own id. */
export type RuntimeTable = { readonly [Id in RuntimeId]: RuntimeDescriptor<Id> };

/** Formats no runtime of table `T` reads (`never` for a complete table). */
export type UnreadFormats<T extends RuntimeTable> = Exclude<ModelFormat, T[RuntimeId]['formats'][number]>;

const NO_WEBGPU = 'WebGPU is not available in this browser (no navigator.gpu adapter)';
const NO_WEBNN = 'WebNN is not available in this browser (navigator.ml is missing)';
const NO_WEBGL2 = 'WebGL2 is not available in this browser';
const NO_WORKER_WEBGL2 =
  'WebGL2 is not available in workers in this browser (OffscreenCanvas has no webgl2 context)';

function when(condition: boolean, reason: string): { unsupported?: string } {
  return condition ? {} : { unsupported: reason };
}

/** Multi-threaded WASM, or the reason it cannot start here (isolation, the global, or sharing memory). */
function wasmThreads(env: PlannerEnv): { unsupported?: string } {
  if (env.crossOriginIsolated && env.features.wasmThreads) return {};
  if (!env.crossOriginIsolated)
    return { unsupported: 'multi-threaded WASM needs a cross-origin-isolated page (COOP/COEP headers)' };
  if (env.features.sharedArrayBuffer === 'none')
    return { unsupported: 'multi-threaded WASM needs SharedArrayBuffer, which this browser does not offer' };
  return env.features.sharedArrayBuffer === 'wasm-memory'
    ? {
        unsupported:
          'multi-threaded WASM cannot start: this browser creates shared memory but cannot send it to a worker (DataCloneError)',
      }
    : {
        unsupported:
          'multi-threaded WASM needs shared memory that can be sent to workers, which this browser lacks',
      };
}

/** WebGL2 where cases run: in a worker (a record from before the worker probe says only the page's). */
function workerWebgl2(env: PlannerEnv): { unsupported?: string } {
  if (!env.features.webgl2 && env.features.workerWebgl2 !== true) return { unsupported: NO_WEBGL2 };
  return when(env.features.workerWebgl2 !== false, NO_WORKER_WEBGL2);
}

/** Planning order: the page and the CLI list cases in this order. */
const TABLE = {
  ort: {
    id: 'ort',
    name: 'ONNX Runtime Web',
    formats: ['onnx'],
    reference: { backend: 'wasm', options: { threads: 1 }, computedIn: 'node' },
    variants(env) {
      const simd = when(
        env.features.wasmSimd,
        'onnxruntime-web 1.30 ships only SIMD WASM builds; this browser lacks WASM SIMD',
      );
      const cores = Math.max(1, env.hardwareConcurrency);
      const variants: BackendVariant[] = [{ backend: 'wasm', options: { threads: 1 }, ...simd }];
      if (cores > 1) {
        variants.push({
          backend: 'wasm',
          options: { threads: cores },
          ...(simd.unsupported ? simd : wasmThreads(env)),
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
      variants.push({ backend: 'webgl', options: {}, ...workerWebgl2(env) });
      return variants;
    },
  },

  tfjs: {
    id: 'tfjs',
    name: 'TensorFlow.js',
    formats: ['tfjs-graph', 'tfjs-layers'],
    reference: { backend: 'cpu', options: {}, computedIn: 'node' },
    variants(env) {
      return [
        { backend: 'cpu', options: {} },
        { backend: 'wasm', options: {} },
        { backend: 'webgl', options: {}, ...workerWebgl2(env) },
        { backend: 'webgpu', options: {}, ...when(env.features.webgpu, NO_WEBGPU) },
      ];
    },
  },

  litert: {
    id: 'litert',
    name: 'LiteRT.js',
    formats: ['tflite'],
    // Single-threaded wasm; in Node (20, no relaxed SIMD) that is the compat build.
    reference: { backend: 'wasm', options: { threads: 1 }, computedIn: 'node' },
    variants(env) {
      const cores = Math.max(1, env.hardwareConcurrency);
      const variants: BackendVariant[] = [{ backend: 'wasm', options: { threads: 1 } }];
      if (cores > 1) {
        variants.push({ backend: 'wasm', options: { threads: cores }, ...wasmThreads(env) });
      }
      variants.push({
        backend: 'webgpu',
        options: { precision: 'fp32' },
        ...when(env.features.webgpu, NO_WEBGPU),
      });
      return variants;
    },
  },

  /**
   * MediaPipe Tasks run a whole task graph (pre-processing, model, post-processing). Its CPU
   * delegate is XNNPACK in WASM (our `wasm`), its GPU delegate WebGL2 (our `webgl`). It runs only
   * in a browser (OffscreenCanvas, its WASM loader), so its references are computed in Chromium.
   */
  mediapipe: {
    id: 'mediapipe',
    name: 'MediaPipe Tasks',
    formats: ['mediapipe-task'],
    reference: { backend: 'wasm', options: { delegate: 'CPU' }, computedIn: 'browser' },
    variants(env) {
      // Its vision tasks upload every input image through WebGL2, even on the CPU delegate.
      const webgl = workerWebgl2(env);
      return [
        {
          backend: 'wasm',
          options: { delegate: 'CPU' },
          ...(webgl.unsupported
            ? { unsupported: `MediaPipe Tasks need WebGL2 even on the CPU delegate: ${webgl.unsupported}` }
            : {}),
        },
        { backend: 'webgl', options: { delegate: 'GPU' }, ...webgl },
      ];
    },
  },
} satisfies RuntimeTable;

// A model format no runtime reads is a compile error here ("Property '<format>' is missing").
({}) satisfies Record<UnreadFormats<typeof TABLE>, never>;

/** Every runtime by id. */
export const RUNTIME_TABLE: RuntimeTable = Object.freeze(TABLE);

/** Every runtime, in planning order. */
export const RUNTIMES: readonly RuntimeDescriptor[] = Object.freeze(Object.values(TABLE));

/** Whether a string (a URL parameter, a CLI flag, a record's `runtime`) names a runtime. */
export function isRuntimeId(id: string): id is RuntimeId {
  return Object.hasOwn(TABLE, id);
}

export function runtimeById(id: string): RuntimeDescriptor {
  if (!isRuntimeId(id)) {
    throw new Error(`unknown runtime "${id}"; known: ${RUNTIMES.map((r) => r.id).join(', ')}`);
  }
  return RUNTIME_TABLE[id];
}

/** The runtimes that read a format, in planning order. */
export function runtimesFor(format: ModelFormat): RuntimeDescriptor[] {
  return RUNTIMES.filter((r) => r.formats.includes(format));
}

/**
 * The runtime whose reference backend defines "correct" for a format: the one runtime that reads
 * it (throws when none or several do; tests/unit/runtime-registry.test.ts checks every format).
 */
export function referenceRuntimeFor(format: ModelFormat): RuntimeDescriptor {
  const [only, ...more] = runtimesFor(format);
  if (!only || more.length) {
    const readers = [only, ...more].filter(Boolean).map((r) => r?.id);
    throw new Error(`format ${format} needs exactly one reference runtime; read by: ${readers.join(', ')}`);
  }
  return only;
}

/** Every backend id any runtime offers. */
export const BACKEND_IDS: readonly string[] = Object.freeze(['wasm', 'webgl', 'webgpu', 'webnn', 'cpu']);
