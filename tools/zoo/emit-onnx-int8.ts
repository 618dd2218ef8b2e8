/**
 * ONNX int8 emitter: the float32 ONNX model (emit-onnx.ts) rewritten in QDQ form, the layout
 * onnxruntime.quantization.quantize_static(QuantFormat.QDQ, per_channel=True) writes with its
 * default types (uint8 activations, int8 weights), so ONNX Runtime's QDQ transformers fuse the
 * DequantizeLinear → op → QuantizeLinear groups into integer kernels (QLinearConv, QGemm,
 * QLinearMatMul, QLinearAdd/Mul, QLinearConcat, QLinearSigmoid/Softmax/LeakyRelu, uint8 MaxPool…).
 * Activations are the shared int8 parameters (quant.ts) stored as uint8 with the zero point + 128:
 * the same grid, but the type ORT's x86/wasm kernels take; its own int8 → uint8 rewrite skips a
 * QuantizeLinear with several consumers, and those ops then ran in float32 (docs/QUIRKS.md).
 * - a quantized activation `t` gets `t_QuantizeLinear` → `t_DequantizeLinear` (per-tensor
 *   scale and zero point from calibration) and every consumer reads the DQ output; a graph output
 *   keeps its name on the DQ output, so model inputs and outputs stay float32;
 * - Conv and Gemm weights become int8 initializers `W_quantized` with per-output-channel
 *   `W_scale` / `W_zero_point` (zeros) and a DequantizeLinear with axis 0; biases int32
 *   `B_quantized` with scale input scale × weight scale (quant.ts), one copy per input scale;
 * - a Relu or Clip(0, 6) right after a quantized Conv/Gemm/Add that feeds nothing else is removed
 *   and the producer's output takes its name and range (quantize_static's QDQRemovableActivation:
 *   the int8 range starting at 0 clamps as the activation did);
 * - ops that only move data (MaxPool, Reshape, Transpose, Slice, Resize) keep their input's
 *   scale on their output, as quantize_static does, so ORT drops their QDQ pairs;
 * - ops without integer kernels (LayerNormalization, Erf, HardSwish, HardSigmoid, Tanh,
 *   ReduceMean, BatchNormalization, and Add/Mul by a constant) stay float32 between a DQ and a Q.
 */
import type { Calibration } from './calibrate.ts';
import { floatBytes, type OnnxInitializer, type OnnxModel, type OnnxNode } from './emit-onnx.ts';
import { DTYPE } from './onnx-proto.ts';
import { activationParams, type QParams, quantizeBias, quantizeWeight } from './quant.ts';

/** Integer ops, with the indices of their activation (data) inputs. */
const DATA_INPUTS: Readonly<Record<string, (n: OnnxNode) => number[]>> = Object.freeze({
  Conv: () => [0],
  Gemm: () => [0],
  MatMul: () => [0, 1],
  Add: () => [0, 1],
  Mul: () => [0, 1],
  Concat: (n: OnnxNode) => n.input.map((_, i) => i),
  MaxPool: () => [0],
  AveragePool: () => [0],
  Reshape: () => [0],
  Transpose: () => [0],
  Slice: () => [0],
  Resize: () => [0],
  Sigmoid: () => [0],
  Softmax: () => [0],
  LeakyRelu: () => [0],
});
/** Ops whose output keeps the input's quantization (they move values, never change them). */
const SAME_SCALE: ReadonlySet<string> = new Set(['MaxPool', 'Reshape', 'Transpose', 'Slice', 'Resize']);
/** Activations a preceding integer op absorbs. */
const REMOVABLE: ReadonlySet<string> = new Set(['Relu', 'Clip']);
const ABSORBS: ReadonlySet<string> = new Set(['Conv', 'Gemm', 'Add']);

const scalarInit = (name: string, type: number, bytes: Uint8Array): OnnxInitializer => ({
  dims: [],
  data_type: type,
  name,
  raw_data: bytes,
});
const int8Bytes = (v: Int8Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
const int32Bytes = (v: Int32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** Rewrites the float ONNX model `model` (from `onnxModel`) into QDQ int8 form. */
export function quantizeOnnx(model: OnnxModel, calibration: Calibration): OnnxModel {
  const g = model.graph;
  const inits = new Map(g.initializer.map((i) => [i.name, i]));
  const consumers = (t: string, nodes: readonly OnnxNode[]) => nodes.filter((n) => n.input.includes(t));
  const outputs = new Set(g.output.map((o) => o.name));
  const isData = (n: OnnxNode) => {
    const rule = DATA_INPUTS[n.op_type];
    return rule !== undefined && rule(n).every((i) => !inits.has(n.input[i] ?? ''));
  };

  // 1. Absorb Relu/Clip into the integer op before them.
  let nodes = g.node.map((n) => ({ ...n }));
  for (const act of nodes.filter((n) => REMOVABLE.has(n.op_type))) {
    const pre = act.input[0] ?? '';
    const producer = nodes.find((n) => n.output[0] === pre);
    if (!producer || !ABSORBS.has(producer.op_type) || !isData(producer)) continue;
    if (consumers(pre, nodes).length !== 1 || outputs.has(pre)) continue;
    producer.output = [act.output[0] ?? ''];
    nodes = nodes.filter((n) => n !== act);
  }

  // 2. Which activations are quantized, and with which parameters.
  const params = new Map<string, QParams>();
  const range = (t: string) => {
    const r = calibration.ranges.get(t);
    if (!r) throw new Error(`ONNX int8: no calibrated range for "${t}"`);
    return activationParams(r);
  };
  for (const n of nodes) {
    if (!isData(n)) continue;
    const ins = (DATA_INPUTS[n.op_type] as (n: OnnxNode) => number[])(n).map((i) => n.input[i] ?? '');
    for (const t of ins) if (!params.has(t)) params.set(t, range(t));
    const out = n.output[0] ?? '';
    params.set(out, SAME_SCALE.has(n.op_type) ? (params.get(ins[0] ?? '') as QParams) : range(out));
  }

  // 3. Weights and biases of Conv/Gemm: int8 per channel, int32 biases.
  const added: OnnxInitializer[] = [];
  const prefix: OnnxNode[] = [];
  const weightScales = new Map<string, Float32Array>();
  const dq = (input: string, scale: string, zp: string, output: string, axis?: number): OnnxNode => ({
    input: [input, scale, zp],
    output: [output],
    name: `${input}_DequantizeLinear`,
    op_type: 'DequantizeLinear',
    attribute: axis === undefined ? [] : [{ name: 'axis', type: 2, i: axis }],
  });
  const quantizedWeight = (name: string) => {
    const out = `${name}_DequantizeLinear_Output`;
    if (weightScales.has(name)) return out;
    const w = inits.get(name);
    if (!w) throw new Error(`ONNX int8: no initializer "${name}"`);
    const data = new Float32Array(w.raw_data.slice().buffer);
    const q = quantizeWeight(data, w.dims, 0);
    weightScales.set(name, q.scales);
    const c = q.scales.length;
    added.push(
      { dims: w.dims, data_type: DTYPE.INT8, name: `${name}_quantized`, raw_data: int8Bytes(q.values) },
      { dims: [c], data_type: DTYPE.FLOAT, name: `${name}_scale`, raw_data: floatBytes(q.scales) },
      { dims: [c], data_type: DTYPE.INT8, name: `${name}_zero_point`, raw_data: new Uint8Array(c) },
    );
    prefix.push(dq(`${name}_quantized`, `${name}_scale`, `${name}_zero_point`, out, 0));
    return out;
  };
  const biasCopies = new Map<string, string>();
  const copiesOf = new Map<string, number>();
  const quantizedBias = (name: string, weight: string, inputScale: number) => {
    const key = `${name}@${inputScale}`;
    const known = biasCopies.get(key);
    if (known) return known;
    const b = inits.get(name);
    if (!b) throw new Error(`ONNX int8: no initializer "${name}"`);
    const copy = copiesOf.get(name) ?? 0;
    copiesOf.set(name, copy + 1);
    const base = copy === 0 ? name : `${name}_${copy}`;
    const q = quantizeBias(
      new Float32Array(b.raw_data.slice().buffer),
      inputScale,
      weightScales.get(weight) as Float32Array,
    );
    const c = q.scales.length;
    added.push(
      { dims: [c], data_type: DTYPE.INT32, name: `${base}_quantized`, raw_data: int32Bytes(q.values) },
      { dims: [c], data_type: DTYPE.FLOAT, name: `${base}_scale`, raw_data: floatBytes(q.scales) },
      { dims: [c], data_type: DTYPE.INT32, name: `${base}_zero_point`, raw_data: new Uint8Array(4 * c) },
    );
    const out = `${base}_DequantizeLinear_Output`;
    prefix.push(dq(`${base}_quantized`, `${base}_scale`, `${base}_zero_point`, out, 0));
    biasCopies.set(key, out);
    return out;
  };
  for (const n of nodes) {
    if ((n.op_type !== 'Conv' && n.op_type !== 'Gemm') || !isData(n)) continue;
    const [x = '', w = '', b] = n.input;
    const weight = quantizedWeight(w);
    const bias = b ? quantizedBias(b, w, (params.get(x) as QParams).scale) : undefined;
    n.input = [x, weight, ...(bias ? [bias] : [])];
  }

  // 4. Q/DQ pairs after each quantized activation's producer (or at the start for a graph input).
  const qdq = (t: string): OnnxNode[] => {
    const p = params.get(t) as QParams;
    added.push(
      scalarInit(`${t}_scale`, DTYPE.FLOAT, floatBytes(Float32Array.of(p.scale))),
      scalarInit(`${t}_zero_point`, DTYPE.UINT8, Uint8Array.of(p.zeroPoint + 128)),
    );
    const source = outputs.has(t) ? `${t}_QuantizeLinear_Input` : t;
    const dqOut = outputs.has(t) ? t : `${t}_DequantizeLinear_Output`;
    return [
      {
        input: [source, `${t}_scale`, `${t}_zero_point`],
        output: [`${t}_QuantizeLinear_Output`],
        name: `${t}_QuantizeLinear`,
        op_type: 'QuantizeLinear',
        attribute: [],
      },
      dq(`${t}_QuantizeLinear_Output`, `${t}_scale`, `${t}_zero_point`, dqOut),
    ];
  };
  const rename = (t: string) => (params.has(t) && !outputs.has(t) ? `${t}_DequantizeLinear_Output` : t);
  const result: OnnxNode[] = [];
  for (const input of g.input) if (params.has(input.name)) result.push(...qdq(input.name));
  for (const n of nodes) {
    const t = n.output[0] ?? '';
    result.push({ ...n, input: n.input.map(rename) });
    if (!params.has(t)) continue;
    if (outputs.has(t)) (result[result.length - 1] as OnnxNode).output = [`${t}_QuantizeLinear_Input`];
    result.push(...qdq(t));
  }

  // 5. Initializers: drop the float copies nothing reads any more.
  const read = new Set([...prefix, ...result].flatMap((n) => n.input));
  const initializer = [...g.initializer.filter((i) => read.has(i.name)), ...added];
  return { ...model, graph: { ...g, node: [...prefix, ...result], initializer } };
}
