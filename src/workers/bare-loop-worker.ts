/**
 * The bare loop the harness is compared against: onnxruntime-web called directly (no adapter, no
 * protocol, no stopping rule), timing run + readback exactly as the protocol does. It exists only
 * to measure the harness's own overhead (harness-check.html); the one place besides
 * src/runtimes/ort.ts that imports the library, on purpose.
 */

import * as ort from 'onnxruntime-web/wasm';
import { loadModelFilesInBrowser } from '../measure/model-store.ts';
import { makeInputs } from '../suite/inputs.ts';
import type { ModelEntry } from '../suite/types.ts';
import { exposeOnce } from './expose-once.ts';

export interface BareLoopRequest {
  model: ModelEntry;
  modelsBaseUrl: string;
  warmupRuns: number;
  warmupMs: number;
  runs: number;
}

const api = {
  async run(request: BareLoopRequest): Promise<number[]> {
    const { model } = request;
    ort.env.wasm.numThreads = 1;
    const entry = model.files[0];
    if (!entry) throw new Error(`model ${model.id} has no files`);
    const [file] = (await loadModelFilesInBrowser([entry], request.modelsBaseUrl)).files;
    if (!file) throw new Error(`model ${model.id}: ${entry.path} did not load`);
    const session = await ort.InferenceSession.create(new Uint8Array(file.bytes), {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    const inputs = makeInputs(model.inputs);
    const once = async () => {
      const feeds: Record<string, ort.Tensor> = {};
      for (const i of inputs) feeds[i.name] = new ort.Tensor(i.dtype, i.data, i.shape);
      const outputs = await session.run(feeds);
      for (const name of model.outputs) await outputs[name]?.getData(true);
    };
    await once();
    const warmupStart = performance.now();
    for (let i = 0; i < request.warmupRuns || performance.now() - warmupStart < request.warmupMs; i++)
      await once();
    const samples: number[] = [];
    for (let i = 0; i < request.runs; i++) {
      const t0 = performance.now();
      await once();
      samples.push(performance.now() - t0);
    }
    await session.release();
    return samples;
  },
};

export type BareLoopApi = typeof api;
exposeOnce(api);
