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

// Only float32 entries: "same network, different libraries" compares libraries on the same
// arithmetic; the reduced formats are weighed by the three-factor comparison (src/report/three-factors.ts).
const NETWORKS = new Map(
  MODELS.flatMap((m) => (m.network && !isReducedPrecision(m) ? [[m.id, m.network] as const] : [])),
);

/**
 * The network a float32 model entry is one format of (its `network` id), or undefined — also for a
 * reduced-precision variant, so library rankings never set an int8 file beside a float32 one.
 */
export function networkOf(id: string): string | undefined {
  return NETWORKS.get(id);
}
