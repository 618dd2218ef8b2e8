/**
 * TF.js graph-model emitter: a zoo graph → `model.json` (GraphDef JSON topology + weights
 * manifest) and one `weights.bin` shard, NHWC. Only op patterns the official converter emits:
 * `_FusedConv2D` / `FusedDepthwiseConv2dNative` with fused BiasAdd (+ Relu/Relu6), `_FusedMatMul`
 * with the weight stored `[in, out]` and `transpose_b=false` (the wasm backend computes
 * `transpose_b=true` wrongly in 4.22), `AddV2`, `MaxPool`/`AvgPool`, `Mean`, `ConcatV2`.
 * TF `SAME` padding is native, so no pad ops are needed.
 */
import { type ConvNode, dim, type Graph, type Node, nodeIndex, shapeOf } from './ir.ts';
import { isDepthwise, nhwc, WeightCache } from './layouts.ts';

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
const ints = (values: readonly number[]): Attr => ({ list: { i: values.map(String) } });
const str = (text: string): Attr => ({ s: b64(text) });
const ACTIVATION_OP: Readonly<Record<string, string>> = Object.freeze({ relu: 'Relu', relu6: 'Relu6' });

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
  const fusedOps = (activation: string) => {
    const act = ACTIVATION_OP[activation];
    return { list: { s: (act ? ['BiasAdd', act] : ['BiasAdd']).map(b64) } };
  };

  const conv = (node: ConvNode) => {
    const inChannels = dim(shapeOf(index, node.input), 1);
    const depthwise = isDepthwise(node, inChannels);
    if (node.groups > 1 && !depthwise) throw new Error(`grouped conv "${node.id}" is not supported yet`);
    const [kh, kw] = node.kernel;
    const filter = depthwise
      ? weight(node.weight, 'tfDepthwise', [kh, kw, inChannels, dim(node.shape, 1) / inChannels])
      : weight(node.weight, 'hwio');
    nodes.push({
      name: node.id,
      op: depthwise ? 'FusedDepthwiseConv2dNative' : '_FusedConv2D',
      input: [node.input, filter, weight(node.bias, 'identity')],
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
        if (act) nodes.push({ name: node.id, op: act, input: [addName], attr: { T: FLOAT } });
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
          },
        });
        return;
    }
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
