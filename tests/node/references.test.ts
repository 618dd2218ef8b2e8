/**
 * The stored reference outputs are reproducible: recomputing them now, through the same adapters
 * on the reference backends, gives the stored fingerprints. Needs the real model files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputs } from '../../src/measure/check.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { REFERENCES, referenceFor } from '../../src/suite/references.ts';
import { computeReference, MODELS_DIR } from '../../tools/models/references.ts';

describe('reference outputs', () => {
  it('exist for every catalog model', async () => {
    const { MODELS } = await import('../../src/suite/catalog.ts');
    expect(REFERENCES.map((r) => r.model).sort()).toEqual(MODELS.map((m) => m.id).sort());
  });

  for (const id of [
    'ppocr-cls',
    'silero-vad',
    'movenet-lightning',
    'face-detection-short',
    'selfie-segmentation',
  ]) {
    it(`are reproduced exactly for ${id}`, async () => {
      const model = modelById(id);
      expect(existsSync(join(MODELS_DIR, model.files[0]?.path ?? '')), 'run `npm run models` first').toBe(
        true,
      );
      const stored = referenceFor(id);
      if (!stored) throw new Error(`no stored reference for ${id}`);
      const fresh = await computeReference(model);
      expect(fresh.outputs.map((o) => o.shape)).toEqual(stored.outputs.map((o) => o.shape));
      expect(fresh.outputs.map((o) => o.indices)).toEqual(stored.outputs.map((o) => o.indices));
      for (const [i, out] of fresh.outputs.entries()) {
        const want = stored.outputs[i]?.values ?? [];
        out.values.forEach((v, j) => {
          expect(v).toBeCloseTo(want[j] ?? Number.NaN, 6);
        });
      }
    });
  }

  it('reject outputs of a different input', async () => {
    const model = modelById('ppocr-cls');
    const stored = referenceFor('ppocr-cls');
    if (!stored) throw new Error('no stored reference');
    const shifted = {
      ...model,
      inputs: model.inputs.map((i) => ({
        ...i,
        fill: { kind: 'uniform' as const, min: -1, max: 1, seed: 999 },
      })),
    };
    const other = await computeReference(shifted);
    const asOutputs = other.outputs.map((o) => {
      const data = new Float32Array(o.shape.reduce((n, d) => n * d, 1));
      o.indices.forEach((index, j) => {
        data[index] = o.values[j] ?? 0;
      });
      return { name: o.name, dtype: 'float32', shape: o.shape, data };
    });
    expect(checkOutputs(asOutputs, stored, model.check.maxAbsDiff).ok).toBe(false);
  });
});
