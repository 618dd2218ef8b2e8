/**
 * The frozen reference device of each scored suite: its best correct median per model and class
 * of backend, which the score divides by (src/report/score.ts). Written by
 * `npm run score:reference` from runs of the suite on the reference device, then never changed
 * for that suite version: a new suite version gets a new reference (and so a new score version).
 */
import phone1 from './score-references/phone-1.json' with { type: 'json' };
import phone2 from './score-references/phone-2.json' with { type: 'json' };

export type ScoreClass = 'cpu' | 'gpu';

export interface ScoreReference {
  /** The score's version, named after the suite version it is defined on. */
  version: string;
  suite: string;
  suiteVersion: string;
  /** What the reference device was. */
  device: string;
  /** How many runs the medians are the median of. */
  runs: number;
  /** Best correct median, ms, per class, per model: the models a class's score is the mean over. */
  medians: Readonly<Record<ScoreClass, Readonly<Record<string, number>>>>;
  /**
   * Suite models left out of a class because the reference device had no correct case of them
   * there (the reason, per model): the class is scored over the other models, on every device.
   */
  leftOut?: Readonly<Partial<Record<ScoreClass, Readonly<Record<string, string>>>>>;
}

// Every version ever published stays: a stored run is scored by its own suite version's reference.
export const SCORE_REFERENCES: readonly ScoreReference[] = Object.freeze([
  phone1 satisfies ScoreReference,
  phone2 satisfies ScoreReference,
]);
