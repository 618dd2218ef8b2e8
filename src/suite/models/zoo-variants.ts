/**
 * The zoo's reduced-precision variants as data: per variant its base format, id suffix, files,
 * what it stores and what the libraries compute in (verified in Node, docs/QUIRKS.md), and how
 * close it must come to its float32 network (bounds and their measurements: docs/methodology.md,
 * "Number formats"). zoo.ts makes an entry of each row whose files zoo.json records, so a new
 * variant is one row here plus its files in tools/zoo.
 */
import type { NumberFormat, SimilarityCheck, ZooFileName } from '../types.ts';

export interface ZooVariant {
  /** The float32 format it is a variant of (`zoo-<arch>-<format>`). */
  format: 'onnx' | 'tfjs' | 'tflite' | 'mediapipe';
  /** The entry-id suffix: `zoo-<arch>-<format>-<precision>`. */
  precision: 'fp16' | 'uint8' | 'int8';
  files: readonly ZooFileName[];
  /** Words for the entry's description. */
  label: string;
  stored: NumberFormat;
  computed: NumberFormat;
  /** What GPU backends compute in where it differs from `computed` (types.ts `Precision`). */
  computedOnGpu?: NumberFormat;
  note?: string;
  /** Bounds of the similarity check; a top-k bound applies to classifying networks only. */
  minCosine: number;
  minSharedTop5: number;
}

/**
 * Float16 storage rounds each weight (relative error ≤ 2⁻¹¹): on every zoo network, at full size,
 * cosine with float32 ≥ 0.999999 and 4–5 of the top 5 kept (near-ties at rank 5 swap).
 */
const FP16 = { minCosine: 0.999, minSharedTop5: 3 } as const;
/** uint8 affine weights (256 levels per tensor): cosine ≥ 0.99986, 4–5 of the top 5 kept. */
const UINT8 = { minCosine: 0.995, minSharedTop5: 3 } as const;
/**
 * int8 (tools/zoo/README.md "int8"): cosine ≥ 0.998 with float32 at full size on every network;
 * the int8 tests' own bounds, cosine ≥ 0.99 and ≥ 3 of the top 5.
 */
const INT8 = { minCosine: 0.99, minSharedTop5: 3 } as const;

export const ZOO_VARIANTS: readonly ZooVariant[] = [
  {
    format: 'onnx',
    precision: 'fp16',
    files: ['model.fp16.onnx'],
    label: 'float16 weights and activations (float32 I/O)',
    stored: 'float16',
    computed: 'float32',
    computedOnGpu: 'float16',
    note: 'ONNX Runtime wasm has float16 kernels only for LayerNormalization, Clip and data movement (Concat, Slice, Transpose, Reshape): it runs every other op in float32 on the weights folded back to float32, keeping float16 activations only along chains of those ops (BERT, ShuffleNet, DenseNet); WebGPU computes in float16 where the adapter has shader-f16 (without it, as on SwiftShader, it returned zeros: recorded unsupported); WebGL refuses float16',
    ...FP16,
  },
  {
    format: 'tflite',
    precision: 'fp16',
    files: ['model.fp16.tflite'],
    label: 'float16 weights (DEQUANTIZE to float32)',
    stored: 'float16',
    computed: 'float32',
    computedOnGpu: 'float16',
    note: 'LiteRT.js wasm dequantizes the weights once and computes in float32; on WebGPU we ask the delegate for fp16 precision on this file (fp32 on the float32 file), so it computes in float16',
    ...FP16,
  },
  {
    format: 'mediapipe',
    precision: 'fp16',
    files: ['model.fp16.meta.tflite'],
    label: 'float16 weights (DEQUANTIZE to float32)',
    stored: 'float16',
    computed: 'float32',
    note: 'MediaPipe’s CPU delegate computes in float32; its GPU delegate computes in float16 whatever the file stores (the JS task API has no precision option), so on the GPU this file and the float32 one compute alike and only the stored weights differ: no computedOnGpu, so its GPU gain over the float32 file stays a weights-only figure (the float32 file’s GPU cases are judged by the float32 tolerance and mostly recorded wrong, this one by similarity)',
    ...FP16,
  },
  {
    format: 'tfjs',
    precision: 'fp16',
    files: ['model.fp16.json', 'weights.fp16.bin'],
    label: 'float16 weight quantization',
    stored: 'float16',
    computed: 'float32',
    note: 'TF.js dequantizes the weights at load and computes in float32: a smaller download, the same arithmetic',
    ...FP16,
  },
  {
    format: 'tfjs',
    precision: 'uint8',
    files: ['model.uint8.json', 'weights.uint8.bin'],
    label: 'uint8 weight quantization',
    stored: 'uint8',
    computed: 'float32',
    note: 'TF.js dequantizes the weights at load (min + q·scale per tensor) and computes in float32: not int8 compute',
    ...UINT8,
  },
  {
    format: 'onnx',
    precision: 'int8',
    files: ['model.int8.onnx'],
    label: 'int8 QDQ',
    stored: 'int8',
    computed: 'int8',
    computedOnGpu: 'float32',
    note: 'ONNX Runtime fuses the QDQ groups into integer kernels (QLinearConv, QGemm, QLinearAdd, …); LayerNormalization, Erf, HardSwish, Tanh, ReduceMean and an unfused BN stay float32 between a DequantizeLinear and a QuantizeLinear; float32 input and output. On GPU backends it is not weighed as int8 arithmetic (computedOnGpu float32): neither LiteRT.js’s WebGPU delegate, ORT’s WebGPU EP nor MediaPipe’s GPU delegate documents int8 kernels, so a GPU int8 figure stays out of the verdict.',
    ...INT8,
  },
  {
    format: 'tflite',
    precision: 'int8',
    files: ['model.int8.tflite'],
    label: 'full-integer int8',
    stored: 'int8',
    computed: 'int8',
    computedOnGpu: 'float32',
    note: 'every op has an int8 kernel in LiteRT’s CPU (XNNPACK) path; float32 input and output behind QUANTIZE / DEQUANTIZE. On GPU backends it is not weighed as int8 arithmetic (computedOnGpu float32): neither LiteRT.js’s WebGPU delegate, ORT’s WebGPU EP nor MediaPipe’s GPU delegate documents int8 kernels, so a GPU int8 figure stays out of the verdict.',
    ...INT8,
  },
  {
    format: 'mediapipe',
    precision: 'int8',
    files: ['model.int8.meta.tflite'],
    label: 'full-integer int8',
    stored: 'int8',
    computed: 'int8',
    computedOnGpu: 'float32',
    note: 'MediaPipe’s CPU (XNNPACK) delegate runs the int8 kernels. On GPU backends it is not weighed as int8 arithmetic (computedOnGpu float32): neither LiteRT.js’s WebGPU delegate, ORT’s WebGPU EP nor MediaPipe’s GPU delegate documents int8 kernels, so a GPU int8 figure stays out of the verdict.',
    ...INT8,
  },
];

/** Tasks whose first output is one score per class, so a top-5 agreement means something. */
const CLASSIFYING_TASKS: ReadonlySet<string> = new Set(['image classification', 'keyword spotting']);

/**
 * The similarity check of a variant on a network of `task`: cosine (and the default norm ratio)
 * always, top-5 agreement on classifiers — read from the `indices` output on a MediaPipe classifier.
 */
export function similarityOf(variant: ZooVariant, task: string): SimilarityCheck {
  const topK = { k: 5, minShared: variant.minSharedTop5 };
  if (variant.format === 'mediapipe') {
    return { minCosine: variant.minCosine, topK: { ...topK, indicesOutput: 'indices' } };
  }
  return CLASSIFYING_TASKS.has(task)
    ? { minCosine: variant.minCosine, topK }
    : { minCosine: variant.minCosine };
}
