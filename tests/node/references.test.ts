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

  // [model, decimal digits the recomputed values must match]. The ORT/TF.js models of issue 5
  // match to 5 digits; nanodet, M-LSD and BlazePose take seconds each on TF.js cpu and are left
  // to `npm run references`.
  const reproduced: [string, number][] = [
    ['ppocr-cls', 6],
    ['silero-vad', 6],
    ['movenet-lightning', 6],
    ['face-detection-short', 6],
    ['selfie-segmentation', 6],
    ['blazeface-front', 5],
    ['blazeface-front-onnx', 5],
    ['emotion', 5],
    ['oww-melspectrogram', 5],
    ['oww-embedding', 5],
    ['nsfw-mobilenet-v2', 5],
    ['face-landmark', 6],
    ['objectron-ssd', 6],
    ['pose-landmark-full', 6],
  ];
  for (const [id, digits] of reproduced) {
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
      expect(fresh.outputs.map((o) => o.indices)).toEqual(stored.outputs.map((o) => o.indices));
      for (const [i, out] of fresh.outputs.entries()) {
        const want = stored.outputs[i]?.values ?? [];
        out.values.forEach((v, j) => {
          expect(v).toBeCloseTo(want[j] ?? Number.NaN, digits);
        });
      }
    }, 120_000);
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
