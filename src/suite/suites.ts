/**
 * The suites a user can pick: which catalog models they run, on which backends, with what
 * measurement budget. `phone` (the default) is made for a stranger's phone: ≤ 25 MB of models,
 * about a minute on CPU backends, every library on its best CPU and GPU backends, the same
 * networks across libraries (docs/methodology.md, "The phone suite", says why these cases).
 * `quick` is every model but the heavy ones plus the zoo's MobileNetV2 on every backend, small
 * budgets; `full` adds the heavy models and every zoo network, with larger budgets.
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

/**
 * The model zoo's MobileNetV2 in every format at float32: one network on every library
 * (src/suite/models/zoo.ts); its reduced-precision variants are in `full` only.
 */
const ZOO_QUICK = ZOO_MODELS.filter((m) => m.network === 'zoo-mobilenet-v2' && !m.precision).map((m) => m.id);

/** Heavy models: in `full` only. */
const HEAVY_MODELS = ['pose-landmark-heavy', 'blazepose-heavy', 'nsfw-inception-v3'];

/**
 * The phone suite's models: one network per task on as many libraries as carry it, so each pair
 * is a library comparison on identical weights (docs/methodology.md, "The phone suite").
 */
const PHONE_MODELS = [
  // faces: MediaPipe's BlazeFace front model on TF.js and ORT; the short-range detector on LiteRT and MediaPipe Tasks
  'blazeface-front',
  'blazeface-front-onnx',
  'face-detection-short',
  'face-detector-task',
  // person segmentation: one network on LiteRT, TF.js and MediaPipe Tasks
  'selfie-segmentation',
  'selfie-segmentation-tfjs',
  'selfie-segmenter-task',
  // pose
  'movenet-lightning',
  // text: the OCR detector (the heaviest convolution stack of the suite)
  'ppocr-det',
  // the zoo: an LSTM keyword spotter on ORT, TF.js and LiteRT; MobileNetV3-Small on MediaPipe Tasks
  // (the zoo classifier its float16 GPU delegate still gets right)
  'zoo-lstm-kws-onnx',
  'zoo-lstm-kws-tfjs',
  'zoo-lstm-kws-tflite',
  // the suite's one quantized network: the same LSTM in int8 on the two libraries that compute int8
  // (on this x86 VM LiteRT's int8 is 3.45× faster than its float32, ORT's QDQ int8 ~7× slower:
  // whether int8 pays off depends on the library, and a phone's ARM kernels may answer otherwise)
  'zoo-lstm-kws-onnx-int8',
  'zoo-lstm-kws-tflite-int8',
  'zoo-mobilenet-v3-small-mediapipe',
];

/** The suite a page selects and the CLI runs when none is named. */
export const DEFAULT_SUITE = 'phone';

export const SUITES: readonly Suite[] = Object.freeze([
  {
    id: 'phone',
    version: '2',
    title: 'Phone (about a minute)',
    description:
      'Faces, pose, segmentation, text and two zoo networks (one also in int8) on every library’s best CPU and GPU backends: about 24 MB of models and a minute on a phone’s CPU.',
    models: PHONE_MODELS,
    backends: {
      ort: ['wasm', 'webgpu'],
      tfjs: ['wasm', 'webgl', 'webgpu'],
      litert: ['wasm', 'webgpu'],
      mediapipe: ['wasm', 'webgl'],
    },
    budget: {
      warmupRuns: 1,
      warmupMs: 300,
      minRuns: 10,
      maxRuns: 100,
      budgetMs: 700,
      targetCiHalfWidth: 0.03,
      caseTimeoutMs: 45_000,
    },
  },
  {
    id: 'quick',
    version: '3',
    title: 'Quick (every model, every backend)',
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
    version: '4',
    title: 'Full (heavy models, the whole zoo, larger budgets)',
    description:
      'All models, heavy ones and every model-zoo network included (with its float16, uint8 and int8 variants), with larger budgets for tighter confidence intervals.',
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
