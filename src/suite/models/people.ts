/**
 * People: pose (MoveNet, BlazePose full/heavy as .tflite and TF.js, the PoseLandmarker task), person segmentation and hand landmarks.
 */
import type { ModelEntry } from '../types.ts';
import {
  HUMAN,
  HUMAN_FP16_TFJS,
  HUMAN_MODELS,
  MP_FP16_TASK,
  MP_FP16_TFLITE,
  MP_HANDS,
  MP_LICENSE,
  MP_POSE,
  MP_POSE_TASK,
  MP_SELFIE,
  SELFIE_TFLITE,
  WITH_METADATA,
} from './sources.ts';

export const PEOPLE_MODELS: readonly ModelEntry[] = [
  {
    id: 'movenet-lightning',
    task: 'pose estimation',
    description: 'MoveNet SinglePose Lightning v4, TF.js graph model, 192×192 int32 input',
    source: 'package',
    format: 'tfjs-graph',
    precision: HUMAN_FP16_TFJS,
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
    id: 'blazepose-full',
    task: 'pose estimation',
    description: 'BlazePose GHUM full landmark model (MediaPipe), TF.js graph model, 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    precision: HUMAN_FP16_TFJS,
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
    id: 'blazepose-heavy',
    task: 'pose estimation',
    description: 'BlazePose GHUM heavy landmark model (MediaPipe), TF.js graph model, 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    precision: HUMAN_FP16_TFJS,
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
  {
    id: 'pose-landmark-full',
    task: 'pose estimation',
    description: 'BlazePose GHUM full landmark model (MediaPipe), .tflite with fp16 weights, 256×256 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
    precision: MP_FP16_TFLITE,
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
    id: 'pose-landmarker-task',
    task: 'pose estimation',
    description:
      'MediaPipe PoseLandmarker task bundle (pose detector + BlazePose GHUM full landmarks), 33 landmarks of the best pose',
    source: 'package',
    format: 'mediapipe-task',
    precision: MP_FP16_TASK,
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
  {
    id: 'selfie-segmentation',
    task: 'person segmentation',
    description:
      'MediaPipe selfie segmentation (general), .tflite with a custom transposed-convolution op, 256×256 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
    id: 'selfie-segmentation-tfjs',
    task: 'person segmentation',
    description:
      'MediaPipe selfie segmentation (general), TF.js graph model (PINTO conversion), 256×256 input',
    source: 'package',
    format: 'tfjs-graph',
    precision: HUMAN_FP16_TFJS,
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
    id: 'selfie-segmenter-task',
    task: 'person segmentation',
    description:
      'MediaPipe ImageSegmenter task on selfie segmentation (our TFLite metadata added), confidence mask read back',
    source: 'package',
    format: 'mediapipe-task',
    precision: MP_FP16_TASK,
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
    id: 'hand-landmark-full',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (full), .tflite with fp16 weights, 224×224 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
    id: 'hand-landmark-full-tfjs',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (full), TF.js graph model, 224×224 input',
    source: 'package',
    format: 'tfjs-graph',
    precision: HUMAN_FP16_TFJS,
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
    id: 'hand-landmark-lite',
    task: 'hand landmarks',
    description: 'MediaPipe hand landmark model (lite), .tflite with fp16 weights, 224×224 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
];
