/**
 * The catalog's `precision` of the packages' real models tells the truth about the files: a
 * `.tflite` said to store float16 holds only float16 (and int32) constants, each read by a
 * DEQUANTIZE; a TF.js model said to store float16 or uint8 has every float weight quantized so in
 * its manifest; and a model said nothing about stores plain float32. Needs the real model files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWeightsOnly, MODELS, networkOf } from '../../src/suite/catalog.ts';
import type { ModelEntry } from '../../src/suite/types.ts';
import { MODELS_DIR } from '../../tools/models/references.ts';
import { storedZipMembers, tfjsWeightFormats, tfliteFormats } from '../../tools/models/stored-formats.ts';

const read = (m: ModelEntry) => readFileSync(join(MODELS_DIR, m.files[0]?.path ?? ''));
const packaged = MODELS.filter((m) => m.source === 'package');
const tflites = (m: ModelEntry): Uint8Array[] => {
  const bytes = new Uint8Array(read(m));
  return m.files[0]?.path.endsWith('.task') ? storedZipMembers(bytes).map((f) => f.bytes) : [bytes];
};

describe('the precision of the packages’ models, read from their files', () => {
  const tfliteModels = packaged.filter((m) => m.format === 'tflite' || m.format === 'mediapipe-task');
  it.each(tfliteModels.map((m) => [m.id, m] as const))('%s (.tflite)', (_, m) => {
    const graphs = tflites(m).map(tfliteFormats);
    expect(graphs.length, m.id).toBeGreaterThan(0);
    for (const { constants, dequantized } of graphs) {
      if (m.precision?.stored === 'float16') {
        // Only float16 weights (int32 shape and index constants aside), every one dequantized.
        expect(
          Object.keys(constants).filter((t) => t !== 'int32'),
          m.id,
        ).toEqual(['float16']);
        expect(dequantized, m.id).toEqual({ float16: constants.float16 });
      } else {
        expect(m.precision, m.id).toBeUndefined();
        expect(constants.float16 ?? 0, m.id).toBe(0);
        expect(constants.int8 ?? 0, m.id).toBe(0);
      }
    }
  });

  const tfjsModels = packaged.filter((m) => m.format === 'tfjs-graph' || m.format === 'tfjs-layers');
  it.each(tfjsModels.map((m) => [m.id, m] as const))('%s (TF.js manifest)', (_, m) => {
    const formats = tfjsWeightFormats(JSON.parse(read(m).toString('utf8')));
    const floats = Object.keys(formats).filter((k) => k.startsWith('float32'));
    expect(floats, m.id).toEqual([m.precision ? `float32/${m.precision.stored}` : 'float32']);
  });

  it('finds the real reduced-precision models, each computing in float32 and standing for its network', () => {
    const reduced = packaged.filter((m) => m.precision);
    expect(reduced.length).toBeGreaterThanOrEqual(20);
    expect(reduced.filter((m) => m.precision?.stored === 'uint8').map((m) => m.id)).toEqual([
      'nsfw-mobilenet-v2',
      'nsfw-inception-v3',
    ]);
    for (const m of reduced) expect(isWeightsOnly(m), m.id).toBe(true);
    // Those that belong to a network stand for it in library rankings (none ships in float32).
    const networked = reduced.filter((m) => m.network);
    expect(networked.length).toBeGreaterThan(0);
    for (const m of networked) expect(networkOf(m.id), m.id).toBe(m.network);
  });
});
