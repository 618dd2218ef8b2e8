/**
 * The zoo's op-graph IR: typed nodes and graphs (built by builder.ts, which infers every tensor's
 * shape as nodes are added; shape arithmetic in shapes.ts). Shapes are logical and layout-free in ONNX order: image
 * tensors are `[N, C, H, W]` (the NHWC emitters permute rank-4 tensors), features `[N, F]`,
 * token or feature-frame sequences `[T, D]` (batch 1) and attention heads `[H, T, d]`; the sequence ops
 * (reshape, transpose, matmul, slice, scale, softmax, layernorm, gelu) take rank 2–3 only, so no
 * layout question arises for them. Weights are declared by name with their ONNX-layout shape (conv `OIHW`, dense
 * `[out, in]`) and fan-in; a node refers to weights by name, so sharing one weight between nodes
 * is explicit (`GraphBuilder.conv({ shareWith })`, `dense(…, { shareWith })`) and emitters reuse one transformed copy per name.
 */

export type Shape = readonly number[];
/** Activation fused after conv/dense/add/affine (batch-norm is folded into the conv's bias). */
export type Activation = 'none' | 'relu' | 'relu6' | 'leakyrelu';
/** Negative slope of `leakyrelu` (Darknet's). */
export const LEAKY_ALPHA = 0.1;
/** TF-style padding: `same` gives out = ceil(in / stride), extra padding after; `valid` none. */
export type Padding = 'same' | 'valid';

/** How a weight's values are drawn (see weights.ts). */
export type WeightInit = 'he' | 'lecun' | 'residual' | 'bias' | 'gamma';

export interface WeightDecl {
  name: string;
  /** ONNX layout: conv `[O, I/groups, kH, kW]`, dense `[out, in]`, bias `[out]`. */
  shape: Shape;
  init: WeightInit;
  /** Inputs feeding one output (scales the He/LeCun bound). */
  fanIn: number;
}

interface NodeBase {
  /** Unique name; also the name of its output tensor. */
  id: string;
  shape: Shape;
}

export interface InputNode extends NodeBase {
  op: 'input';
}
export interface ConvNode extends NodeBase {
  op: 'conv2d';
  input: string;
  weight: string;
  bias: string;
  kernel: readonly [number, number];
  stride: readonly [number, number];
  dilation: readonly [number, number];
  groups: number;
  padding: Padding;
  activation: Activation;
}
export interface AddNode extends NodeBase {
  op: 'add';
  inputs: readonly [string, string];
  activation: Activation;
}
/**
 * Window pooling. A `same`-padded average pool divides by the pixels inside the input only (TF's
 * rule; ONNX `AveragePool` with `count_include_pad = 0`, TFLite `AVERAGE_POOL_2D`).
 */
export interface PoolNode extends NodeBase {
  op: 'maxpool' | 'avgpool';
  input: string;
  kernel: readonly [number, number];
  stride: readonly [number, number];
  padding: Padding;
}
/** Mean over H and W: `[N, C, H, W]` → `[N, C]`. */
export interface GlobalPoolNode extends NodeBase {
  op: 'globalavgpool';
  input: string;
}
/** Concatenation along channels. */
export interface ConcatNode extends NodeBase {
  op: 'concat';
  inputs: readonly string[];
}
/**
 * Per-channel affine `x · scale[c] + shift[c]` (+ activation) on an image tensor: inference
 * batch-norm where no conv can absorb it — DenseNet's pre-activation BN → ReLU → conv. The ReLU
 * stands between the BN and the conv after it, and the BN cannot move back into the convs that
 * made the concatenated channels either: every later layer normalises those same channels with
 * its own BN. Weights `scale`, `shift` of shape `[C]` (2 params per channel, as BN's gamma, beta).
 */
export interface AffineNode extends NodeBase {
  op: 'affine';
  input: string;
  scale: string;
  shift: string;
  activation: Activation;
}
/** `[N, in]` × weight `[out, in]`ᵀ + bias (`null`: no bias, e.g. an LSTM's recurrent product). */
export interface DenseNode extends NodeBase {
  op: 'dense';
  input: string;
  weight: string;
  bias: string | null;
  activation: Activation;
}

export interface ReshapeNode extends NodeBase {
  op: 'reshape';
  input: string;
}
export interface TransposeNode extends NodeBase {
  op: 'transpose';
  input: string;
  perm: readonly number[];
}
/** Batched `[..., M, K] × [..., K, N]` of two activations (same batch dims). */
export interface MatMulNode extends NodeBase {
  op: 'matmul';
  inputs: readonly [string, string];
}
/** Elementwise product of two activations of the same shape (an LSTM's gating). */
export interface MulNode extends NodeBase {
  op: 'mul';
  inputs: readonly [string, string];
}
/** The block `[begin, begin + shape)` of a rank 2–3 tensor (rows of a sequence, an LSTM's gates). */
export interface SliceNode extends NodeBase {
  op: 'slice';
  input: string;
  begin: readonly number[];
}
/** Multiplication by a constant. */
export interface ScaleNode extends NodeBase {
  op: 'scale';
  input: string;
  factor: number;
}
/** Softmax, layer normalisation (with gamma/beta) and exact (erf) GELU over the last axis. */
export interface SoftmaxNode extends NodeBase {
  op: 'softmax' | 'gelu';
  input: string;
}
export interface LayerNormNode extends NodeBase {
  op: 'layernorm';
  input: string;
  gamma: string;
  beta: string;
  epsilon: number;
}

/** Elementwise functions that are not fused into conv/dense (runtimes differ in which exist). */
export type UnaryFn = 'hardswish' | 'hardsigmoid' | 'sigmoid' | 'swish' | 'relu' | 'tanh';
export interface UnaryNode extends NodeBase {
  op: 'unary';
  fn: UnaryFn;
  input: string;
}
/** Squeeze-excite gating: image `[N, C, H, W]` × per-channel gates `[N, C]`. */
export interface ChannelScaleNode extends NodeBase {
  op: 'channelscale';
  inputs: readonly [string, string];
}

/** Channels `[start, start + shape[1])` of an image tensor. */
export interface ChannelSliceNode extends NodeBase {
  op: 'channelslice';
  input: string;
  start: number;
}
/** ShuffleNet's channel shuffle: channel i·(C/g) + j moves to j·g + i. */
export interface ChannelShuffleNode extends NodeBase {
  op: 'channelshuffle';
  input: string;
  groups: number;
}

/**
 * Upsampling by an integer factor on H and W, with half-pixel centres: the output pixel `o` sits at
 * input coordinate `(o + 0.5) / scale − 0.5`. `nearest` takes the input pixel `⌊o / scale⌋` (each
 * pixel repeated scale×scale times); `bilinear` interpolates, clamping at the edges. ONNX Resize
 * (`half_pixel`), TF `Resize*` and TFLite `RESIZE_*` (`half_pixel_centers`) all express it exactly
 * (as they do the legacy asymmetric and align-corners modes); it is what TF2's `tf.image.resize`
 * and PyTorch's `Upsample(align_corners=False)` compute, and its nearest source coordinates stay
 * ≥ 0.5/scale away from a rounding boundary, so no runtime's rounding of the scale matters.
 */
export type ResizeMode = 'nearest' | 'bilinear';
export interface ResizeNode extends NodeBase {
  op: 'resize';
  input: string;
  mode: ResizeMode;
  scale: number;
}

export type Node =
  | ResizeNode
  | ChannelSliceNode
  | ChannelShuffleNode
  | UnaryNode
  | ChannelScaleNode
  | InputNode
  | ConvNode
  | AddNode
  | AffineNode
  | PoolNode
  | GlobalPoolNode
  | ConcatNode
  | DenseNode
  | ReshapeNode
  | TransposeNode
  | MatMulNode
  | MulNode
  | SliceNode
  | ScaleNode
  | SoftmaxNode
  | LayerNormNode;

export interface Graph {
  name: string;
  nodes: readonly Node[];
  weights: ReadonlyMap<string, WeightDecl>;
  inputs: readonly string[];
  outputs: readonly string[];
}

/** A tensor produced by a node, as the builder hands it around. */
export interface Tensor {
  id: string;
  shape: Shape;
}
