/**
 * TF.js graph-model emitter: a zoo graph → `model.json` (GraphDef JSON topology + weights
 * manifest) and one `weights.bin` shard, NHWC. Only op patterns the official converter emits:
 * `_FusedConv2D` / `FusedDepthwiseConv2dNative` with fused BiasAdd (+ Relu/Relu6), `_FusedMatMul`
 * with the weight stored `[in, out]` and `transpose_b=false` (the wasm backend computes
 * `transpose_b=true` wrongly in 4.22; `MatMul` the same way when there is no bias), `AddV2`,
 * `Mul`, `Slice`, `Tanh`, `MaxPool`/`AvgPool`, `Mean`, `ConcatV2`; the per-channel affine (an
 * unfused inference BN) as `Mul` + `AddV2` with `[C]` constants (+ `Relu`), the form a Keras BN
 * takes after the converter when no conv absorbs it (`batchnorm/mul_1`, `add_1`).
 * TF `SAME` padding is native, so no pad ops are needed. Attention uses `BatchMatMulV2` without
 * adjoint flags (keys are transposed explicitly); layer norm and GELU are decomposed (no ops).
 * Upsampling is `ResizeBilinear` / `ResizeNearestNeighbor` with `half_pixel_centers` and a size constant.
 */
import { type ConvNode, type Graph, type LayerNormNode, LEAKY_ALPHA, type Node, type UnaryFn } from './ir.ts';
import { isDepthwise, nhwc, WeightCache } from './layouts.ts';
import { dim, nodeIndex, shapeOf } from './shapes.ts';

type Attr = Record<string, unknown>;
interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr: Record<string, Attr>;
}
interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
}

export interface TfjsModel {
  /** `model.json` text. */
  json: string;
  /** The one weight shard, in manifest order. */
  weights: Uint8Array;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const FLOAT: Attr = { type: 'DT_FLOAT' };
const INT32: Attr = { type: 'DT_INT32' };
const ints = (values: readonly number[]): Attr => ({ list: { i: values.map(String) } });
const str = (text: string): Attr => ({ s: b64(text) });
const ACTIVATION_OP: Readonly<Record<string, string>> = Object.freeze({
  relu: 'Relu',
  relu6: 'Relu6',
  leakyrelu: 'LeakyRelu',
});
const ALPHA: Attr = { f: LEAKY_ALPHA };

/** Emits a graph (weights in ONNX layout, by name) as a TF.js graph model with one shard. */
export function emitTfjs(
  graph: Graph,
  weights: ReadonlyMap<string, Float32Array>,
  shardName = 'weights.bin',
): TfjsModel {
  const index = nodeIndex(graph);
  const cache = new WeightCache(weights, graph.weights);
  const nodes: TfNode[] = [];
  const specs: WeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  const consts = new Set<string>();

  const constant = (name: string, shape: number[], data: Float32Array | Int32Array): string => {
    if (consts.has(name)) return name;
    consts.add(name);
    const dtype = data instanceof Int32Array ? 'int32' : 'float32';
    const tfType = dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT';
    nodes.push({
      name,
      op: 'Const',
      attr: {
        value: { tensor: { dtype: tfType, tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } },
        dtype: { type: tfType },
      },
    });
    specs.push({ name, shape, dtype });
    chunks.push(new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
    return name;
  };
  const weight = (name: string, perm: Parameters<WeightCache['get']>[1], shape?: number[]) => {
    const w = cache.get(name, perm);
    return constant(w.key, shape ?? w.shape, w.data);
  };
  const op = (name: string, type: string, input: string[], attr: Record<string, Attr> = { T: FLOAT }) =>
    nodes.push({ name, op: type, input, attr });
  const scalar = (value: number) => constant(`zoo/const_${value}`, [], Float32Array.of(value));
  const fusedOps = (activation: string) => {
    const act = ACTIVATION_OP[activation];
    return { list: { s: (act ? ['BiasAdd', act] : ['BiasAdd']).map(b64) } };
  };

  /** Grouped conv: Split → one `_FusedConv2D` per group → ConcatV2, as TF.js has no grouped conv. */
  const groupedConv = (node: ConvNode) => {
    const g = node.groups;
    const axis = constant('zoo/channel_axis', [], Int32Array.of(3));
    op(`${node.id}/split`, 'Split', [axis, node.input], { T: FLOAT, num_split: { i: String(g) } });
    const parts: string[] = [];
    for (let j = 0; j < g; j++) {
      const w = cache.get(node.weight, 'hwio', [j, g]);
      const b = cache.get(node.bias, 'identity', [j, g]);
      parts.push(`${node.id}/group${j}`);
      conv(node, {
        id: `${node.id}/group${j}`,
        input: `${node.id}/split:${j}`,
        filter: constant(w.key, w.shape, w.data),
        bias: constant(b.key, b.shape, b.data),
      });
    }
    op(node.id, 'ConcatV2', [...parts, axis], { T: FLOAT, Tidx: INT32, N: { i: String(g) } });
  };

  const conv = (node: ConvNode, part?: { id: string; input: string; filter: string; bias: string }) => {
    const inChannels = dim(shapeOf(index, node.input), 1);
    const depthwise = isDepthwise(node, inChannels);
    if (node.groups > 1 && !depthwise && !part) return groupedConv(node);
    const [kh, kw] = node.kernel;
    const filter =
      part?.filter ??
      (depthwise
        ? weight(node.weight, 'tfDepthwise', [kh, kw, inChannels, dim(node.shape, 1) / inChannels])
        : weight(node.weight, 'hwio'));
    nodes.push({
      name: part?.id ?? node.id,
      op: depthwise ? 'FusedDepthwiseConv2dNative' : '_FusedConv2D',
      input: [part?.input ?? node.input, filter, part?.bias ?? weight(node.bias, 'identity')],
      attr: {
        T: FLOAT,
        data_format: str('NHWC'),
        strides: ints([1, node.stride[0], node.stride[1], 1]),
        dilations: ints([1, node.dilation[0], node.dilation[1], 1]),
        padding: str(node.padding === 'same' ? 'SAME' : 'VALID'),
        explicit_paddings: { list: {} },
        fused_ops: fusedOps(node.activation),
        num_args: { i: '1' },
        epsilon: { f: 0 },
        leakyrelu_alpha: ALPHA,
      },
    });
  };

  const emit = (node: Node) => {
    switch (node.op) {
      case 'input':
        nodes.push({
          name: node.id,
          op: 'Placeholder',
          attr: {
            dtype: FLOAT,
            shape: { shape: { dim: nhwc(node.shape).map((d) => ({ size: String(d) })) } },
          },
        });
        return;
      case 'conv2d':
        return conv(node);
      case 'add': {
        const act = ACTIVATION_OP[node.activation];
        const addName = act ? `${node.id}/pre` : node.id;
        nodes.push({ name: addName, op: 'AddV2', input: [...node.inputs], attr: { T: FLOAT } });
        if (act) nodes.push({ name: node.id, op: act, input: [addName], attr: { T: FLOAT, alpha: ALPHA } });
        return;
      }
      case 'affine': {
        const act = ACTIVATION_OP[node.activation];
        const p = (s: string) => `${node.id}/${s}`;
        op(p('mul'), 'Mul', [node.input, weight(node.scale, 'identity')]);
        op(act ? p('add') : node.id, 'AddV2', [p('mul'), weight(node.shift, 'identity')]);
        if (act) nodes.push({ name: node.id, op: act, input: [p('add')], attr: { T: FLOAT, alpha: ALPHA } });
        return;
      }
      case 'maxpool':
      case 'avgpool':
        nodes.push({
          name: node.id,
          op: node.op === 'maxpool' ? 'MaxPool' : 'AvgPool',
          input: [node.input],
          attr: {
            T: FLOAT,
            data_format: str('NHWC'),
            ksize: ints([1, node.kernel[0], node.kernel[1], 1]),
            strides: ints([1, node.stride[0], node.stride[1], 1]),
            padding: str(node.padding === 'same' ? 'SAME' : 'VALID'),
          },
        });
        return;
      case 'globalavgpool':
        nodes.push({
          name: node.id,
          op: 'Mean',
          input: [node.input, constant('zoo/hw_axes', [2], Int32Array.of(1, 2))],
          attr: { T: FLOAT, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } },
        });
        return;
      case 'concat':
        nodes.push({
          name: node.id,
          op: 'ConcatV2',
          input: [...node.inputs, constant('zoo/channel_axis', [], Int32Array.of(3))],
          attr: { T: FLOAT, Tidx: { type: 'DT_INT32' }, N: { i: String(node.inputs.length) } },
        });
        return;
      case 'dense':
        if (!node.bias && node.activation === 'none') {
          // No bias to fuse (an LSTM's recurrent product): a plain MatMul, weight [in, out].
          op(node.id, 'MatMul', [node.input, weight(node.weight, 'inOut')], {
            T: FLOAT,
            transpose_a: { b: false },
            transpose_b: { b: false },
          });
          return;
        }
        if (!node.bias) throw new Error(`TF.js emitter: dense "${node.id}" has an activation but no bias`);
        nodes.push({
          name: node.id,
          op: '_FusedMatMul',
          input: [node.input, weight(node.weight, 'inOut'), weight(node.bias, 'identity')],
          attr: {
            T: FLOAT,
            transpose_a: { b: false },
            transpose_b: { b: false },
            fused_ops: fusedOps(node.activation),
            num_args: { i: '1' },
            epsilon: { f: 0 },
            leakyrelu_alpha: ALPHA,
          },
        });
        return;
      case 'mul':
        op(node.id, 'Mul', [...node.inputs]);
        return;
      case 'slice': {
        const rank = node.shape.length;
        const begin = constant(`zoo/begin_${node.begin.join('_')}`, [rank], Int32Array.from(node.begin));
        const size = constant(`zoo/size_${node.shape.join('_')}`, [rank], Int32Array.from(node.shape));
        op(node.id, 'Slice', [node.input, begin, size], { T: FLOAT, Index: INT32 });
        return;
      }
      case 'reshape': {
        const shape = constant(`${node.id}/shape`, [node.shape.length], Int32Array.from(node.shape));
        op(node.id, 'Reshape', [node.input, shape], { T: FLOAT, Tshape: INT32 });
        return;
      }
      case 'transpose': {
        const perm = constant(`${node.id}/perm`, [node.perm.length], Int32Array.from(node.perm));
        op(node.id, 'Transpose', [node.input, perm], { T: FLOAT, Tperm: INT32 });
        return;
      }
      case 'matmul':
        op(node.id, 'BatchMatMulV2', [...node.inputs], {
          T: FLOAT,
          adj_x: { b: false },
          adj_y: { b: false },
        });
        return;
      case 'scale':
        op(node.id, 'Mul', [node.input, scalar(node.factor)]);
        return;
      case 'softmax':
        op(node.id, 'Softmax', [node.input]);
        return;
      case 'layernorm':
        return layerNorm(node);
      case 'gelu': {
        // TF.js has no Gelu op: the erf form, as the converter writes Keras' exact GELU.
        const p = (s: string) => `${node.id}/${s}`;
        op(p('scaled'), 'Mul', [node.input, scalar(Math.SQRT1_2)]);
        op(p('erf'), 'Erf', [p('scaled')]);
        op(p('one_plus'), 'AddV2', [p('erf'), scalar(1)]);
        op(p('times_x'), 'Mul', [node.input, p('one_plus')]);
        op(node.id, 'Mul', [p('times_x'), scalar(0.5)]);
        return;
      }
      case 'unary':
        return unary(node.id, node.input, node.fn);
      case 'channelscale': {
        const [x, gates] = node.inputs;
        const [n, c] = node.shape as [number, number];
        const shape = constant(`${node.id}/shape`, [4], Int32Array.of(n, 1, 1, c));
        op(`${node.id}/gates`, 'Reshape', [gates, shape], { T: FLOAT, Tshape: INT32 });
        op(node.id, 'Mul', [x, `${node.id}/gates`]);
        return;
      }
      case 'channelslice': {
        const [n, c, h, w] = node.shape as [number, number, number, number];
        const begin = constant(`${node.id}/begin`, [4], Int32Array.of(0, 0, 0, node.start));
        const size = constant(`${node.id}/size`, [4], Int32Array.of(n, h, w, c));
        op(node.id, 'Slice', [node.input, begin, size], { T: FLOAT, Index: INT32 });
        return;
      }
      case 'channelshuffle': {
        const [n, c, h, w] = node.shape as [number, number, number, number];
        const g = node.groups;
        const p = (s: string) => `${node.id}/${s}`;
        const reshape = { T: FLOAT, Tshape: INT32 };
        op(
          p('split'),
          'Reshape',
          [node.input, constant(p('split_shape'), [5], Int32Array.of(n, h, w, g, c / g))],
          reshape,
        );
        const perm = constant(p('perm'), [5], Int32Array.of(0, 1, 2, 4, 3));
        op(p('swap'), 'Transpose', [p('split'), perm], { T: FLOAT, Tperm: INT32 });
        op(node.id, 'Reshape', [p('swap'), constant(p('shape'), [4], Int32Array.of(n, h, w, c))], reshape);
        return;
      }
      case 'resize': {
        // Half-pixel centres (see ResizeNode), as TF2's tf.image.resize writes them.
        const [, , h, w] = node.shape as [number, number, number, number];
        const size = constant(`${node.id}/size`, [2], Int32Array.of(h, w));
        op(
          node.id,
          node.mode === 'bilinear' ? 'ResizeBilinear' : 'ResizeNearestNeighbor',
          [node.input, size],
          {
            T: FLOAT,
            align_corners: { b: false },
            half_pixel_centers: { b: true },
          },
        );
        return;
      }
      default:
        throw new Error(`TF.js emitter: no rule for ${(node satisfies never as Node).op}`);
    }
  };

  /** TF.js has no HardSwish/HardSigmoid/Swish ops: the converter's x·relu6(x + 3)/6 forms. */
  const unary = (id: string, x: string, fn: UnaryFn) => {
    const p = (s: string) => `${id}/${s}`;
    if (fn === 'hardswish' || fn === 'hardsigmoid') {
      op(p('plus3'), 'AddV2', [x, scalar(3)]);
      op(p('relu6'), 'Relu6', [p('plus3')]);
      if (fn === 'hardswish') op(p('times_x'), 'Mul', [x, p('relu6')]);
      op(id, 'Mul', [p(fn === 'hardswish' ? 'times_x' : 'relu6'), scalar(1 / 6)]);
    } else if (fn === 'swish') {
      op(p('sigmoid'), 'Sigmoid', [x]);
      op(id, 'Mul', [x, p('sigmoid')]);
    } else {
      op(id, { sigmoid: 'Sigmoid', relu: 'Relu', tanh: 'Tanh' }[fn], [x]);
    }
  };

  /** TF.js has no layer-norm op: mean/variance over the last axis, as the converter writes it. */
  const layerNorm = (node: LayerNormNode) => {
    const p = (s: string) => `${node.id}/${s}`;
    const last = node.shape.length - 1;
    const axis = constant(`zoo/axis_${last}`, [1], Int32Array.of(last));
    const mean = { T: FLOAT, Tidx: INT32, keep_dims: { b: true } };
    op(p('mean'), 'Mean', [node.input, axis], mean);
    op(p('centered'), 'Sub', [node.input, p('mean')]);
    op(p('squared'), 'Mul', [p('centered'), p('centered')]);
    op(p('variance'), 'Mean', [p('squared'), axis], mean);
    op(p('variance_eps'), 'AddV2', [p('variance'), scalar(node.epsilon)]);
    op(p('rstd'), 'Rsqrt', [p('variance_eps')]);
    op(p('normed'), 'Mul', [p('centered'), p('rstd')]);
    op(p('scaled'), 'Mul', [p('normed'), weight(node.gamma, 'identity')]);
    op(node.id, 'AddV2', [p('scaled'), weight(node.beta, 'identity')]);
  };
  for (const node of graph.nodes) emit(node);

  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const bin = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bin.set(c, offset);
    offset += c.byteLength;
  }
  const model = {
    format: 'graph-model',
    generatedBy: 'webml-atlas zoo',
    convertedBy: 'webml-atlas zoo emit-tfjs',
    modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
    weightsManifest: [{ paths: [shardName], weights: specs }],
  };
  return { json: `${JSON.stringify(model)}\n`, weights: bin };
}
