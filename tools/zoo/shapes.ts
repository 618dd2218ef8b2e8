/**
 * Shape arithmetic of the zoo IR shared by the builder and the emitters: window output lengths,
 * TF `SAME` padding as explicit pads, element counts and shape look-ups by tensor name.
 */
import type { ConvNode, Graph, Node, Padding, PoolNode, Shape } from './ir.ts';

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
