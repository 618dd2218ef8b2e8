/**
 * LiteRT.js adapter (`@litertjs/core`): raw `.tflite` models on `wasm` (XNNPACK) and `webgpu`.
 * The only module that imports @litertjs/core. Its Emscripten glue is made loadable by a host
 * (./litert-host.ts): ./litert-web.ts in browsers (our own origin, module workers included),
 * ./litert-node.ts in Node.
 *
 * Builds: `wasm` with one thread uses the relaxed-SIMD build (the compat build when the browser
 * lacks relaxed SIMD), more threads the threaded build (needs relaxed SIMD and a cross-origin
 * isolated context), `webgpu` the single-threaded build. LiteRT loads once per realm, which a
 * per-case worker is. Inputs become tensors inside each run (copied to the GPU by LiteRT on
 * `webgpu`), and every output is read back to CPU memory (`data()`) before the run returns.
 */
import type * as LiteRtTypes from '@litertjs/core';
import litertPackage from '@litertjs/core/package.json' with { type: 'json' };
import {
  type LoadedModel,
  type LoadRequest,
  type OutputTensor,
  type RuntimeAdapter,
  UnsupportedError,
} from '../measure/adapter.ts';
import type { CaseOptions } from '../schema/run.ts';
import type { InputTensor } from '../suite/inputs.ts';
import type { LiteRtBuild, LiteRtHost } from './litert-host.ts';

type LiteRtLib = typeof LiteRtTypes;

/** The library does not report its version at runtime; its package.json does. */
export const LITERT_VERSION: string = litertPackage.version;

const BACKENDS: ReadonlySet<string> = new Set(['wasm', 'webgpu']);

/** Node host module, kept out of the browser bundle (Vite does not follow a computed import). */
const NODE_HOST = './litert-node.ts';

function inNode(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; WorkerGlobalScope?: unknown };
  return typeof g.process?.versions?.node === 'string' && g.WorkerGlobalScope === undefined;
}

async function loadHost(): Promise<LiteRtHost> {
  const mod: { host: LiteRtHost } = inNode()
    ? await import(/* @vite-ignore */ NODE_HOST)
    : await import('./litert-web.ts');
  return mod.host;
}

/** The build that loaded in this realm (LiteRT loads once per realm). */
let loaded: { build: LiteRtBuild; done: Promise<void> } | undefined;

async function ensureLoaded(lib: LiteRtLib, build: LiteRtBuild): Promise<void> {
  if (loaded) {
    if (loaded.build !== build) {
      throw new UnsupportedError(
        `LiteRT.js already loaded its ${loaded.build} build in this realm; the ${build} build needs a fresh worker`,
      );
    }
    return loaded.done;
  }
  const done = (async () => {
    const host = await loadHost();
    const path = await host.prepare(build);
    await lib.loadLiteRt(path, build === 'threaded' ? { threads: true } : {});
  })();
  loaded = { build, done };
  try {
    await done;
  } catch (error) {
    loaded = undefined;
    throw error;
  }
}

/** Picks the build for a case, or says why this browser cannot run it. */
async function chooseBuild(lib: LiteRtLib, backend: string, threads: number): Promise<LiteRtBuild> {
  const relaxedSimd = await lib.supportsFeature('relaxedSimd');
  if (backend === 'wasm' && threads > 1) {
    if (!relaxedSimd) {
      throw new UnsupportedError('LiteRT.js threads need WASM relaxed SIMD, which this browser lacks');
    }
    if (!(globalThis.crossOriginIsolated && (await lib.supportsFeature('threads')))) {
      throw new UnsupportedError(
        'LiteRT.js threads need a cross-origin-isolated context with SharedArrayBuffer',
      );
    }
    return 'threaded';
  }
  return relaxedSimd ? 'plain' : 'compat';
}

function toTypedArray(input: InputTensor): LiteRtTypes.TypedArray {
  if (input.data instanceof Float32Array || input.data instanceof Int32Array) return input.data;
  throw new UnsupportedError(`LiteRT.js has no ${input.dtype} tensors (input "${input.name}")`);
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function load(request: LoadRequest): Promise<LoadedModel> {
  const { backend, model, options } = request;
  if (!BACKENDS.has(backend)) throw new UnsupportedError(`LiteRT.js has no backend "${backend}"`);
  if (backend === 'webgpu' && !(typeof navigator !== 'undefined' && 'gpu' in navigator)) {
    throw new UnsupportedError('WebGPU is not available in this browser (navigator.gpu is missing)');
  }
  const bytes = model.files[0]?.bytes;
  if (!bytes) throw new Error(`model ${model.id} has no files`);
  const lib = await import('@litertjs/core');
  const threads = backend === 'wasm' && typeof options.threads === 'number' ? options.threads : 1;
  // The GPU delegate's default precision is not documented; ask for fp32 (as ORT and TF.js compute)
  // unless the catalog entry says GPU backends compute this file in float16 (the zoo's float16
  // `.tflite`) or the variant names fp16, and record it.
  const fp16File = model.entry?.precision?.computedOnGpu === 'float16';
  const precision = fp16File || options.precision === 'fp16' ? 'fp16' : 'fp32';
  const build = await chooseBuild(lib, backend, threads);
  await ensureLoaded(lib, build);
  const device = backend === 'webgpu' ? lib.getDefaultEnvironment().webGpuDevice : undefined;
  if (backend === 'webgpu' && !device) {
    throw new UnsupportedError('LiteRT.js could not create a WebGPU device (no adapter)');
  }
  if (fp16File && device && !device.features.has('shader-f16')) {
    // Asked anyway on SwiftShader: ResNet-18 came back all zeros and the others within 5e-8 cosine
    // of fp32 precision, i.e. not float16 arithmetic (docs/QUIRKS.md).
    throw new UnsupportedError(
      'this WebGPU adapter has no shader-f16, so LiteRT.js cannot compute the float16 model in float16',
    );
  }

  let compiled: LiteRtTypes.CompiledModel;
  try {
    compiled = await lib.loadAndCompile(new Uint8Array(bytes), {
      accelerator: backend === 'webgpu' ? 'webgpu' : 'wasm',
      ...(backend === 'wasm' ? { cpuOptions: { numThreads: threads } } : { gpuOptions: { precision } }),
    });
  } catch (error) {
    // An op the GPU delegate cannot run is data, not a harness failure; on wasm (LiteRT's
    // reference backend) a failure to compile is an error.
    const message = `LiteRT.js could not compile ${model.id} for ${backend}: ${errorText(error)}`;
    throw backend === 'webgpu' ? new UnsupportedError(message) : new Error(message);
  }

  const inputDetails = compiled.getInputDetails();
  const outputDetails = compiled.getOutputDetails();
  const outputNames = outputDetails.map((d) => d.name);
  const fullyAccelerated = compiled.isFullyAccelerated;
  const notes: string[] = [];
  if (!fullyAccelerated) notes.push(`LiteRT.js: ${model.id} is not fully accelerated on ${backend}`);
  const applied: CaseOptions = {
    ...options,
    build,
    fullyAccelerated,
    ...(backend === 'wasm'
      ? { threads: compiled.options.cpuOptions.numThreads ?? threads }
      : { precision: compiled.options.gpuOptions.precision ?? precision }),
  };

  return {
    async run(inputs) {
      const byName = new Map(inputs.map((i) => [i.name, i]));
      const tensors: LiteRtTypes.Tensor[] = [];
      let results: LiteRtTypes.Tensor[] = [];
      try {
        for (const detail of inputDetails) {
          const input = byName.get(detail.name) ?? (inputDetails.length === 1 ? inputs[0] : undefined);
          if (!input) throw new Error(`no input "${detail.name}" for ${model.id}`);
          tensors.push(new lib.Tensor(toTypedArray(input), input.shape));
        }
        results = await compiled.run(tensors);
        const outputs: OutputTensor[] = [];
        for (const [i, t] of results.entries()) {
          outputs.push({
            name: outputNames[i] ?? `output_${i}`,
            dtype: t.type.dtype,
            shape: [...t.type.layout.dimensions],
            // Copies GPU outputs back to CPU memory (a map and a copy), host ones out of the heap.
            data: (await t.data()) as OutputTensor['data'],
          });
        }
        const order = model.outputs.length ? model.outputs : outputNames;
        return order.map((name) => {
          const out = outputs.find((o) => o.name === name);
          if (!out) throw new Error(`output "${name}" missing; the model has ${outputNames.join(', ')}`);
          return out;
        });
      } finally {
        for (const t of results) t.delete();
        for (const t of tensors) t.delete();
      }
    },
    info() {
      return {
        actualBackend: backend,
        libraryVersion: `@litertjs/core@${LITERT_VERSION}`,
        options: applied,
        notes,
      };
    },
    async dispose() {
      compiled.delete();
    },
  };
}

export const adapter: RuntimeAdapter<'litert'> = Object.freeze({ id: 'litert', load });
