/**
 * Computes one model's reference fingerprints in a browser Worker, through the same adapter the
 * case worker uses, for formats whose library runs only in a browser (MediaPipe Tasks). Driven by
 * references.html for `npm run references`.
 */

import { modelSourceOf } from '../measure/adapter.ts';
import { fingerprint } from '../measure/check.ts';
import { loadModelFilesInBrowser } from '../measure/model-store.ts';
import { loadAdapter } from '../runtimes/loaders.ts';
import type { CaseOptions } from '../schema/run.ts';
import { makeInputs } from '../suite/inputs.ts';
import type { ModelEntry, ModelReference } from '../suite/types.ts';
import { exposeOnce } from './expose-once.ts';

const api = {
  async compute(
    model: ModelEntry,
    modelsBaseUrl: string,
    reference: { runtime: string; backend: string; options: CaseOptions },
  ): Promise<ModelReference> {
    const { files } = await loadModelFilesInBrowser(model.files, modelsBaseUrl);
    const adapter = await loadAdapter(reference.runtime);
    const session = await adapter.load({
      model: modelSourceOf(model, files),
      backend: reference.backend,
      options: reference.options,
    });
    try {
      const outputs = await session.run(makeInputs(model.inputs));
      return {
        model: model.id,
        computedWith: `${session.info().libraryVersion} ${reference.backend} (Chromium)`,
        outputs: outputs.map(fingerprint),
      };
    } finally {
      await session.dispose();
    }
  },
};

export type ReferenceWorkerApi = typeof api;

exposeOnce(api);
