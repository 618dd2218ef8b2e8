/**
 * A small TFLite flatbuffer writer over the `flatbuffers` runtime: tensors, 16-byte-aligned
 * constant buffers, operators with builtin options, serialised with the table slot ids of
 * TensorFlow's `schema.fbs` (schema version 3, file identifier `TFL3`). Knows nothing about the
 * zoo IR; emit-tflite.ts drives it. Facts that bite: buffer 0 must be the empty buffer; a union
 * takes two slots (type byte, then the table); every vector/string/sub-table is created before
 * the `startObject` of the table that refers to it.
 */
import { Builder, type Offset } from 'flatbuffers';

/** TensorType values. */
export const TENSOR_TYPE = Object.freeze({ float32: 0, float16: 1, int32: 2, int8: 9 });
/** ActivationFunctionType values. */
export const ACTIVATION = Object.freeze({ none: 0, relu: 1, relu6: 3 });
/** Padding values. */
export const PADDING = Object.freeze({ same: 0, valid: 1 });

/** Builtin options: the union's type index and a function writing the table (fields by slot). */
export interface Options {
  type: number;
  write(b: Builder): Offset;
}

/** Quantization parameters of an int8/int32 tensor: one scale and zero point, or one per channel along `axis`. */
export interface Quantization {
  scale: readonly number[];
  zeroPoint: readonly number[];
  axis: number;
}
/** The constant values a tensor can hold (Uint16Array: float16 bits). */
export type TensorData = Float32Array | Int32Array | Int8Array | Uint16Array;

export interface TensorDef {
  name: string;
  shape: number[];
  type: number;
  buffer: number;
  /** The values of a constant (buffer > 0). */
  data: TensorData | undefined;
  quantization: Quantization | undefined;
}
export interface OperatorDef {
  opcode: number;
  inputs: number[];
  outputs: number[];
  options: Options | undefined;
}

function intVector(b: Builder, values: readonly number[]): Offset {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i] ?? 0);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: readonly Offset[]): Offset {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i] ?? 0);
  return b.endVector();
}

/** Collects one subgraph and writes the model. */
export class TfliteWriter {
  /** What was added so far (read by the int8 pass, emit-tflite-int8.ts). */
  readonly tensors: TensorDef[] = [];
  readonly operators: OperatorDef[] = [];
  readonly opcodes: { code: number; version: number }[] = [];
  private readonly buffers: Uint8Array[] = [new Uint8Array(0)];

  /** Adds a tensor; with `data` it is a constant with its own buffer. Returns its index. */
  tensor(
    name: string,
    shape: readonly number[],
    type: number,
    data?: TensorData,
    quantization?: Quantization,
  ): number {
    let buffer = 0;
    if (data) {
      buffer = this.buffers.length;
      this.buffers.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    this.tensors.push({ name, shape: [...shape], type, buffer, data, quantization });
    return this.tensors.length - 1;
  }

  /**
   * Adds an operator by builtin code and op version (the converter's: the version that
   * introduced the options used); returns nothing (outputs are tensors made beforehand).
   */
  operator(
    builtin: number,
    inputs: readonly number[],
    outputs: readonly number[],
    options?: Options,
    version = 1,
  ): void {
    let opcode = this.opcodes.findIndex((c) => c.code === builtin && c.version === version);
    if (opcode < 0) opcode = this.opcodes.push({ code: builtin, version }) - 1;
    this.operators.push({ opcode, inputs: [...inputs], outputs: [...outputs], options });
  }

  /** Serialises the model with the given graph inputs and outputs (tensor indices). */
  finish(
    inputs: readonly number[],
    outputs: readonly number[],
    name: string,
    description: string,
  ): Uint8Array {
    // Sized for the weights up front: growing the builder by doubling copied the whole model
    // again and again (a tenth of emitting a zoo network). The size does not change the bytes.
    const b = new Builder(this.buffers.reduce((n, d) => n + d.byteLength + 16, 1024 * 1024));

    const bufferOffsets = this.buffers.map((data) => {
      let vector = 0;
      if (data.byteLength > 0) {
        b.prep(16, data.byteLength);
        vector = b.createByteVector(data);
      }
      b.startObject(3);
      if (vector) b.addFieldOffset(0, vector, 0);
      return b.endObject();
    });

    const tensorOffsets = this.tensors.map((t) => {
      const shape = intVector(b, t.shape);
      const tensorName = b.createString(t.name);
      const quantization = t.quantization ? quantizationTable(b, t.quantization) : 0;
      b.startObject(10);
      b.addFieldOffset(0, shape, 0);
      b.addFieldInt8(1, t.type, 0);
      b.addFieldInt32(2, t.buffer, 0);
      b.addFieldOffset(3, tensorName, 0);
      if (quantization) b.addFieldOffset(4, quantization, 0);
      return b.endObject();
    });

    const operatorOffsets = this.operators.map((op) => {
      const ins = intVector(b, op.inputs);
      const outs = intVector(b, op.outputs);
      const options = op.options ? op.options.write(b) : 0;
      b.startObject(13);
      b.addFieldInt32(0, op.opcode, 0);
      b.addFieldOffset(1, ins, 0);
      b.addFieldOffset(2, outs, 0);
      if (op.options) {
        b.addFieldInt8(3, op.options.type, 0);
        b.addFieldOffset(4, options, 0);
      }
      return b.endObject();
    });

    const subgraphTensors = offsetVector(b, tensorOffsets);
    const subgraphInputs = intVector(b, inputs);
    const subgraphOutputs = intVector(b, outputs);
    const subgraphOperators = offsetVector(b, operatorOffsets);
    const subgraphName = b.createString(name);
    b.startObject(5);
    b.addFieldOffset(0, subgraphTensors, 0);
    b.addFieldOffset(1, subgraphInputs, 0);
    b.addFieldOffset(2, subgraphOutputs, 0);
    b.addFieldOffset(3, subgraphOperators, 0);
    b.addFieldOffset(4, subgraphName, 0);
    const subgraph = b.endObject();

    const codeOffsets = this.opcodes.map(({ code, version }) => {
      b.startObject(4);
      // Codes above 127 live only in the int32 field; the byte field then holds 127.
      b.addFieldInt8(0, Math.min(code, 127), 0);
      b.addFieldInt32(2, version, 1);
      b.addFieldInt32(3, code, 0);
      return b.endObject();
    });

    const codes = offsetVector(b, codeOffsets);
    const subgraphs = offsetVector(b, [subgraph]);
    const desc = b.createString(description);
    const buffers = offsetVector(b, bufferOffsets);
    b.startObject(8);
    b.addFieldInt32(0, 3, 0);
    b.addFieldOffset(1, codes, 0);
    b.addFieldOffset(2, subgraphs, 0);
    b.addFieldOffset(3, desc, 0);
    b.addFieldOffset(4, buffers, 0);
    b.finish(b.endObject(), 'TFL3');
    return b.asUint8Array().slice();
  }
}

/** QuantizationParameters: scale 2 (float vector), zero_point 3 (int64 vector), quantized_dimension 6. */
function quantizationTable(b: Builder, q: Quantization): Offset {
  b.startVector(4, q.scale.length, 4);
  for (let i = q.scale.length - 1; i >= 0; i--) b.addFloat32(q.scale[i] ?? 0);
  const scale = b.endVector();
  b.startVector(8, q.zeroPoint.length, 8);
  for (let i = q.zeroPoint.length - 1; i >= 0; i--) b.addInt64(BigInt(q.zeroPoint[i] ?? 0));
  const zeroPoint = b.endVector();
  b.startObject(7);
  b.addFieldOffset(2, scale, 0);
  b.addFieldOffset(3, zeroPoint, 0);
  b.addFieldInt32(6, q.axis, 0);
  return b.endObject();
}

/** Options table writer from `[slot, kind, value, default]` fields. */
export function options(
  type: number,
  fields: readonly [number, 'i8' | 'i32' | 'f32', number, number][],
): Options {
  return {
    type,
    write(b) {
      b.startObject(fields.reduce((n, [slot]) => Math.max(n, slot + 1), 0));
      for (const [slot, kind, value, fallback] of fields) {
        if (kind === 'i8') b.addFieldInt8(slot, value, fallback);
        else if (kind === 'i32') b.addFieldInt32(slot, value, fallback);
        else b.addFieldFloat32(slot, value, fallback);
      }
      return b.endObject();
    },
  };
}
