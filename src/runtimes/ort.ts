/**
 * ONNX Runtime Web adapter: the only module that imports onnxruntime-web. Each backend loads its
 * own entry point on first use (the CPU-only build for `wasm`, the JSEP build for `webgpu` and
 * `webnn`, the WebGL build for `webgl`), so a case pays only for the binary it needs. One
 * execution provider is requested per session, so ORT cannot silently fall back to another.
 */
import type * as OrtTypes from 'onnxruntime-web';
import {
  type LoadedModel,
  type LoadRequest,
  type OutputTensor,
  type RuntimeAdapter,
  UnsupportedError,
} from '../measure/adapter.ts';
import type { InputTensor } from '../suite/inputs.ts';

type Ort = typeof OrtTypes;

/** Entry point per backend; every import is lazy. */
const ENTRY_POINTS: Readonly<Record<string, () => Promise<Ort>>> = Object.freeze({
  wasm: () => import('onnxruntime-web/wasm'),
  webgpu: () => import('onnxruntime-web'),
  webnn: () => import('onnxruntime-web'),
  webgl: () => import('onnxruntime-web/webgl'),
});

/** Backends whose session-creation failures mean "this backend cannot run this model". */
const LOAD_FAILURE_IS_UNSUPPORTED: ReadonlySet<string> = new Set(['webgl', 'webnn']);

/** Library messages worth keeping in the record (nodes placed on another EP, fallbacks). */
const NOTABLE_LOG =
  /not assigned to the preferred execution providers|fall(ing)? ?back|will not work unless/i;

function executionProvider(
  backend: string,
  options: Readonly<Record<string, unknown>>,
): OrtTypes.InferenceSession.ExecutionProviderConfig {
  if (backend === 'webnn') {
    return { name: 'webnn', deviceType: (options.deviceType as 'cpu' | 'gpu' | 'npu' | undefined) ?? 'cpu' };
  }
  return backend;
}

/** ANSI colour codes ORT's native logger puts around its messages. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The line worth keeping from a console call of the library, without colour codes, or undefined. */
export function notableLogLine(args: readonly unknown[]): string | undefined {
  const text = args.map(String).join(' ').replace(ANSI, '').trim();
  return NOTABLE_LOG.test(text) ? text.slice(0, 300) : undefined;
}

/** Captures console output of the library while `fn` runs (ORT logs through console). */
async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const saved = { warn: console.warn, error: console.error, log: console.log };
  const keep =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const line = notableLogLine(args);
      if (line) lines.push(line);
      original(...args);
    };
  console.warn = keep(saved.warn);
  console.error = keep(saved.error);
  console.log = keep(saved.log);
  try {
    return { value: await fn(), lines };
  } finally {
    Object.assign(console, saved);
  }
}

function toOrtTensor(ort: Ort, input: InputTensor): OrtTypes.Tensor {
  return new ort.Tensor(input.dtype, input.data, input.shape);
}

/**
 * A float16 ONNX model computes in float16 on WebGPU only where the adapter has `shader-f16`;
 * without it ORT 1.30 still ran the model and returned all-zero outputs (docs/QUIRKS.md).
 */
async function requireShaderF16(): Promise<void> {
  const gpu = (
    navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: ReadonlySet<string> } | null> } }
  ).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter?.features.has('shader-f16')) {
    throw new UnsupportedError(
      'this WebGPU adapter has no shader-f16, so ONNX Runtime cannot compute the float16 model on it',
    );
  }
}

async function load(request: LoadRequest): Promise<LoadedModel> {
  const { backend, options, model } = request;
  const entry = ENTRY_POINTS[backend];
  if (!entry) throw new UnsupportedError(`onnxruntime-web has no backend "${backend}"`);
  if (backend === 'webgpu' && !(typeof navigator !== 'undefined' && 'gpu' in navigator)) {
    throw new UnsupportedError('WebGPU is not available in this browser (navigator.gpu is missing)');
  }
  if (backend === 'webnn' && !(typeof navigator !== 'undefined' && 'ml' in navigator)) {
    throw new UnsupportedError('WebNN is not available in this browser (navigator.ml is missing)');
  }
  if (backend === 'webgpu' && model.entry?.precision?.stored === 'float16') await requireShaderF16();
  const ort = await entry();
  const threads = typeof options.threads === 'number' ? options.threads : 1;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'warning';
  const bytes = model.files[0]?.bytes;
  if (!bytes) throw new Error(`model ${model.id} has no files`);

  let created: { value: OrtTypes.InferenceSession; lines: string[] };
  try {
    created = await capturingLogs(() =>
      ort.InferenceSession.create(new Uint8Array(bytes), {
        executionProviders: [executionProvider(backend, options)],
        graphOptimizationLevel: 'all',
      }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (LOAD_FAILURE_IS_UNSUPPORTED.has(backend)) throw new UnsupportedError(message);
    throw error;
  }
  const session = created.value;
  const notes = [...created.lines];
  // ORT lowers numThreads to 1 when the page is not cross-origin isolated; record what it used.
  const appliedThreads = backend === 'wasm' ? ort.env.wasm.numThreads : undefined;
  const outputNames = model.outputs.length ? model.outputs : [...session.outputNames];

  return {
    async run(inputs) {
      const feeds: Record<string, OrtTypes.Tensor> = {};
      for (const input of inputs) feeds[input.name] = toOrtTensor(ort, input);
      const results = await session.run(feeds);
      const outputs: OutputTensor[] = [];
      for (const name of outputNames) {
        const tensor = results[name];
        if (!tensor) throw new Error(`output "${name}" missing from the session's results`);
        outputs.push({
          name,
          dtype: tensor.type,
          shape: [...tensor.dims],
          data: (await tensor.getData(true)) as OutputTensor['data'],
        });
      }
      return outputs;
    },
    info() {
      return {
        actualBackend: backend,
        libraryVersion: `onnxruntime-web@${ort.env.versions.web ?? 'unknown'}`,
        options: { ...options, ...(appliedThreads === undefined ? {} : { threads: appliedThreads }) },
        notes,
      };
    },
    async dispose() {
      await session.release();
    },
  };
}

export const adapter: RuntimeAdapter<'ort'> = Object.freeze({ id: 'ort', load });
