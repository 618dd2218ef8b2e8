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
import type { ModelFormat } from '../suite/types.ts';

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

/** A loaded TF.js model of either kind, run on named input tensors. */
interface TfNet {
  /** Output names in the order `execute` returns them. */
  outputNames: string[];
  execute(feeds: TfCore.NamedTensorMap): Promise<TfCore.Tensor[]>;
  dispose(): void;
}

type OpenNet = (tf: Tf, artifacts: TfCore.io.ModelArtifacts, outputs: readonly string[]) => Promise<TfNet>;

/** Graph models (tfjs-converter) and Keras-style layers models (tfjs-layers), each loaded from memory. */
const MODEL_KINDS: Readonly<Partial<Record<ModelFormat, OpenNet>>> = Object.freeze({
  'tfjs-graph': async (tf, artifacts, outputs) => {
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    const graph = await loadGraphModel(tf.io.fromMemory(artifacts));
    const outputNames = outputs.length ? [...outputs] : graph.outputNodes;
    let useAsync = false;
    return {
      outputNames,
      async execute(feeds) {
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
      },
      dispose: () => graph.dispose(),
    };
  },
  'tfjs-layers': async (tf, artifacts, outputs) => {
    const { loadLayersModel } = await import('@tensorflow/tfjs-layers');
    const net = await loadLayersModel(tf.io.fromMemory(artifacts));
    const outputNames = outputs.length ? [...outputs] : net.outputNames;
    const picks = outputNames.map((name) => {
      const at = net.outputNames.indexOf(name);
      if (at < 0)
        throw new Error(`layers model has no output "${name}" (it has ${net.outputNames.join(', ')})`);
      return at;
    });
    return {
      outputNames,
      async execute(feeds) {
        const xs = net.inputNames.map((name) => {
          const x = feeds[name];
          if (!x)
            throw new Error(
              `layers model input "${name}" was not fed (fed: ${Object.keys(feeds).join(', ')})`,
            );
          return x;
        });
        const out = net.predict(xs.length === 1 ? (xs[0] as TfCore.Tensor) : xs);
        const all = Array.isArray(out) ? out : [out];
        const picked = picks.map((i) => all[i] as TfCore.Tensor);
        for (const t of all) if (!picked.includes(t)) t.dispose();
        return picked;
      },
      dispose: () => net.dispose(),
    };
  },
});

async function load(request: LoadRequest): Promise<LoadedModel> {
  const { backend, model, options } = request;
  const register = BACKENDS[backend];
  if (!register) throw new UnsupportedError(`TensorFlow.js has no backend "${backend}"`);
  const tf = await import('@tensorflow/tfjs-core');
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
  const artifacts: TfCore.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: concat(shards.map((s) => s.bytes)),
  };
  const open = MODEL_KINDS[model.format];
  if (!open) throw new UnsupportedError(`TensorFlow.js cannot load ${model.format} models`);
  const net = await open(tf, artifacts, model.outputs);
  const outputNames = net.outputNames;

  return {
    async run(inputs) {
      const feeds: TfCore.NamedTensorMap = {};
      for (const input of inputs) feeds[input.name] = toTensor(tf, input);
      try {
        const tensors = await net.execute(feeds);
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
      net.dispose();
      tf.disposeVariables();
    },
  };
}

export const adapter: RuntimeAdapter<'tfjs'> = Object.freeze({ id: 'tfjs', load });
