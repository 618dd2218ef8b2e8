/**
 * ONNX emitter: a zoo graph → `model.onnx` (opset 17, IR version 8), NCHW activations, OIHW
 * conv weights, dense as `Gemm` with `transB=1` on the `[out, in]` weight. TF-style `same`
 * padding becomes exact (possibly asymmetric) `pads`; ReLU6 is `Clip(0, 6)`; global average
 * pooling is `ReduceMean` over H, W without kept dims; SAME average pooling excludes the padding
 * (`count_include_pad = 0`, TF's divisor); the per-channel affine is `BatchNormalization` (what
 * torch.onnx writes for an unfused BN) with mean 0, variance 1 and epsilon 0, i.e. exactly
 * `x · scale + shift`; LayerNormalization is native (opset 17), GELU the erf decomposition (Gelu
 * needs opset 20); HardSwish (opset 14) and HardSigmoid native; upsampling is `Resize` with
 * `half_pixel` coordinates and constant `scales`; a bias-free dense is `Gemm` without C, slices
 * `Slice` with every axis listed. Weights are raw little-endian float32
 * initializers, each written once however many nodes use it.
 */
import { type ConvNode, type Graph, LEAKY_ALPHA, type Node, type Shape } from './ir.ts';
import { ATTR, DTYPE, encodeModel } from './onnx-proto.ts';
import { dim, nodeIndex, onnxPads, shapeOf } from './shapes.ts';

export const ONNX_OPSET = 17;

export type Attribute = Record<string, unknown>;

const ints = (name: string, values: readonly number[]): Attribute => ({
  name,
  type: ATTR.INTS,
  ints: [...values],
});
const int = (name: string, value: number): Attribute => ({ name, type: ATTR.INT, i: value });
const text = (name: string, value: string): Attribute => ({
  name,
  type: ATTR.STRING,
  s: new TextEncoder().encode(value),
});

export function floatBytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function valueInfo(name: string, shape: Shape | undefined) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: DTYPE.FLOAT,
        ...(shape ? { shape: { dim: shape.map((d) => ({ dim_value: d })) } } : {}),
      },
    },
  };
}

/** Emits a graph with its weights (ONNX layout, by name) as ONNX bytes. */
export function emitOnnx(graph: Graph, weights: ReadonlyMap<string, Float32Array>, doc: string): Uint8Array {
  return encodeModel(onnxModel(graph, weights, doc));
}

/** One ONNX node as the emitter writes it (plain object, keys as in onnx.proto). */
export type OnnxNode = {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: Attribute[];
  domain?: string;
};
/** An initializer as the emitter writes it. */
export type OnnxInitializer = { dims: number[]; data_type: number; name: string; raw_data: Uint8Array };
/** The ModelProto object `emitOnnx` encodes (the int8 emitter and calibration rewrite it). */
export interface OnnxModel {
  ir_version: number;
  producer_name: string;
  producer_version: string;
  doc_string: string;
  opset_import: { domain: string; version: number }[];
  graph: {
    node: OnnxNode[];
    name: string;
    initializer: OnnxInitializer[];
    input: ReturnType<typeof valueInfo>[];
    output: ReturnType<typeof valueInfo>[];
  };
}

/** The ModelProto object of a graph with its weights (ONNX layout, by name). */
export function onnxModel(graph: Graph, weights: ReadonlyMap<string, Float32Array>, doc: string): OnnxModel {
  const index = nodeIndex(graph);
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  const constants = new Set<string>();

  const scalar = (name: string, value: number) => {
    if (constants.has(name)) return name;
    constants.add(name);
    initializers.push({
      dims: [],
      data_type: DTYPE.FLOAT,
      name,
      raw_data: floatBytes(Float32Array.of(value)),
    });
    return name;
  };
  const floatsConst = (name: string, values: readonly number[]) => {
    if (constants.has(name)) return name;
    constants.add(name);
    initializers.push({
      dims: [values.length],
      data_type: DTYPE.FLOAT,
      name,
      raw_data: floatBytes(Float32Array.from(values)),
    });
    return name;
  };
  /** A float vector of one repeated value (the affine's zero means and unit variances). */
  const filled = (name: string, length: number, value: number) =>
    floatsConst(name, new Array<number>(length).fill(value));
  const shapeConst = (name: string, values: readonly number[]) => {
    if (constants.has(name)) return name;
    constants.add(name);
    const data = BigInt64Array.from(values.map(BigInt));
    initializers.push({
      dims: [values.length],
      data_type: DTYPE.INT64,
      name,
      raw_data: new Uint8Array(data.buffer),
    });
    return name;
  };
  const push = (
    op_type: string,
    name: string,
    input: string[],
    output: string,
    attribute: Attribute[] = [],
  ) => nodes.push({ input, output: [output], name, op_type, attribute });

  /** Emits `op` into `${id}/pre` then the activation into `id`, or `op` straight into `id`. */
  const withActivation = (node: Node & { activation: string }, emit: (out: string) => void) => {
    if (node.activation === 'none') return emit(node.id);
    const pre = `${node.id}/pre`;
    emit(pre);
    if (node.activation === 'relu') push('Relu', `${node.id}/relu`, [pre], node.id);
    else if (node.activation === 'leakyrelu') {
      push('LeakyRelu', `${node.id}/leakyrelu`, [pre], node.id, [
        { name: 'alpha', type: ATTR.FLOAT, f: LEAKY_ALPHA },
      ]);
    } else push('Clip', `${node.id}/relu6`, [pre, scalar('zoo/zero', 0), scalar('zoo/six', 6)], node.id);
  };

  const conv = (node: ConvNode, out: string) =>
    push('Conv', node.id, [node.input, node.weight, node.bias], out, [
      ints('dilations', node.dilation),
      int('group', node.groups),
      ints('kernel_shape', node.kernel),
      ints('pads', onnxPads(node, shapeOf(index, node.input))),
      ints('strides', node.stride),
    ]);

  for (const node of graph.nodes) {
    switch (node.op) {
      case 'input':
        break;
      case 'conv2d':
        withActivation(node, (out) => conv(node, out));
        break;
      case 'add':
        withActivation(node, (out) => push('Add', node.id, [...node.inputs], out));
        break;
      case 'maxpool':
      case 'avgpool':
        push(node.op === 'maxpool' ? 'MaxPool' : 'AveragePool', node.id, [node.input], node.id, [
          ints('kernel_shape', node.kernel),
          ints('pads', onnxPads(node, shapeOf(index, node.input))),
          ints('strides', node.stride),
          ...(node.op === 'avgpool' ? [int('count_include_pad', 0)] : []),
        ]);
        break;
      case 'affine': {
        const c = dim(node.shape, 1);
        const stats = [filled(`zoo/zeros_${c}`, c, 0), filled(`zoo/ones_${c}`, c, 1)];
        withActivation(node, (out) =>
          push('BatchNormalization', node.id, [node.input, node.scale, node.shift, ...stats], out, [
            { name: 'epsilon', type: ATTR.FLOAT, f: 0 },
          ]),
        );
        break;
      }
      case 'globalavgpool':
        push('ReduceMean', node.id, [node.input], node.id, [ints('axes', [2, 3]), int('keepdims', 0)]);
        break;
      case 'concat':
        push('Concat', node.id, [...node.inputs], node.id, [int('axis', 1)]);
        break;
      case 'dense':
        withActivation(node, (out) =>
          push('Gemm', node.id, [node.input, node.weight, ...(node.bias ? [node.bias] : [])], out, [
            int('transB', 1),
          ]),
        );
        break;
      case 'reshape':
        push('Reshape', node.id, [node.input, shapeConst(`${node.id}/shape`, node.shape)], node.id);
        break;
      case 'transpose':
        push('Transpose', node.id, [node.input], node.id, [ints('perm', node.perm)]);
        break;
      case 'matmul':
        push('MatMul', node.id, [...node.inputs], node.id);
        break;
      case 'mul':
        push('Mul', node.id, [...node.inputs], node.id);
        break;
      case 'slice': {
        // Constants named by value, so T row slices share their axes and the gate slices their bounds.
        const end = node.begin.map((b, i) => b + dim(node.shape, i));
        const starts = shapeConst(`zoo/starts_${node.begin.join('_')}`, node.begin);
        const ends = shapeConst(`zoo/ends_${end.join('_')}`, end);
        const axes = shapeConst(
          `zoo/axes_${node.shape.length}`,
          node.shape.map((_, i) => i),
        );
        push('Slice', node.id, [node.input, starts, ends, axes], node.id);
        break;
      }
      case 'scale':
        push('Mul', node.id, [node.input, scalar(`zoo/scale_${node.factor}`, node.factor)], node.id);
        break;
      case 'softmax':
        push('Softmax', node.id, [node.input], node.id, [int('axis', -1)]);
        break;
      case 'layernorm':
        push('LayerNormalization', node.id, [node.input, node.gamma, node.beta], node.id, [
          int('axis', -1),
          { name: 'epsilon', type: ATTR.FLOAT, f: node.epsilon },
        ]);
        break;
      case 'gelu': {
        // Opset 17 has no Gelu (it arrives in 20): the erf form, which ORT fuses back into Gelu.
        const p = (s: string) => `${node.id}/${s}`;
        push('Mul', p('scaled'), [node.input, scalar('zoo/inv_sqrt2', Math.SQRT1_2)], p('scaled'));
        push('Erf', p('erf'), [p('scaled')], p('erf'));
        push('Add', p('one_plus'), [p('erf'), scalar('zoo/one', 1)], p('one_plus'));
        push('Mul', p('times_x'), [node.input, p('one_plus')], p('times_x'));
        push('Mul', node.id, [p('times_x'), scalar('zoo/half', 0.5)], node.id);
        break;
      }
      case 'unary': {
        const fn = node.fn;
        if (fn === 'swish') {
          push('Sigmoid', `${node.id}/sigmoid`, [node.input], `${node.id}/sigmoid`);
          push('Mul', node.id, [node.input, `${node.id}/sigmoid`], node.id);
        } else if (fn === 'hardsigmoid') {
          push('HardSigmoid', node.id, [node.input], node.id, [
            { name: 'alpha', type: ATTR.FLOAT, f: 1 / 6 },
            { name: 'beta', type: ATTR.FLOAT, f: 0.5 },
          ]);
        } else {
          push(
            { hardswish: 'HardSwish', sigmoid: 'Sigmoid', relu: 'Relu', tanh: 'Tanh' }[fn],
            node.id,
            [node.input],
            node.id,
          );
        }
        break;
      }
      case 'channelscale': {
        const [x, gates] = node.inputs;
        const shape = shapeConst(`${node.id}/shape`, [...node.shape.slice(0, 2), 1, 1]);
        push('Reshape', `${node.id}/gates`, [gates, shape], `${node.id}/gates`);
        push('Mul', node.id, [x, `${node.id}/gates`], node.id);
        break;
      }
      case 'channelslice': {
        const p = (s: string) => `${node.id}/${s}`;
        const end = node.start + dim(node.shape, 1);
        const ins = [node.input, shapeConst(p('starts'), [node.start]), shapeConst(p('ends'), [end])];
        push('Slice', node.id, [...ins, shapeConst('zoo/channel_axis', [1])], node.id);
        break;
      }
      case 'channelshuffle': {
        const [n, c, h, w] = node.shape as [number, number, number, number];
        const g = node.groups;
        const p = (s: string) => `${node.id}/${s}`;
        push(
          'Reshape',
          p('split'),
          [node.input, shapeConst(p('split_shape'), [n, g, c / g, h, w])],
          p('split'),
        );
        push('Transpose', p('swap'), [p('split')], p('swap'), [ints('perm', [0, 2, 1, 3, 4])]);
        push('Reshape', node.id, [p('swap'), shapeConst(p('shape'), node.shape)], node.id);
        break;
      }
      case 'resize': {
        // Half-pixel centres (see ResizeNode); no roi (''), scales [1, 1, s, s].
        const scales = floatsConst(`zoo/resize_scales_${node.scale}`, [1, 1, node.scale, node.scale]);
        push('Resize', node.id, [node.input, '', scales], node.id, [
          text('coordinate_transformation_mode', 'half_pixel'),
          text('mode', node.mode === 'bilinear' ? 'linear' : 'nearest'),
          text('nearest_mode', 'round_prefer_floor'),
        ]);
        break;
      }
      default:
        throw new Error(`ONNX emitter: no rule for ${(node satisfies never as Node).op}`);
    }
  }

  for (const decl of graph.weights.values()) {
    const data = weights.get(decl.name);
    if (!data) throw new Error(`no values for weight "${decl.name}"`);
    initializers.push({
      dims: [...decl.shape],
      data_type: DTYPE.FLOAT,
      name: decl.name,
      raw_data: floatBytes(data),
    });
  }

  return {
    ir_version: 8,
    producer_name: 'webml-atlas-zoo',
    producer_version: '1',
    doc_string: doc,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    graph: {
      node: nodes,
      name: graph.name,
      initializer: initializers,
      input: graph.inputs.map((id) => valueInfo(id, shapeOf(index, id))),
      output: graph.outputs.map((id) => valueInfo(id, shapeOf(index, id))),
    },
  };
}
