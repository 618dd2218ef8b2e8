/**
 * TFLite emitter: a zoo graph → `.tflite` (float32, NHWC). CONV_2D with OHWI weights,
 * DEPTHWISE_CONV_2D with `[1, kH, kW, C·m]`, FULLY_CONNECTED with `[out, in]`, activations fused
 * into CONV/ADD/FC, TF `SAME`/`VALID` padding native (no PAD ops), global average pooling as
 * MEAN over H, W; the per-channel affine as MUL + ADD by `[C]` constants (activation fused into
 * the ADD), as the converter writes an unfused BN; attention via RESHAPE/TRANSPOSE/BATCH_MATMUL,
 * SOFTMAX (beta 1), the GELU builtin (code 150: the byte field holds 127), layer norm decomposed
 * (no builtin), upsampling as RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR with half_pixel_centers
 * (op version 3); MUL, SLICE, TANH and a bias-free FULLY_CONNECTED (bias input −1) for unrolled
 * LSTMs. Builtin codes, option unions and slots follow TensorFlow's `schema.fbs`.
 */

import { toFloat16 } from './float16.ts';
import {
  type Activation,
  type ConvNode,
  type Graph,
  type LayerNormNode,
  LEAKY_ALPHA,
  type Node,
  type UnaryFn,
} from './ir.ts';
import { isDepthwise, nhwc, type PermName, WeightCache } from './layouts.ts';
import { dim, nodeIndex, shapeOf } from './shapes.ts';
import { OP, OPTIONS } from './tflite-ops.ts';
import { ACTIVATION, options, PADDING, TENSOR_TYPE, TfliteWriter } from './tflite-writer.ts';

/**
 * How constants are stored: `float32`, or `float16` as the converter's "float16 quantization"
 * writes them — each float constant a float16 buffer followed by a DEQUANTIZE op to float32
 * (placed just before its first consumer), so the graph computes in float32 on CPU while a GPU
 * delegate may take the float16 weights as they are.
 */
export type TfliteWeights = 'float32' | 'float16';

/** Emits a graph (weights in ONNX layout, by name) as TFLite flatbuffer bytes. */
export function emitTflite(
  graph: Graph,
  weights: ReadonlyMap<string, Float32Array>,
  description: string,
  stored: TfliteWeights = 'float32',
): Uint8Array {
  const built = buildTflite(graph, weights, stored);
  return built.writer.finish(built.inputs, built.outputs, graph.name, description);
}

/** A float32 TFLite subgraph before serialisation: the writer and its input and output tensors. */
export interface BuiltTflite {
  writer: TfliteWriter;
  inputs: number[];
  outputs: number[];
}

/** The TFLite subgraph of a graph (weights in ONNX layout, by name; float32, or float16 `stored`). */
export function buildTflite(
  graph: Graph,
  weights: ReadonlyMap<string, Float32Array>,
  stored: TfliteWeights = 'float32',
): BuiltTflite {
  const index = nodeIndex(graph);
  const cache = new WeightCache(weights, graph.weights);
  const w = new TfliteWriter();
  const tensors = new Map<string, number>();

  const activationTensor = (id: string, shape: readonly number[]) => {
    const t = w.tensor(id, nhwc(shape), TENSOR_TYPE.float32);
    tensors.set(id, t);
    return t;
  };
  const input = (id: string) => {
    const t = tensors.get(id);
    if (t === undefined) throw new Error(`tensor "${id}" used before it is made`);
    return t;
  };
  const constant = (key: string, shape: readonly number[], data: Float32Array | Int32Array) => {
    let t = tensors.get(key);
    if (t === undefined) {
      if (data instanceof Int32Array) t = w.tensor(key, shape, TENSOR_TYPE.int32, data);
      else if (stored === 'float32') t = w.tensor(key, shape, TENSOR_TYPE.float32, data);
      else {
        const half = w.tensor(key, shape, TENSOR_TYPE.float16, toFloat16(data));
        t = w.tensor(`${key}/dequantize`, shape, TENSOR_TYPE.float32);
        // Version 3: the converter's DEQUANTIZE version for a float16 input (op_version.cc).
        w.operator(OP.DEQUANTIZE, [half], [t], undefined, 3);
      }
      tensors.set(key, t);
    }
    return t;
  };
  const weight = (name: string, perm: PermName) => {
    const c = cache.get(name, perm);
    return constant(c.key, c.shape, c.data);
  };

  // LEAKY_RELU cannot be fused: the op writes `<id>/pre`, then a LEAKY_RELU op writes `<id>`.
  const fusedCode = (a: Activation) => (a === 'leakyrelu' ? ACTIVATION.none : ACTIVATION[a]);
  const fusedOutput = (node: Node & { activation: Activation }) =>
    activationTensor(node.activation === 'leakyrelu' ? `${node.id}/pre` : node.id, node.shape);
  const leaky = (node: Node & { activation: Activation }, pre: number) => {
    if (node.activation !== 'leakyrelu') return;
    const out = activationTensor(node.id, node.shape);
    w.operator(OP.LEAKY_RELU, [pre], [out], options(OPTIONS.LeakyRelu, [[0, 'f32', LEAKY_ALPHA, 0]]));
  };

  const convOptions = (node: ConvNode, act: number) =>
    options(OPTIONS.Conv2D, [
      [0, 'i8', PADDING[node.padding], 0],
      [1, 'i32', node.stride[1], 0],
      [2, 'i32', node.stride[0], 0],
      [3, 'i8', act, 0],
      [4, 'i32', node.dilation[1], 1],
      [5, 'i32', node.dilation[0], 1],
    ]);

  /** SPLIT → one CONV_2D per group → CONCATENATION (a native grouped CONV_2D is wrong in LiteRT.js 2.5.3). */
  const groupedConv = (node: ConvNode, out: number) => {
    const g = node.groups;
    const inShape = shapeOf(index, node.input);
    const splitShape = [dim(inShape, 0), dim(inShape, 1) / g, ...inShape.slice(2)];
    const partShape = [dim(node.shape, 0), dim(node.shape, 1) / g, ...node.shape.slice(2)];
    const parts = Array.from({ length: g }, (_, j) => activationTensor(`${node.id}/split:${j}`, splitShape));
    const axis = constant('zoo/channel_axis', [], Int32Array.of(3));
    w.operator(OP.SPLIT, [axis, input(node.input)], parts, options(OPTIONS.Split, [[0, 'i32', g, 0]]));
    const outs = parts.map((part, j) => {
      const wj = cache.get(node.weight, 'ohwi', [j, g]);
      const bj = cache.get(node.bias, 'identity', [j, g]);
      const o = activationTensor(`${node.id}/group${j}`, partShape);
      const ins = [part, constant(wj.key, wj.shape, wj.data), constant(bj.key, bj.shape, bj.data)];
      w.operator(OP.CONV_2D, ins, [o], convOptions(node, fusedCode(node.activation)));
      return o;
    });
    w.operator(OP.CONCATENATION, outs, [out], options(OPTIONS.Concatenation, [[0, 'i32', 3, 0]]));
  };

  const conv = (node: ConvNode) => {
    const inChannels = dim(shapeOf(index, node.input), 1);
    const depthwise = isDepthwise(node, inChannels);
    const out = fusedOutput(node);
    const act = fusedCode(node.activation);
    if (node.groups > 1 && !depthwise) {
      groupedConv(node, out);
    } else if (depthwise) {
      const ins = [input(node.input), weight(node.weight, 'tfliteDepthwise'), weight(node.bias, 'identity')];
      w.operator(
        OP.DEPTHWISE_CONV_2D,
        ins,
        [out],
        options(OPTIONS.DepthwiseConv2D, [
          [0, 'i8', PADDING[node.padding], 0],
          [1, 'i32', node.stride[1], 0],
          [2, 'i32', node.stride[0], 0],
          [3, 'i32', dim(node.shape, 1) / inChannels, 0],
          [4, 'i8', act, 0],
          [5, 'i32', node.dilation[1], 1],
          [6, 'i32', node.dilation[0], 1],
        ]),
      );
    } else {
      const ins = [input(node.input), weight(node.weight, 'ohwi'), weight(node.bias, 'identity')];
      w.operator(OP.CONV_2D, ins, [out], convOptions(node, act));
    }
    leaky(node, out);
  };

  const emit = (node: Node) => {
    switch (node.op) {
      case 'input':
        activationTensor(node.id, node.shape);
        return;
      case 'conv2d':
        return conv(node);
      case 'add': {
        const ins = node.inputs.map(input);
        const out = fusedOutput(node);
        w.operator(OP.ADD, ins, [out], options(OPTIONS.Add, [[0, 'i8', fusedCode(node.activation), 0]]));
        return leaky(node, out);
      }
      case 'affine': {
        const scaled = activationTensor(`${node.id}/mul`, node.shape);
        const mulIns = [input(node.input), weight(node.scale, 'identity')];
        w.operator(OP.MUL, mulIns, [scaled], options(OPTIONS.Mul, []));
        const out = fusedOutput(node);
        const addOpts = options(OPTIONS.Add, [[0, 'i8', fusedCode(node.activation), 0]]);
        w.operator(OP.ADD, [scaled, weight(node.shift, 'identity')], [out], addOpts);
        return leaky(node, out);
      }
      case 'maxpool':
      case 'avgpool': {
        const ins = [input(node.input)];
        w.operator(
          node.op === 'maxpool' ? OP.MAX_POOL_2D : OP.AVERAGE_POOL_2D,
          ins,
          [activationTensor(node.id, node.shape)],
          options(OPTIONS.Pool2D, [
            [0, 'i8', PADDING[node.padding], 0],
            [1, 'i32', node.stride[1], 0],
            [2, 'i32', node.stride[0], 0],
            [3, 'i32', node.kernel[1], 0],
            [4, 'i32', node.kernel[0], 0],
          ]),
        );
        return;
      }
      case 'globalavgpool': {
        const ins = [input(node.input), constant('zoo/hw_axes', [2], Int32Array.of(1, 2))];
        w.operator(
          OP.MEAN,
          ins,
          [activationTensor(node.id, node.shape)],
          options(OPTIONS.Reducer, [[0, 'i8', 0, 0]]),
        );
        return;
      }
      case 'concat': {
        const ins = node.inputs.map(input);
        w.operator(
          OP.CONCATENATION,
          ins,
          [activationTensor(node.id, node.shape)],
          options(OPTIONS.Concatenation, [[0, 'i32', 3, 0]]),
        );
        return;
      }
      case 'dense': {
        // A bias-free FC (an LSTM's recurrent product) marks the optional bias input as absent (−1).
        const bias = node.bias ? weight(node.bias, 'identity') : -1;
        const ins = [input(node.input), weight(node.weight, 'identity'), bias];
        const out = fusedOutput(node);
        w.operator(
          OP.FULLY_CONNECTED,
          ins,
          [out],
          options(OPTIONS.FullyConnected, [[0, 'i8', fusedCode(node.activation), 0]]),
        );
        return leaky(node, out);
      }
      case 'reshape': {
        const shape = constant(`${node.id}/shape`, [node.shape.length], Int32Array.from(node.shape));
        w.operator(OP.RESHAPE, [input(node.input), shape], [activationTensor(node.id, node.shape)]);
        return;
      }
      case 'transpose': {
        const perm = constant(`${node.id}/perm`, [node.perm.length], Int32Array.from(node.perm));
        w.operator(OP.TRANSPOSE, [input(node.input), perm], [activationTensor(node.id, node.shape)]);
        return;
      }
      case 'matmul':
        w.operator(
          OP.BATCH_MATMUL,
          node.inputs.map(input),
          [activationTensor(node.id, node.shape)],
          options(OPTIONS.BatchMatMul, []),
        );
        return;
      case 'mul':
        return binary(OP.MUL, node.id, node.shape, input(node.inputs[0]), input(node.inputs[1]));
      case 'slice': {
        const rank = node.shape.length;
        const begin = constant(`zoo/begin_${node.begin.join('_')}`, [rank], Int32Array.from(node.begin));
        const size = constant(`zoo/size_${node.shape.join('_')}`, [rank], Int32Array.from(node.shape));
        w.operator(OP.SLICE, [input(node.input), begin, size], [activationTensor(node.id, node.shape)]);
        return;
      }
      case 'scale':
        return binary(OP.MUL, node.id, node.shape, input(node.input), scalar(node.factor));
      case 'softmax':
        w.operator(
          OP.SOFTMAX,
          [input(node.input)],
          [activationTensor(node.id, node.shape)],
          // beta defaults to 0 in the schema, which would make every output uniform.
          options(OPTIONS.Softmax, [[0, 'f32', 1, 0]]),
        );
        return;
      case 'layernorm':
        return layerNorm(node);
      case 'gelu':
        // The builtin exact GELU (approximate = false), as the converter writes it.
        w.operator(
          OP.GELU,
          [input(node.input)],
          [activationTensor(node.id, node.shape)],
          options(OPTIONS.Gelu, [[0, 'i8', 0, 0]]),
        );
        return;
      case 'unary':
        return unary(node.id, node.shape, input(node.input), node.fn);
      case 'channelscale': {
        const [n, c] = node.shape as [number, number];
        const shape = constant(`${node.id}/shape`, [4], Int32Array.of(n, 1, 1, c));
        const gates = activationTensor(`${node.id}/gates`, [n, c, 1, 1]);
        w.operator(OP.RESHAPE, [input(node.inputs[1]), shape], [gates]);
        return binary(OP.MUL, node.id, node.shape, input(node.inputs[0]), gates);
      }
      case 'channelslice': {
        const [n, c, h, wd] = node.shape as [number, number, number, number];
        const begin = constant(`${node.id}/begin`, [4], Int32Array.of(0, 0, 0, node.start));
        const size = constant(`${node.id}/size`, [4], Int32Array.of(n, h, wd, c));
        w.operator(OP.SLICE, [input(node.input), begin, size], [activationTensor(node.id, node.shape)]);
        return;
      }
      case 'channelshuffle': {
        const [n, c, h, wd] = node.shape as [number, number, number, number];
        const g = node.groups;
        const p = (s: string) => `${node.id}/${s}`;
        // Rank-5 intermediates are written as they are (activationTensor permutes rank 4 only).
        const split = activationTensor(p('split'), [n, h, wd, g, c / g]);
        const swap = activationTensor(p('swap'), [n, h, wd, c / g, g]);
        w.operator(
          OP.RESHAPE,
          [input(node.input), constant(p('split_shape'), [5], Int32Array.of(n, h, wd, g, c / g))],
          [split],
        );
        w.operator(OP.TRANSPOSE, [split, constant(p('perm'), [5], Int32Array.of(0, 1, 2, 4, 3))], [swap]);
        const shape = constant(p('shape'), [4], Int32Array.of(n, h, wd, c));
        w.operator(OP.RESHAPE, [swap, shape], [activationTensor(node.id, node.shape)]);
        return;
      }
      case 'resize': {
        // Half-pixel centres (see ResizeNode); op version 3 is the one with half_pixel_centers.
        const [, , h, wd] = node.shape as [number, number, number, number];
        const size = constant(`${node.id}/size`, [2], Int32Array.of(h, wd));
        const bilinear = node.mode === 'bilinear';
        w.operator(
          bilinear ? OP.RESIZE_BILINEAR : OP.RESIZE_NEAREST_NEIGHBOR,
          [input(node.input), size],
          [activationTensor(node.id, node.shape)],
          // ResizeBilinearOptions: align_corners 2, half_pixel_centers 3 (0, 1 are deprecated
          // new_height/new_width); ResizeNearestNeighborOptions: align_corners 0, half_pixel_centers 1.
          bilinear
            ? options(OPTIONS.ResizeBilinear, [[3, 'i8', 1, 0]])
            : options(OPTIONS.ResizeNearestNeighbor, [[1, 'i8', 1, 0]]),
          3,
        );
        return;
      }
      default:
        throw new Error(`TFLite emitter: no rule for ${(node satisfies never as Node).op}`);
    }
  };

  const scalar = (value: number) => constant(`zoo/const_${value}`, [], Float32Array.of(value));
  const binary = (code: number, id: string, shape: readonly number[], a: number, b: number) => {
    const opts = code === OP.SUB ? OPTIONS.Sub : code === OP.MUL ? OPTIONS.Mul : OPTIONS.Add;
    w.operator(code, [a, b], [activationTensor(id, shape)], options(opts, []));
  };
  /** HARD_SWISH, LOGISTIC, RELU and TANH are builtins; hard sigmoid is relu6(x + 3)/6, swish x·σ(x). */
  const unary = (id: string, shape: readonly number[], x: number, fn: UnaryFn) => {
    const p = (s: string) => `${id}/${s}`;
    const single = (code: number, out: string, a: number) =>
      w.operator(code, [a], [activationTensor(out, shape)]);
    if (fn === 'hardsigmoid') {
      binary(OP.ADD, p('plus3'), shape, x, scalar(3));
      single(OP.RELU6, p('relu6'), input(p('plus3')));
      binary(OP.MUL, id, shape, input(p('relu6')), scalar(1 / 6));
    } else if (fn === 'swish') {
      single(OP.LOGISTIC, p('sigmoid'), x);
      binary(OP.MUL, id, shape, x, input(p('sigmoid')));
    } else {
      single({ hardswish: OP.HARD_SWISH, sigmoid: OP.LOGISTIC, relu: OP.RELU, tanh: OP.TANH }[fn], id, x);
    }
  };

  /** No layer-norm builtin: mean/variance over the last axis, as the converter writes it. */
  const layerNorm = (node: LayerNormNode) => {
    const p = (s: string) => `${node.id}/${s}`;
    const last = node.shape.length - 1;
    const axis = constant(`zoo/axis_${last}`, [1], Int32Array.of(last));
    const reduced = [...node.shape.slice(0, last), 1];
    const mean = (id: string, x: number) =>
      w.operator(
        OP.MEAN,
        [x, axis],
        [activationTensor(id, reduced)],
        options(OPTIONS.Reducer, [[0, 'i8', 1, 0]]),
      );
    mean(p('mean'), input(node.input));
    binary(OP.SUB, p('centered'), node.shape, input(node.input), input(p('mean')));
    binary(OP.MUL, p('squared'), node.shape, input(p('centered')), input(p('centered')));
    mean(p('variance'), input(p('squared')));
    binary(OP.ADD, p('variance_eps'), reduced, input(p('variance')), scalar(node.epsilon));
    w.operator(OP.RSQRT, [input(p('variance_eps'))], [activationTensor(p('rstd'), reduced)]);
    binary(OP.MUL, p('normed'), node.shape, input(p('centered')), input(p('rstd')));
    binary(OP.MUL, p('scaled'), node.shape, input(p('normed')), weight(node.gamma, 'identity'));
    binary(OP.ADD, node.id, node.shape, input(p('scaled')), weight(node.beta, 'identity'));
  };
  for (const node of graph.nodes) emit(node);
  return { writer: w, inputs: graph.inputs.map(input), outputs: graph.outputs.map(input) };
}
