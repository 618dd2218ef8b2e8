/**
 * What number format a model file stores its weights in, read from the file itself, so the
 * catalog's `precision` of a package model can be checked rather than taken from a description:
 * a `.tflite` (schema.fbs: constant tensors by type, and which types feed DEQUANTIZE ops), the
 * `.tflite` members of a MediaPipe `.task` bundle (a zip with stored members), and a TF.js
 * `model.json` (the weights manifest's `quantization`).
 */
import { ByteBuffer } from 'flatbuffers';

/** schema.fbs TensorType values we name; others are reported by number. */
const TENSOR_TYPES: Readonly<Record<number, string>> = {
  0: 'float32',
  1: 'float16',
  2: 'int32',
  3: 'uint8',
  4: 'int64',
  9: 'int8',
};
const DEQUANTIZE = 6;

/** A `.tflite`'s constant tensors: how many of each type, and the types DEQUANTIZE ops read. */
export interface TfliteFormats {
  constants: Record<string, number>;
  dequantized: Record<string, number>;
}

const slot = (bb: ByteBuffer, table: number, id: number): number => bb.__offset(table, 4 + 2 * id);
const tables = (bb: ByteBuffer, table: number, id: number): number[] => {
  const o = slot(bb, table, id);
  if (!o) return [];
  const start = bb.__vector(table + o);
  return Array.from({ length: bb.__vector_len(table + o) }, (_, i) => bb.__indirect(start + 4 * i));
};
const ints = (bb: ByteBuffer, table: number, id: number): number[] => {
  const o = slot(bb, table, id);
  if (!o) return [];
  const start = bb.__vector(table + o);
  return Array.from({ length: bb.__vector_len(table + o) }, (_, i) => bb.readInt32(start + 4 * i));
};
const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Reads a `.tflite` (Model: operator_codes 1, subgraphs 2, buffers 4; Tensor: type 1, buffer 2). */
export function tfliteFormats(bytes: Uint8Array): TfliteFormats {
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier('TFL3')) throw new Error('not a TFLite model (no "TFL3" identifier)');
  const root = bb.readUint32(0);
  const codes = tables(bb, root, 1).map((c) => {
    const deprecated = slot(bb, c, 0) ? bb.readInt8(c + slot(bb, c, 0)) : 0;
    const builtin = slot(bb, c, 3) ? bb.readInt32(c + slot(bb, c, 3)) : 0;
    return Math.max(deprecated, builtin);
  });
  const bufferBytes = tables(bb, root, 4).map((b) =>
    slot(bb, b, 0) ? bb.__vector_len(b + slot(bb, b, 0)) : 0,
  );
  const out: TfliteFormats = { constants: {}, dequantized: {} };
  for (const subgraph of tables(bb, root, 2)) {
    const types = tables(bb, subgraph, 0).map((t) => {
      const type = slot(bb, t, 1) ? bb.readInt8(t + slot(bb, t, 1)) : 0;
      const buffer = slot(bb, t, 2) ? bb.readUint32(t + slot(bb, t, 2)) : 0;
      const name = TENSOR_TYPES[type] ?? `type ${type}`;
      if ((bufferBytes[buffer] ?? 0) > 0) count(out.constants, name);
      return name;
    });
    for (const op of tables(bb, subgraph, 3)) {
      const code = codes[slot(bb, op, 0) ? bb.readUint32(op + slot(bb, op, 0)) : 0];
      const input = ints(bb, op, 1)[0];
      if (code === DEQUANTIZE && input !== undefined) count(out.dequantized, types[input] ?? '?');
    }
  }
  return out;
}

const LOCAL_HEADER = 0x04034b50;
/** Bytes of padding tolerated before a member's header (the npm `.task` starts with two zeros). */
const SLACK = 64;

/**
 * The members of a zip whose entries are stored uncompressed (a MediaPipe `.task` bundle), read
 * through the local headers in order.
 */
export function storedZipMembers(bytes: Uint8Array): { name: string; bytes: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const members: { name: string; bytes: Uint8Array }[] = [];
  const nextHeader = (from: number): number => {
    for (let i = from; i < Math.min(from + SLACK, bytes.length - 30); i++)
      if (view.getUint32(i, true) === LOCAL_HEADER) return i;
    return -1;
  };
  for (let at = nextHeader(0); at >= 0; ) {
    const method = view.getUint16(at + 8, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    if (method !== 0) throw new Error(`${name}: compressed (method ${method}); only stored members are read`);
    const start = at + 30 + nameLength + extraLength;
    members.push({ name, bytes: bytes.subarray(start, start + size) });
    at = nextHeader(start + size);
  }
  return members;
}

/** A TF.js model.json's weights by dtype and quantization, e.g. `{ "float32/float16": 192, "int32": 13 }`. */
export function tfjsWeightFormats(modelJson: {
  weightsManifest: { weights: { dtype: string; quantization?: { dtype: string } }[] }[];
}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of modelJson.weightsManifest.flatMap((g) => g.weights))
    count(out, w.quantization ? `${w.dtype}/${w.quantization.dtype}` : w.dtype);
  return out;
}
