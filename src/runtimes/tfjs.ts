/**
 * TensorFlow.js adapter: the only module that imports @tensorflow/*. Each backend package is
 * imported on first use; `tf.setBackend` must succeed and `tf.getBackend()` must name the
 * requested backend, otherwise the case is unsupported (TF.js would otherwise fall back quietly).
 * Inputs are turned into tensors inside each run and outputs read back with `data()`, so a run
 * goes from CPU arrays to CPU arrays on every backend, as ORT's does.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import {
  type LoadedModel,
  type LoadRequest,
  type OutputTensor,
  type RuntimeAdapter,
  UnsupportedError,
} from '../measure/adapter.ts';
import type { CaseOptions } from '../schema/run.ts';
import type { InputTensor } from '../suite/inputs.ts';

type Tf = typeof TfCore;

/** Registers a backend's package; returns the options it really applies. */
const BACKENDS: Readonly<Record<string, () => Promise<CaseOptions>>> = Object.freeze({
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    return {};
  },
  wasm: async () => {
    const { prepareTfjsWasm } = await import('./tfjs-wasm.ts');
    return prepareTfjsWasm();
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
    return {};
  },
  webgpu: async () => {
    if (typeof navigator === 'undefined' || !('gpu' in navigator)) {
      throw new UnsupportedError('WebGPU is not available in this browser (navigator.gpu is missing)');
    }
    await import('@tensorflow/tfjs-backend-webgpu');
    return {};
  },
});

function parseModelJson(bytes: ArrayBuffer): {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: TfCore.io.WeightsManifestEntry[] }[];
} {
  return JSON.parse(new TextDecoder().decode(bytes));
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

function toTensor(tf: Tf, input: InputTensor): TfCore.Tensor {
  if (input.data instanceof BigInt64Array) {
    throw new UnsupportedError(`TensorFlow.js has no int64 tensors (input "${input.name}")`);
  }
  return tf.tensor(input.data, input.shape, input.dtype === 'float32' ? 'float32' : 'int32');
}

async function load(request: LoadRequest): Promise<LoadedModel> {
  const { backend, model, options } = request;
  const register = BACKENDS[backend];
  if (!register) throw new UnsupportedError(`TensorFlow.js has no backend "${backend}"`);
  const tf = await import('@tensorflow/tfjs-core');
  const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
  const applied = await register();
  const switched = await tf.setBackend(backend).catch((error: unknown) => {
    throw new UnsupportedError(
      `TensorFlow.js could not start ${backend}: ${error instanceof Error ? error.message : error}`,
    );
  });
  await tf.ready();
  if (!switched || tf.getBackend() !== backend) {
    throw new UnsupportedError(
      `TensorFlow.js could not start ${backend} (active backend: ${tf.getBackend() ?? 'none'})`,
    );
  }

  const [entry, ...shards] = model.files;
  if (!entry) throw new Error(`model ${model.id} has no files`);
  const json = parseModelJson(entry.bytes);
  const graph = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: concat(shards.map((s) => s.bytes)),
    }),
  );
  const outputNames = model.outputs.length ? model.outputs : graph.outputNodes;
  let useAsync = false;

  const execute = async (feeds: TfCore.NamedTensorMap): Promise<TfCore.Tensor[]> => {
    if (!useAsync) {
      try {
        const out = graph.execute(feeds, outputNames);
        return Array.isArray(out) ? out : [out];
      } catch (error) {
        // Graphs with control flow or dynamic shapes must go through executeAsync.
        if (!(error instanceof Error && /executeAsync/.test(error.message))) throw error;
        useAsync = true;
      }
    }
    const out = await graph.executeAsync(feeds, outputNames);
    return Array.isArray(out) ? out : [out];
  };

  return {
    async run(inputs) {
      const feeds: TfCore.NamedTensorMap = {};
      for (const input of inputs) feeds[input.name] = toTensor(tf, input);
      try {
        const tensors = await execute(feeds);
        const outputs: OutputTensor[] = [];
        for (const [i, t] of tensors.entries()) {
          outputs.push({
            name: outputNames[i] ?? `output_${i}`,
            dtype: t.dtype,
            shape: [...t.shape],
            data: (await t.data()) as OutputTensor['data'],
          });
          t.dispose();
        }
        return outputs;
      } finally {
        for (const t of Object.values(feeds)) t.dispose();
      }
    },
    info() {
      return {
        actualBackend: tf.getBackend(),
        libraryVersion: `@tensorflow/tfjs-core@${tf.version_core}`,
        options: { ...options, ...applied },
        notes: [],
      };
    },
    async dispose() {
      graph.dispose();
      tf.disposeVariables();
    },
  };
}

export const adapter: RuntimeAdapter = Object.freeze({ id: 'tfjs', load });
