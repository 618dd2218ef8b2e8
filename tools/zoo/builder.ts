/**
 * Builds zoo graphs node by node: checks every node's inputs, infers its output shape and
 * declares its weights (a shared weight once, with its shape checked).
 */
import type {
  Activation,
  Graph,
  Node,
  Padding,
  ResizeMode,
  Shape,
  Tensor,
  UnaryFn,
  WeightDecl,
  WeightInit,
} from './ir.ts';
import { dim, elementCount, outputLength } from './shapes.ts';

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

export interface DenseOptions {
  /** Reuse the weight (and bias) of an earlier dense with this name (same shape required). */
  shareWith?: string;
  /** `false`: no bias (e.g. an LSTM's recurrent product, whose bias the input product carries). */
  bias?: boolean;
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
    // A SAME average pool divides by the in-image pixels only (TF's rule; see PoolNode).
    if (x.shape.length !== 4) throw new Error(`${op} "${name}" needs an image tensor`);
    const [n, c, h, w] = x.shape as [number, number, number, number];
    const k = pair(kernel);
    const s = pair(stride);
    const shape = [n, c, outputLength(h, k[0], s[0], 1, padding), outputLength(w, k[1], s[1], 1, padding)];
    return this.add({ op, id: name, shape, input: x.id, kernel: k, stride: s, padding });
  }

  /** Per-channel `x · scale + shift` (+ activation): an unfoldable inference batch-norm. */
  affine(name: string, x: Tensor, activation: Activation = 'none'): Tensor {
    if (x.shape.length !== 4) throw new Error(`affine "${name}" needs an image tensor`);
    const c = dim(x.shape, 1);
    const scale = this.declare({ name: `${name}/scale`, shape: [c], init: 'gamma', fanIn: c });
    const shift = this.declare({ name: `${name}/shift`, shape: [c], init: 'bias', fanIn: c });
    return this.add({ op: 'affine', id: name, shape: x.shape, input: x.id, scale, shift, activation });
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

  dense(
    name: string,
    x: Tensor,
    units: number,
    activation: Activation = 'none',
    o: DenseOptions = {},
  ): Tensor {
    if (x.shape.length !== 2) throw new Error(`dense "${name}" needs a [N, F] tensor`);
    const fanIn = dim(x.shape, 1);
    const base = o.shareWith ?? name;
    const weight = this.declare({
      name: `${base}/weight`,
      shape: [units, fanIn],
      init: activation === 'none' ? 'lecun' : 'he',
      fanIn,
    });
    const bias =
      o.bias === false ? null : this.declare({ name: `${base}/bias`, shape: [units], init: 'bias', fanIn });
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

  /** Elementwise product of two tensors of the same shape. */
  mul(name: string, a: Tensor, b: Tensor): Tensor {
    if (a.shape.join() !== b.shape.join()) {
      throw new Error(`mul "${name}": shapes [${a.shape}] and [${b.shape}] differ`);
    }
    return this.add({ op: 'mul', id: name, shape: a.shape, inputs: [a.id, b.id] });
  }

  /** The block `[begin, begin + size)` of a rank 2–3 tensor. */
  slice(name: string, x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
    this.sequence(name, x);
    const inside = (b: number, i: number) =>
      Number.isInteger(b) && b >= 0 && b + (size[i] ?? 0) <= dim(x.shape, i);
    if (begin.length !== x.shape.length || size.length !== x.shape.length || !begin.every(inside)) {
      throw new Error(`slice "${name}": [${begin}] + [${size}] is outside [${x.shape}]`);
    }
    return this.add({ op: 'slice', id: name, shape: [...size], input: x.id, begin: [...begin] });
  }

  unary(name: string, x: Tensor, fn: UnaryFn): Tensor {
    return this.add({ op: 'unary', id: name, shape: x.shape, input: x.id, fn });
  }

  channelScale(name: string, x: Tensor, gates: Tensor): Tensor {
    if (x.shape.length !== 4 || gates.shape.join() !== x.shape.slice(0, 2).join()) {
      throw new Error(`channelscale "${name}": gates [${gates.shape}] do not match [${x.shape}]`);
    }
    return this.add({ op: 'channelscale', id: name, shape: x.shape, inputs: [x.id, gates.id] });
  }

  channelSlice(name: string, x: Tensor, start: number, size: number): Tensor {
    const c = dim(x.shape, 1);
    if (x.shape.length !== 4 || start < 0 || size <= 0 || start + size > c) {
      throw new Error(`channelslice "${name}": [${start}, ${start + size}) is outside ${c} channels`);
    }
    return this.add({
      op: 'channelslice',
      id: name,
      shape: [dim(x.shape, 0), size, ...x.shape.slice(2)],
      input: x.id,
      start,
    });
  }

  channelShuffle(name: string, x: Tensor, groups: number): Tensor {
    if (x.shape.length !== 4 || dim(x.shape, 1) % groups)
      throw new Error(`channelshuffle "${name}": bad groups`);
    return this.add({ op: 'channelshuffle', id: name, shape: x.shape, input: x.id, groups });
  }

  /** Upsamples H and W by an integer `scale` (half-pixel centres; see `ResizeNode`). */
  resize(name: string, x: Tensor, scale: number, mode: ResizeMode): Tensor {
    if (x.shape.length !== 4) throw new Error(`resize "${name}" needs an image tensor`);
    if (!Number.isInteger(scale) || scale < 1)
      throw new Error(`resize "${name}": scale ${scale} is not a positive integer`);
    const [n, c, h, w] = x.shape as [number, number, number, number];
    return this.add({
      op: 'resize',
      id: name,
      shape: [n, c, h * scale, w * scale],
      input: x.id,
      mode,
      scale,
    });
  }

  private sequence(name: string, x: Tensor): void {
    if (x.shape.length < 2 || x.shape.length > 3) throw new Error(`"${name}" takes rank 2–3 tensors only`);
  }

  reshape(name: string, x: Tensor, shape: Shape): Tensor {
    this.sequence(name, x);
    if (elementCount(shape) !== elementCount(x.shape) || shape.length > 3) {
      throw new Error(`reshape "${name}": [${x.shape}] cannot become [${shape}]`);
    }
    return this.add({ op: 'reshape', id: name, shape: [...shape], input: x.id });
  }

  transpose(name: string, x: Tensor, perm: readonly number[]): Tensor {
    this.sequence(name, x);
    if ([...perm].sort().join() !== x.shape.map((_, i) => i).join())
      throw new Error(`bad perm for "${name}"`);
    return this.add({
      op: 'transpose',
      id: name,
      shape: perm.map((p) => dim(x.shape, p)),
      input: x.id,
      perm: [...perm],
    });
  }

  matmul(name: string, a: Tensor, b: Tensor): Tensor {
    this.sequence(name, a);
    const r = a.shape.length;
    if (b.shape.length !== r || a.shape.slice(0, r - 2).join() !== b.shape.slice(0, r - 2).join()) {
      throw new Error(`matmul "${name}": batch dims of [${a.shape}] and [${b.shape}] differ`);
    }
    if (dim(a.shape, r - 1) !== dim(b.shape, r - 2)) throw new Error(`matmul "${name}": inner dims differ`);
    const shape = [...a.shape.slice(0, r - 1), dim(b.shape, r - 1)];
    return this.add({ op: 'matmul', id: name, shape, inputs: [a.id, b.id] });
  }

  scale(name: string, x: Tensor, factor: number): Tensor {
    this.sequence(name, x);
    return this.add({ op: 'scale', id: name, shape: x.shape, input: x.id, factor });
  }

  softmax(name: string, x: Tensor): Tensor {
    this.sequence(name, x);
    return this.add({ op: 'softmax', id: name, shape: x.shape, input: x.id });
  }

  gelu(name: string, x: Tensor): Tensor {
    this.sequence(name, x);
    return this.add({ op: 'gelu', id: name, shape: x.shape, input: x.id });
  }

  layerNorm(name: string, x: Tensor, epsilon = 1e-5): Tensor {
    this.sequence(name, x);
    const width = dim(x.shape, x.shape.length - 1);
    const gamma = this.declare({ name: `${name}/gamma`, shape: [width], init: 'gamma', fanIn: width });
    const beta = this.declare({ name: `${name}/beta`, shape: [width], init: 'bias', fanIn: width });
    return this.add({ op: 'layernorm', id: name, shape: x.shape, input: x.id, gamma, beta, epsilon });
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
