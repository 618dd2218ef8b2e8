/**
 * The per-case Worker: loads one runtime adapter and runs the measurement protocol for one case.
 * The page starts a fresh one per case and terminates it afterwards, so a crash, hang or leak
 * cannot touch the next case. Before any library loads it starts watching the worker's
 * WebAssembly (memories, compile/instantiate calls) and GPU allocations, and times the adapter's import, so the
 * protocol can record the cold-start breakdown and the WASM heap of every runtime alike.
 */

import type { RuntimeAdapter } from '../measure/adapter.ts';
import { workerObserver } from '../measure/case-observer.ts';
import { watchGpu } from '../measure/gpu-watch.ts';
import { oneLine } from '../measure/one-line.ts';
import { type CaseSpec, type ProgressEvent, runProtocol } from '../measure/protocol.ts';
import { watchWasm } from '../measure/wasm-watch.ts';
import { loadAdapter } from '../runtimes/loaders.ts';
import type { Case } from '../schema/run.ts';
import { exposeOnce } from './expose-once.ts';

// Before any library: every memory and compile/instantiate call of this worker is seen.
const wasm = typeof WebAssembly === 'object' ? watchWasm(WebAssembly) : undefined;
const gpu = watchGpu(globalThis);

const api = {
  async runCase(
    spec: CaseSpec,
    onProgress: (event: ProgressEvent) => void,
    afterTimedRuns?: () => Promise<void>,
  ): Promise<Case> {
    let adapter: RuntimeAdapter;
    const workerStartMs = performance.now();
    try {
      adapter = await loadAdapter(spec.runtime);
    } catch (error) {
      return {
        model: spec.model.id,
        runtime: spec.runtime,
        backend: spec.backend,
        options: spec.options,
        status: 'error',
        error: `loading the ${spec.runtime} adapter failed: ${oneLine(error)}`,
      };
    }
    const libraryImportMs = performance.now() - workerStartMs;
    const observer = workerObserver(wasm, gpu, { workerStartMs, libraryImportMs });
    return runProtocol(spec, adapter, {
      onProgress,
      observer,
      ...(afterTimedRuns ? { afterTimedRuns } : {}),
    });
  },
};

export type CaseWorkerApi = typeof api;

exposeOnce(api);
