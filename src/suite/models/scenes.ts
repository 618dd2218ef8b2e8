/**
 * Scenes and images: object and line-segment detection and image classification.
 */
import type { ModelEntry } from '../types.ts';
import { HUMAN_MODELS, MLSD, MP_LICENSE, MP_OBJECTRON, NSFW_LICENSE, NSFWJS } from './sources.ts';

export const SCENES_MODELS: readonly ModelEntry[] = [
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
];
