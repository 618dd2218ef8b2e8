/**
 * TFLite int8 emitter (`model.int8.tflite`): the float32 subgraph of emit-tflite.ts rewritten
 * as full-integer int8, the way the TFLite converter's post-training quantization writes it
 * (`optimizations=[DEFAULT]`, a representative dataset, `supported_ops=[TFLITE_BUILTINS_INT8]`,
 * `inference_input_type`/`inference_output_type` left float32):
 * - every activation tensor is int8, per-tensor asymmetric (calibrated range, quant.ts);
 * - CONV_2D / FULLY_CONNECTED weights int8 per output channel (quantized_dimension 0),
 *   DEPTHWISE_CONV_2D per channel on its last axis (3); biases int32 with scale input × weight;
 *   other float constants (the unfused BN's scale and shift, layer-norm gamma/beta, scalars)
 *   per-tensor int8; int32 constants (axes, shapes, permutations) as they are;
 * - fused activations stay fused: the int8 kernels clamp to the output's quantized range;
 * - the fixed output scales of the int8 kernels: LOGISTIC and SOFTMAX 1/256 zero point −128,
 *   TANH 1/128 zero point 0;
 * - ops that only move data (pools, RESHAPE, TRANSPOSE, SLICE, SPLIT, RESIZE_*) keep the input's
 *   parameters on their output; CONCATENATION's int8 kernel requires every input at the output's
 *   parameters, so an input with others is requantized by an int8 → int8 QUANTIZE first, as the
 *   converter does;
 * - model I/O stays float32: QUANTIZE after the input, DEQUANTIZE before each output, so the
 *   input tensor (name, shape, type) is the float model's and MediaPipe's ImageClassifier takes
 *   `model.int8.meta.tflite` with the same normalisation metadata as `model.meta.tflite`.
 * Every op the zoo emits has an int8 builtin kernel in LiteRT (layer norm is decomposed into
 * MEAN/SUB/MUL/ADD/RSQRT, all with int8 kernels), so no op is left in float32.
 */
import type { Calibration } from './calibrate.ts';
import type { BuiltTflite } from './emit-tflite.ts';
import { activationParams, type QParams, quantizeBias, quantizeTensor, quantizeWeight } from './quant.ts';
import { OP } from './tflite-ops.ts';
import { TENSOR_TYPE, TfliteWriter } from './tflite-writer.ts';

/** Op versions the converter gives int8 kernels (tensorflow/lite/tools/versioning/op_version.cc). */
const INT8_VERSION: Readonly<Record<number, number>> = Object.freeze({
  [OP.CONV_2D]: 3,
  [OP.DEPTHWISE_CONV_2D]: 3,
  [OP.FULLY_CONNECTED]: 4,
  [OP.RESIZE_BILINEAR]: 3,
  [OP.RESIZE_NEAREST_NEIGHBOR]: 3,
  [OP.RESHAPE]: 1,
  [OP.HARD_SWISH]: 1,
  [OP.QUANTIZE]: 1,
  [OP.DEQUANTIZE]: 2,
});
const FIXED_OUTPUT: Readonly<Record<number, QParams>> = Object.freeze({
  [OP.LOGISTIC]: { scale: 1 / 256, zeroPoint: -128 },
  [OP.SOFTMAX]: { scale: 1 / 256, zeroPoint: -128 },
  [OP.TANH]: { scale: 1 / 128, zeroPoint: 0 },
});
const SAME_AS_INPUT: ReadonlySet<number> = new Set([
  OP.MAX_POOL_2D,
  OP.AVERAGE_POOL_2D,
  OP.RESHAPE,
  OP.TRANSPOSE,
  OP.SLICE,
  OP.SPLIT,
  OP.RESIZE_BILINEAR,
  OP.RESIZE_NEAREST_NEIGHBOR,
]);
const WEIGHTED: ReadonlySet<number> = new Set([OP.CONV_2D, OP.DEPTHWISE_CONV_2D, OP.FULLY_CONNECTED]);

const same = (a: QParams, b: QParams) => a.scale === b.scale && a.zeroPoint === b.zeroPoint;
const quantization = (p: QParams) => ({ scale: [p.scale], zeroPoint: [p.zeroPoint], axis: 0 });

/** The int8 model of a float32 subgraph, serialised. */
export function quantizeTflite(
  src: BuiltTflite,
  calibration: Calibration,
  name: string,
  description: string,
): Uint8Array {
  const from = src.writer;
  const w = new TfliteWriter();
  /** Old tensor index → new tensor index (activations: the int8 tensor). */
  const mapped = new Map<number, number>();
  const params = new Map<number, QParams>();
  const outputs = new Set(src.outputs);
  const newOutputs: number[] = [];

  const rangeOf = (tensorName: string): QParams => {
    const r =
      calibration.ranges.get(tensorName) ?? calibration.ranges.get(tensorName.replace(/\/group\d+$/, ''));
    if (!r) throw new Error(`TFLite int8: no calibrated range for "${tensorName}"`);
    return activationParams(r);
  };
  const int8Tensor = (old: number, p: QParams, suffix = '') => {
    const t = from.tensors[old];
    if (!t) throw new Error(`TFLite int8: no tensor ${old}`);
    const made = w.tensor(`${t.name}${suffix}`, t.shape, TENSOR_TYPE.int8, undefined, quantization(p));
    params.set(made, p);
    return made;
  };
  const op = (
    code: number,
    ins: number[],
    outs: number[],
    options?: Parameters<TfliteWriter['operator']>[3],
  ) => w.operator(code, ins, outs, options, INT8_VERSION[code] ?? 2);

  // Constants, each quantized once (biases once per input scale).
  const constants = new Map<string, number>();
  const weightScales = new Map<number, Float32Array>();
  const constant = (old: number, role: 'weight' | 'depthwise' | 'plain', biasOf?: [number, number]) => {
    const t = from.tensors[old];
    if (!t?.data) throw new Error(`TFLite int8: tensor ${old} is not a constant`);
    const data = t.data;
    const key = biasOf ? `${old}@${params.get(biasOf[0])?.scale}` : `${old}`;
    const known = constants.get(key);
    if (known !== undefined) return known;
    let made: number;
    if (data instanceof Int32Array) {
      made = w.tensor(t.name, t.shape, TENSOR_TYPE.int32, data);
    } else if (biasOf) {
      const [input, weight] = biasOf;
      const weightQ = from.tensors[weight] ? weightScales.get(weight) : undefined;
      if (!weightQ) throw new Error(`TFLite int8: bias "${t.name}" before its weight`);
      const q = quantizeBias(data as Float32Array, params.get(input)?.scale ?? 1, weightQ);
      made = w.tensor(`${t.name}/int32`, t.shape, TENSOR_TYPE.int32, q.values, {
        scale: [...q.scales],
        zeroPoint: new Array<number>(q.scales.length).fill(0),
        axis: 0,
      });
    } else if (role !== 'plain') {
      const axis = role === 'depthwise' ? 3 : 0;
      const q = quantizeWeight(data as Float32Array, t.shape, axis);
      weightScales.set(old, q.scales);
      made = w.tensor(`${t.name}/int8`, t.shape, TENSOR_TYPE.int8, q.values, {
        scale: [...q.scales],
        zeroPoint: new Array<number>(q.scales.length).fill(0),
        axis,
      });
    } else {
      let min = 0;
      let max = 0;
      for (const v of data) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      const p = activationParams({ min, max });
      made = w.tensor(`${t.name}/int8`, t.shape, TENSOR_TYPE.int8, quantizeTensor(data, p), quantization(p));
      params.set(made, p);
    }
    constants.set(key, made);
    return made;
  };
  // Float input → QUANTIZE → int8.
  const newInputs = src.inputs.map((old) => {
    const t = from.tensors[old];
    if (!t) throw new Error(`TFLite int8: no input tensor ${old}`);
    const float = w.tensor(t.name, t.shape, TENSOR_TYPE.float32);
    const q = int8Tensor(old, rangeOf(t.name), '/int8');
    op(OP.QUANTIZE, [float], [q]);
    mapped.set(old, q);
    return float;
  });

  const requantized = new Map<string, number>();
  const requantize = (t: number, p: QParams) => {
    const key = `${t}@${p.scale}/${p.zeroPoint}`;
    let out = requantized.get(key);
    if (out === undefined) {
      const def = w.tensors[t];
      out = w.tensor(
        `${def?.name}/requantized`,
        def?.shape ?? [],
        TENSOR_TYPE.int8,
        undefined,
        quantization(p),
      );
      params.set(out, p);
      op(OP.QUANTIZE, [t], [out]);
      requantized.set(key, out);
    }
    return out;
  };

  for (const operator of from.operators) {
    const code = from.opcodes[operator.opcode]?.code ?? -1;
    const ins = operator.inputs.map((old, k) => {
      if (old < 0) return old;
      const activation = mapped.get(old);
      if (activation !== undefined) return activation;
      if (WEIGHTED.has(code) && k === 1)
        return constant(old, code === OP.DEPTHWISE_CONV_2D ? 'depthwise' : 'weight');
      if (WEIGHTED.has(code) && k === 2) {
        const input = mapped.get(operator.inputs[0] ?? -1) ?? -1;
        return constant(old, 'plain', [input, operator.inputs[1] ?? -1]);
      }
      return constant(old, 'plain');
    });
    const firstActivation = ins.find((t) => params.has(t)) ?? -1;
    const outs = operator.outputs.map((old) => {
      const t = from.tensors[old];
      const p =
        FIXED_OUTPUT[code] ??
        (SAME_AS_INPUT.has(code) ? params.get(firstActivation) : undefined) ??
        rangeOf(t?.name ?? '');
      const made = int8Tensor(old, p, outputs.has(old) ? '/int8' : '');
      mapped.set(old, made);
      return made;
    });
    if (code === OP.CONCATENATION) {
      const p = params.get(outs[0] ?? -1) as QParams;
      for (let k = 0; k < ins.length; k++) {
        const t = ins[k] as number;
        if (!same(params.get(t) as QParams, p)) ins[k] = requantize(t, p);
      }
    }
    op(code, ins, outs, operator.options);
  }

  // int8 → DEQUANTIZE → float output, under the output's own name.
  for (const old of src.outputs) {
    const t = from.tensors[old];
    const float = w.tensor(t?.name ?? '', t?.shape ?? [], TENSOR_TYPE.float32);
    op(OP.DEQUANTIZE, [mapped.get(old) ?? -1], [float]);
    newOutputs.push(float);
  }
  return w.finish(newInputs, newOutputs, name, description);
}
