/**
 * The per-case Worker: loads one runtime adapter and runs the measurement protocol for one case.
 * The page starts a fresh one per case and terminates it afterwards, so a crash, hang or leak
 * cannot touch the next case.
 */

import type { RuntimeAdapter } from '../measure/adapter.ts';
import { oneLine } from '../measure/one-line.ts';
import { type CaseSpec, type ProgressEvent, runProtocol } from '../measure/protocol.ts';
import { loadAdapter } from '../runtimes/loaders.ts';
import type { Case } from '../schema/run.ts';
import { exposeOnce } from './expose-once.ts';

const api = {
  async runCase(spec: CaseSpec, onProgress: (event: ProgressEvent) => void): Promise<Case> {
    let adapter: RuntimeAdapter;
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
    return runProtocol(spec, adapter, { onProgress });
  },
};

export type CaseWorkerApi = typeof api;

exposeOnce(api);
