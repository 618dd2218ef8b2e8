/**
 * The zoo's op-graph IR: typed nodes, a builder that infers every tensor's shape as nodes are
 * added, and the padding arithmetic all emitters share. Shapes are logical and layout-free in
 * ONNX order: image tensors are `[N, C, H, W]` (the NHWC emitters permute them), features
 * `[N, F]`. Weights are declared by name with their ONNX-layout shape (conv `OIHW`, dense
 * `[out, in]`) and fan-in; a node refers to weights by name, so sharing one weight between nodes
 * is explicit (`GraphBuilder.conv({ weight })`) and emitters reuse one transformed copy per name.
 */

export type Shape = readonly number[];
/** Activation fused after conv/dense/add (batch-norm is folded into the conv's bias). */
export type Activation = 'none' | 'relu' | 'relu6';
/** TF-style padding: `same` gives out = ceil(in / stride), extra padding after; `valid` none. */
export type Padding = 'same' | 'valid';

/** How a weight's values are drawn (see weights.ts). */
export type WeightInit = 'he' | 'lecun' | 'bias';

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
/** `[N, in]` × weight `[out, in]`ᵀ + bias. */
export interface DenseNode extends NodeBase {
  op: 'dense';
  input: string;
  weight: string;
  bias: string;
  activation: Activation;
}

export type Node = InputNode | ConvNode | AddNode | PoolNode | GlobalPoolNode | ConcatNode | DenseNode;

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

/** Output length of a window op along one axis. */
export function outputLength(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
) {
  if (padding === 'same') return Math.ceil(input / stride);
  const span = (kernel - 1) * dilation + 1;
  if (span > input) throw new Error(`window ${span} is larger than the input ${input} (valid padding)`);
  return Math.floor((input - span) / stride) + 1;
}

/**
 * TF `SAME` padding along one axis as explicit `[before, after]`: the total is what makes
 * out = ceil(in / stride), and the odd pixel goes after (stride-2 on even inputs: `[0, 1]`).
 */
export function samePads(input: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - input, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** ONNX `pads` for a 2-D window op: `[top, left, bottom, right]`. */
export function onnxPads(node: ConvNode | PoolNode, inputShape: Shape): number[] {
  if (node.padding === 'valid') return [0, 0, 0, 0];
  const dilation = node.op === 'conv2d' ? node.dilation : ([1, 1] as const);
  const [top, bottom] = samePads(dim(inputShape, 2), node.kernel[0], node.stride[0], dilation[0]);
  const [left, right] = samePads(dim(inputShape, 3), node.kernel[1], node.stride[1], dilation[1]);
  return [top, left, bottom, right];
}

export function dim(shape: Shape, axis: number): number {
  const d = shape[axis];
  if (d === undefined) throw new Error(`shape [${shape.join(', ')}] has no axis ${axis}`);
  return d;
}

export function elementCount(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

type Pair = number | readonly [number, number];
const pair = (v: Pair): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);

export interface ConvOptions {
  name: string;
  filters: number;
  kernel: Pair;
  stride?: Pair;
  dilation?: Pair;
  /** 1 = dense conv; = input channels = filters for depthwise. */
  groups?: number;
  padding?: Padding;
  activation?: Activation;
  /** Reuse the weight and bias of an earlier conv with this name (same shape required). */
  shareWith?: string;
  /** Weight init; default He (followed by ReLU) or LeCun (linear output). */
  init?: WeightInit;
}

/** Builds a graph node by node, checking shapes and declaring weights. */
export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly weights = new Map<string, WeightDecl>();
  private readonly ids = new Set<string>();
  private readonly inputs: string[] = [];

  constructor(private readonly name: string) {}

  private add<T extends Node>(node: T): Tensor {
    if (this.ids.has(node.id)) throw new Error(`duplicate node name "${node.id}"`);
    if (node.shape.some((d) => !Number.isInteger(d) || d <= 0)) {
      throw new Error(`node "${node.id}" has an invalid shape [${node.shape.join(', ')}]`);
    }
    this.ids.add(node.id);
    this.nodes.push(node);
    return { id: node.id, shape: node.shape };
  }

  private declare(decl: WeightDecl): string {
    const known = this.weights.get(decl.name);
    if (known) {
      if (known.shape.join() !== decl.shape.join()) {
        throw new Error(`weight "${decl.name}" reused with shape [${decl.shape}] ≠ [${known.shape}]`);
      }
      return decl.name;
    }
    this.weights.set(decl.name, decl);
    return decl.name;
  }

  input(id: string, shape: Shape): Tensor {
    this.inputs.push(id);
    return this.add({ op: 'input', id, shape: [...shape] });
  }

  conv(x: Tensor, o: ConvOptions): Tensor {
    if (x.shape.length !== 4) throw new Error(`conv "${o.name}" needs an image tensor`);
    const [n, c, h, w] = x.shape as [number, number, number, number];
    const groups = o.groups ?? 1;
    if (c % groups || o.filters % groups) {
      throw new Error(`conv "${o.name}": channels ${c}→${o.filters} not divisible by groups ${groups}`);
    }
    const kernel = pair(o.kernel);
    const stride = pair(o.stride ?? 1);
    const dilation = pair(o.dilation ?? 1);
    const padding = o.padding ?? 'same';
    const activation = o.activation ?? 'none';
    const fanIn = (c / groups) * kernel[0] * kernel[1];
    const base = o.shareWith ?? o.name;
    const init = o.init ?? (activation === 'none' ? 'lecun' : 'he');
    const weight = this.declare({
      name: `${base}/weight`,
      shape: [o.filters, c / groups, kernel[0], kernel[1]],
      init,
      fanIn,
    });
    const bias = this.declare({ name: `${base}/bias`, shape: [o.filters], init: 'bias', fanIn });
    const shape = [
      n,
      o.filters,
      outputLength(h, kernel[0], stride[0], dilation[0], padding),
      outputLength(w, kernel[1], stride[1], dilation[1], padding),
    ];
    return this.add({
      op: 'conv2d',
      id: o.name,
      shape,
      input: x.id,
      weight,
      bias,
      kernel,
      stride,
      dilation,
      groups,
      padding,
      activation,
    });
  }

  addTensors(name: string, a: Tensor, b: Tensor, activation: Activation = 'none'): Tensor {
    if (a.shape.join() !== b.shape.join()) {
      throw new Error(`add "${name}": shapes [${a.shape}] and [${b.shape}] differ`);
    }
    return this.add({ op: 'add', id: name, shape: a.shape, inputs: [a.id, b.id], activation });
  }

  pool(
    op: 'maxpool' | 'avgpool',
    name: string,
    x: Tensor,
    kernel: Pair,
    stride: Pair,
    padding: Padding = 'valid',
  ): Tensor {
    // Padded average pooling differs between runtimes (divisor), so it is not offered.
    if (op === 'avgpool' && padding !== 'valid') throw new Error(`avgpool "${name}" must be valid`);
    const [n, c, h, w] = x.shape as [number, number, number, number];
    const k = pair(kernel);
    const s = pair(stride);
    const shape = [n, c, outputLength(h, k[0], s[0], 1, padding), outputLength(w, k[1], s[1], 1, padding)];
    return this.add({ op, id: name, shape, input: x.id, kernel: k, stride: s, padding });
  }

  globalAvgPool(name: string, x: Tensor): Tensor {
    if (x.shape.length !== 4) throw new Error(`globalavgpool "${name}" needs an image tensor`);
    return this.add({
      op: 'globalavgpool',
      id: name,
      shape: [dim(x.shape, 0), dim(x.shape, 1)],
      input: x.id,
    });
  }

  concat(name: string, xs: readonly Tensor[]): Tensor {
    const [first] = xs;
    if (!first || xs.length < 2) throw new Error(`concat "${name}" needs two or more inputs`);
    const rest = (s: Shape) => [s[0], ...s.slice(2)].join();
    if (xs.some((x) => rest(x.shape) !== rest(first.shape))) {
      throw new Error(`concat "${name}": inputs differ outside the channel axis`);
    }
    const channels = xs.reduce((sum, x) => sum + dim(x.shape, 1), 0);
    const shape = [dim(first.shape, 0), channels, ...first.shape.slice(2)];
    return this.add({ op: 'concat', id: name, shape, inputs: xs.map((x) => x.id) });
  }

  dense(name: string, x: Tensor, units: number, activation: Activation = 'none'): Tensor {
    if (x.shape.length !== 2) throw new Error(`dense "${name}" needs a [N, F] tensor`);
    const fanIn = dim(x.shape, 1);
    const weight = this.declare({
      name: `${name}/weight`,
      shape: [units, fanIn],
      init: activation === 'none' ? 'lecun' : 'he',
      fanIn,
    });
    const bias = this.declare({ name: `${name}/bias`, shape: [units], init: 'bias', fanIn });
    return this.add({
      op: 'dense',
      id: name,
      shape: [dim(x.shape, 0), units],
      input: x.id,
      weight,
      bias,
      activation,
    });
  }

  build(outputs: readonly Tensor[]): Graph {
    return {
      name: this.name,
      nodes: [...this.nodes],
      weights: new Map(this.weights),
      inputs: [...this.inputs],
      outputs: outputs.map((t) => t.id),
    };
  }
}

/** The node producing each tensor, by id. */
export function nodeIndex(graph: Graph): Map<string, Node> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

/** Shape of the tensor named `id` (a node output). */
export function shapeOf(index: ReadonlyMap<string, Node>, id: string): Shape {
  const node = index.get(id);
  if (!node) throw new Error(`no tensor "${id}"`);
  return node.shape;
}
