/**
 * The model zoo in the catalog: classic architectures that our own code emits (tools/zoo) with
 * one set of seeded weights as ONNX, a TF.js graph model and a `.tflite`, so every library runs
 * numerically the same network. Each network becomes one entry per format sharing a `network`
 * id (`zoo-<arch>`, kebab-case); its reference is the ONNX entry's output on ONNX Runtime wasm, permuted to
 * NHWC for the NHWC formats. Reduced-precision variants (zoo-variants.ts: float16, TF.js uint8,
 * int8) are entries of their own, `zoo-<arch>-<format>-<precision>`, present wherever zoo.json
 * records their files, checked by similarity to the same float32 reference. Sizes and hashes come
 * from zoo.json (`npm run zoo:catalog`).
 */
import type {
  GeneratedFile,
  InputSpec,
  ModelEntry,
  ModelFormat,
  OutputCheck,
  Precision,
  ZooFileName,
  ZooNetworkRecord,
} from '../types.ts';
import zoo from './zoo.json' with { type: 'json' };
import { similarityOf, ZOO_VARIANTS, type ZooVariant } from './zoo-variants.ts';

type ZooNetwork = ZooNetworkRecord;

/** The seed of every zoo input (the image or sequence each format is fed). */
const INPUT_SEED = 2026;
/** NCHW → NHWC. */
const TO_NHWC = [0, 2, 3, 1];

/** One format of the zoo: which files, its entry-id suffix and its tensor layout. */
export interface ZooFormat {
  format: ModelFormat;
  suffix: ZooFormatSuffix;
  files: readonly ZooFileName[];
  label: string;
  layout: 'nchw' | 'nhwc';
}

/** How many classes MediaPipe's ImageClassifier returns (best first) and the reference keeps. */
const TOP_K = 5;

/** The entry-id suffix of each zoo format (`zoo-<arch>-<suffix>`). */
export type ZooFormatSuffix = 'onnx' | 'tfjs' | 'tflite' | 'mediapipe';

const FORMATS: readonly ZooFormat[] = [
  { format: 'onnx', suffix: 'onnx', files: ['model.onnx'], label: 'ONNX (opset 17)', layout: 'nchw' },
  {
    format: 'tfjs-graph',
    suffix: 'tfjs',
    files: ['model.json', 'weights.bin'],
    label: 'TF.js graph model',
    layout: 'nhwc',
  },
  { format: 'tflite', suffix: 'tflite', files: ['model.tflite'], label: 'TFLite flatbuffer', layout: 'nhwc' },
  {
    format: 'mediapipe-task',
    suffix: 'mediapipe',
    files: ['model.meta.tflite'],
    label: 'MediaPipe ImageClassifier (the .tflite with our TFLite metadata)',
    layout: 'nhwc',
  },
];

/**
 * The outputs of seeded-weight networks reach |10| (Tiny-YOLO's grid); at full size TF.js cpu and
 * LiteRT.js wasm agree with ORT wasm within 2.1e-5 (Tiny-YOLO, 1e-6 typical), hence 1e-4 on CPU
 * backends. GPU backends sum in other orders (WebGL may hold float16 textures on phones).
 */
const CHECK: OutputCheck = { maxAbsDiff: 1e-4, perBackend: { webgl: 2e-2, webgpu: 1e-2, webnn: 2e-2 } };

const isImage = (shape: readonly number[]) => shape.length === 4;
const permuted = (shape: readonly number[]) => TO_NHWC.map((axis) => shape[axis] ?? 0);

/**
 * The seeded input in the format's layout. A MediaPipe task takes the RGB image itself (`unit`
 * range) and normalises it with the metadata's mean and std to the same tensor the others get.
 */
function input(net: ZooNetwork, f: ZooFormat): InputSpec {
  const { name, shape } = net.input;
  if (!isImage(shape)) {
    return { name, dtype: 'float32', shape, fill: { kind: 'uniform', min: -1, max: 1, seed: INPUT_SEED } };
  }
  const { layout } = f;
  return {
    name,
    dtype: 'float32',
    shape: layout === 'nchw' ? shape : permuted(shape),
    fill: {
      kind: 'pixels',
      layout,
      seed: INPUT_SEED,
      ...(f.format === 'mediapipe-task' ? { range: 'unit' } : {}),
    },
  };
}

/** What the entry outputs and how its reference derives from the ONNX entry's. */
function outputsOf(
  net: ZooNetwork,
  f: ZooFormat,
  onnxId: string,
  variant?: ZooVariant,
): Pick<ModelEntry, 'outputs' | 'referenceOf' | 'mediapipe'> {
  if (f.format === 'onnx') {
    // The float32 ONNX entry is the network's reference; its variants are judged against it.
    const own = variant === undefined;
    return { outputs: net.outputs.map((o) => o.name), ...(own ? {} : { referenceOf: { model: onnxId } }) };
  }
  if (f.format === 'mediapipe-task') {
    return {
      outputs: ['scores', 'indices'],
      mediapipe: { api: 'imageClassifier', maxResults: TOP_K },
      referenceOf: { model: onnxId, topk: TOP_K },
    };
  }
  const nhwcOutputs = net.outputs.some((o) => isImage(o.shape));
  return {
    outputs: net.outputs.map((o) => o.name),
    referenceOf: { model: onnxId, ...(nhwcOutputs ? { perm: TO_NHWC } : {}) },
  };
}

/** Catalog ids are kebab-case: `mnasnet-1.0` → `zoo-mnasnet-1-0`. */
export const zooNetworkId = (arch: string) => `zoo-${arch.replace(/\./g, '-')}`;

function entry(net: ZooNetwork, f: ZooFormat, variant?: ZooVariant): ModelEntry {
  const names = variant?.files ?? f.files;
  const files: GeneratedFile[] = names.map((file) => {
    const recorded = net.files[file];
    if (!recorded) throw new Error(`zoo.json has no ${file} for ${net.arch}`);
    return {
      path: `zoo/${net.arch}/${file}`,
      ...recorded,
      from: zoo.from,
      license: zoo.license,
      generated: { arch: net.arch, file },
    };
  });
  const network = zooNetworkId(net.arch);
  const label = variant ? `${f.label}, ${variant.label}` : f.label;
  const check: OutputCheck = variant
    ? { maxAbsDiff: CHECK.maxAbsDiff, similarity: similarityOf(variant, net.task) }
    : CHECK;
  return {
    id: `${network}-${f.suffix}${variant ? `-${variant.precision}` : ''}`,
    task: net.task,
    description: `${net.description}; model zoo, seeded weights, ${label}`,
    source: 'generated',
    format: f.format,
    network,
    files,
    inputs: [input(net, f)],
    ...outputsOf(net, f, `${network}-onnx`, variant),
    check,
    ...(variant ? { precision: precisionOf(variant) } : {}),
    params: net.params,
    flops: 2 * net.macs,
  };
}

const precisionOf = ({ stored, computed, computedOnGpu, note }: ZooVariant): Precision => ({
  stored,
  computed,
  ...(computedOnGpu ? { computedOnGpu } : {}),
  ...(note ? { note } : {}),
});

const recorded = (net: ZooNetwork, files: readonly ZooFileName[]) =>
  files.every((file) => net.files[file] !== undefined);

/**
 * Every zoo network in every format it has (MediaPipe: image classifiers only), each followed by
 * its reduced-precision variants whose files zoo.json records; networks in zoo order.
 */
export const ZOO_MODELS: readonly ModelEntry[] = (zoo.networks as ZooNetwork[]).flatMap((net) =>
  FORMATS.filter((f) => recorded(net, f.files)).flatMap((f) => [
    entry(net, f),
    ...ZOO_VARIANTS.filter((v) => v.format === f.suffix && recorded(net, v.files)).map((v) =>
      entry(net, f, v),
    ),
  ]),
);
