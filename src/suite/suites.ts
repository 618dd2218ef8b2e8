/**
 * The suites a user can pick: which catalog models they run and with what measurement budget.
 * `quick` (the default) is every model but the heavy ones plus the model zoo's MobileNetV2 in all
 * three formats (one network on every library), with small budgets; `full` adds the heavy models
 * (each 22–28 MB and seconds per run on a phone CPU) and every zoo network, with larger budgets.
 */
import { ZOO_MODELS } from './models/zoo.ts';
import type { Suite } from './types.ts';

/** Every model of the default suite, grouped by task (the order cases run in). */
const DEFAULT_MODELS = [
  // text (OCR pipeline: detect, classify direction, recognise)
  'ppocr-det',
  'ppocr-cls',
  'ppocr-rec',
  // audio
  'silero-vad',
  'oww-melspectrogram',
  'oww-embedding',
  // faces
  'blazeface-back',
  'blazeface-front',
  'blazeface-front-onnx',
  'face-detection-short',
  'face-detection-full',
  'face-detector-task',
  'face-landmark',
  'emotion',
  // people: pose, segmentation, hands
  'movenet-lightning',
  'blazepose-full',
  'pose-landmark-full',
  'pose-landmarker-task',
  'selfie-segmentation',
  'selfie-segmentation-tfjs',
  'selfie-segmenter-task',
  'hand-landmark-full',
  'hand-landmark-full-tfjs',
  'hand-landmark-lite',
  // scenes and images
  'nanodet',
  'objectron-ssd',
  'mlsd-large',
  'nsfw-mobilenet-v2',
];

/** The model zoo's MobileNetV2 in every format: one network on every library (src/suite/models/zoo.ts). */
const ZOO_QUICK = ZOO_MODELS.filter((m) => m.network === 'zoo-mobilenet-v2').map((m) => m.id);

/** Heavy models: in `full` only. */
const HEAVY_MODELS = ['pose-landmark-heavy', 'blazepose-heavy', 'nsfw-inception-v3'];

export const SUITES: readonly Suite[] = Object.freeze([
  {
    id: 'quick',
    version: '3',
    description:
      "Every model but the heavy ones, plus the zoo's MobileNetV2 in three formats, on every runtime/backend that can run it, small budgets.",
    models: [...DEFAULT_MODELS, ...ZOO_QUICK],
    budget: {
      warmupRuns: 1,
      warmupMs: 500,
      minRuns: 10,
      maxRuns: 200,
      budgetMs: 1000,
      targetCiHalfWidth: 0.02,
      caseTimeoutMs: 90_000,
    },
  },
  {
    id: 'full',
    version: '3',
    description:
      'All models, heavy ones and every model-zoo network included, with larger budgets for tighter confidence intervals.',
    models: [...DEFAULT_MODELS, ...HEAVY_MODELS, ...ZOO_MODELS.map((m) => m.id)],
    budget: {
      warmupRuns: 5,
      warmupMs: 2000,
      minRuns: 30,
      maxRuns: 2000,
      budgetMs: 8000,
      targetCiHalfWidth: 0.02,
      caseTimeoutMs: 240_000,
    },
  },
] satisfies Suite[]);

export type SuiteId = Suite['id'];

export function suiteById(id: string): Suite {
  const suite = SUITES.find((s) => s.id === id);
  if (!suite) throw new Error(`unknown suite "${id}"; known: ${SUITES.map((s) => s.id).join(', ')}`);
  return suite;
}
