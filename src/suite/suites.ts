/**
 * The suites a user can pick: which catalog models they run and with what measurement budget.
 */
import type { Suite } from './types.ts';

export const SUITES: readonly Suite[] = Object.freeze([
  {
    id: 'quick',
    version: '1',
    description: 'Every model on every runtime/backend that can run it, small budgets (a few minutes).',
    models: ['ppocr-cls', 'ppocr-det', 'silero-vad', 'blazeface-back', 'movenet-lightning'],
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
    version: '1',
    description: 'All models with larger budgets for tighter confidence intervals.',
    models: [
      'ppocr-cls',
      'ppocr-det',
      'ppocr-rec',
      'silero-vad',
      'blazeface-back',
      'movenet-lightning',
      'face-detection-short',
      'face-detection-full',
      'selfie-segmentation',
      'hand-landmark-full',
      'hand-landmark-lite',
      // ---- added for issue 5: more ORT and TF.js models ----
      'blazeface-front',
      'blazeface-front-onnx',
      'selfie-segmentation-tfjs',
      'hand-landmark-full-tfjs',
      'blazepose-full',
      'emotion',
      'nanodet',
      'mlsd-large',
      'oww-melspectrogram',
      'oww-embedding',
      // ---- added for issue 5: models decoded or cut out of packages (nsfwjs, MediaPipe) ----
      'nsfw-mobilenet-v2',
      'nsfw-inception-v3',
      'face-landmark',
      'objectron-ssd',
      'pose-landmark-full',
      'pose-landmark-heavy',
      'blazepose-heavy',
      // ---- MediaPipe Tasks (runtime mediapipe) ----
      'face-detector-task',
      'selfie-segmenter-task',
      'pose-landmarker-task',
    ],
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
