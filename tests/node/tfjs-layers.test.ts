/**
 * TF.js layers models (nsfwjs's Keras MobileNet v2, decoded by the fetcher) through the TF.js
 * adapter in Node (cpu; the adapter's wasm setup is browser-only, the browser test covers wasm): fed
 * by input name, outputs named and shaped as the catalog says, a softmax that agrees with the stored
 * reference, and a clear error when an input is not fed.
 */
import { describe, expect, it } from 'vitest';
import { checkOutputs } from '../../src/measure/check.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { makeInputs } from '../../src/suite/inputs.ts';
import { referenceFor } from '../../src/suite/references.ts';
import { modelSource } from '../../tools/models/references.ts';

describe('TF.js layers model', () => {
  it('runs with catalog outputs matching the reference, and names an unfed input', async () => {
    const model = modelById('nsfw-mobilenet-v2');
    expect(model.format).toBe('tfjs-layers');
    const adapter = await loadAdapter('tfjs');
    const session = await adapter.load({ model: modelSource(model), backend: 'cpu', options: {} });
    try {
      expect(session.info().actualBackend).toBe('cpu');
      const outputs = await session.run(makeInputs(model.inputs));
      expect(outputs.map((o) => [o.name, o.shape])).toEqual([['dense_3', [1, 5]]]);
      // A softmax over the five classes.
      const probabilities = Array.from(outputs[0]?.data ?? [], Number);
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const reference = referenceFor(model.id);
      if (!reference) throw new Error('no stored reference');
      expect(checkOutputs(outputs, reference, model.check.maxAbsDiff).ok).toBe(true);

      const renamed = makeInputs(model.inputs).map((i) => ({ ...i, name: 'pixels' }));
      await expect(session.run(renamed)).rejects.toThrow(
        'layers model input "input_1" was not fed (fed: pixels)',
      );
    } finally {
      await session.dispose();
    }
  }, 120_000);
});
