/**
 * Automation-only page (references.html): computes the reference fingerprints of the catalog
 * models named in `?model=` on their reference backend, each in a fresh module Worker, and puts
 * them on `window.atlasReferences` for `npm run references` (tools/models/references-browser.ts).
 * The reference backend of each model comes in `?runtime=`, `?backend=` and `?options=` (JSON).
 */
import * as Comlink from 'comlink';
import { oneLine } from '../measure/one-line.ts';
import type { CaseOptions } from '../schema/run.ts';
import { modelById } from '../suite/catalog.ts';
import type { ModelReference } from '../suite/types.ts';
import type { ReferenceWorkerApi } from '../workers/reference-worker.ts';
import { modelsBaseUrl } from './models-base.ts';

interface ReferencesState {
  state: 'running' | 'done' | 'failed';
  references: ModelReference[];
  error?: string;
}

declare global {
  interface Window {
    atlasReferences: ReferencesState;
  }
}

const state: ReferencesState = { state: 'running', references: [] };
window.atlasReferences = state;

async function main(): Promise<void> {
  const search = new URLSearchParams(location.search);
  const ids = (search.get('model') ?? '').split(',').filter(Boolean);
  const reference = {
    runtime: search.get('runtime') ?? '',
    backend: search.get('backend') ?? '',
    options: JSON.parse(search.get('options') ?? '{}') as CaseOptions,
  };
  const modelsBase = modelsBaseUrl();
  for (const id of ids) {
    const worker = new Worker(new URL('../workers/reference-worker.ts', import.meta.url), {
      type: 'module',
    });
    try {
      const api = Comlink.wrap<ReferenceWorkerApi>(worker);
      state.references.push(await api.compute(modelById(id), modelsBase, reference));
    } finally {
      worker.terminate();
    }
  }
  state.state = 'done';
}

main().catch((error: unknown) => {
  state.error = oneLine(error);
  state.state = 'failed';
});
