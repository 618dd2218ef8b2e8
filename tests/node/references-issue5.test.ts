/**
 * The reference outputs of the ORT and TF.js models added for issue 5 are reproducible: recomputing
 * them on the reference backends gives the stored fingerprints (the small ones; nanodet, M-LSD and
 * BlazePose take seconds each on TF.js cpu and are left to `npm run references`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelById } from '../../src/suite/catalog.ts';
import { referenceFor } from '../../src/suite/references.ts';
import { computeReference, MODELS_DIR } from '../../tools/models/references.ts';

describe('reference outputs of the issue-5 models', () => {
  for (const id of [
    'blazeface-front',
    'blazeface-front-onnx',
    'emotion',
    'oww-melspectrogram',
    'oww-embedding',
  ]) {
    it(`are reproduced exactly for ${id}`, async () => {
      const model = modelById(id);
      expect(existsSync(join(MODELS_DIR, model.files[0]?.path ?? '')), 'run `npm run models` first').toBe(
        true,
      );
      const stored = referenceFor(id);
      if (!stored) throw new Error(`no stored reference for ${id}`);
      const fresh = await computeReference(model);
      expect(fresh.computedWith).toBe(stored.computedWith);
      expect(fresh.outputs.map((o) => o.shape)).toEqual(stored.outputs.map((o) => o.shape));
      for (const [i, out] of fresh.outputs.entries()) {
        const want = stored.outputs[i]?.values ?? [];
        out.values.forEach((v, j) => {
          expect(v).toBeCloseTo(want[j] ?? Number.NaN, 5);
        });
      }
    });
  }
});
