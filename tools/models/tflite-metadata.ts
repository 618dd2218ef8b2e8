/**
 * Our own TFLite metadata writer: attaches a `TFLITE_METADATA` flatbuffer (schema
 * `metadata_schema.fbs` of tensorflow/tflite-support, file identifier `M001`) to a `.tflite`
 * model, so MediaPipe Tasks accept float models that were published without it (they refuse a
 * float32 image input without NormalizationOptions). Deterministic: same bytes and params, same
 * output.
 *
 * Flatbuffer offsets only point forward, so a buffer appended at the end could not be reached from
 * the old root. Instead a new root, a new `Model` table, new `buffers`/`metadata` vectors and the
 * new buffer are written *in front of* the original bytes, which follow untouched at an offset
 * that is a multiple of 16 (every alignment inside them is kept). The new `Model` reuses the old
 * tables (operator codes, subgraphs, old buffers …) through forward offsets; the old root is left
 * as dead bytes. The metadata itself is built with the `flatbuffers` runtime's Builder; the small
 * wrapper that must point into the old bytes is laid out by hand.
 */
import { Builder, ByteBuffer } from 'flatbuffers';
import type { TfliteMetadataParams } from '../../src/suite/types.ts';

/** The input cannot get metadata (not a TFLite model, unsupported layout, or metadata already there). */
export class TfliteMetadataError extends Error {
  override name = 'TfliteMetadataError';
}

export const METADATA_NAME = 'TFLITE_METADATA';
const TFLITE_ID = 'TFL3';
const METADATA_ID = 'M001';

// Field slots (ids) of tflite schema.fbs `Model`, `Buffer`, `Metadata`.
const MODEL_FIELDS = 8; // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const MODEL_VERSION = 0;
const MODEL_BUFFERS = 4;
const MODEL_METADATA = 6;
const BUFFER_DATA = 0;
const BUFFER_OFFSET = 1;
const BUFFER_SIZE = 2;
const METADATA_NAME_SLOT = 0;
const METADATA_BUFFER_SLOT = 1;

/** Offset of field `slot` inside the table at `table`, or 0 when absent (flatbuffers' `__offset`). */
const field = (bb: ByteBuffer, table: number, slot: number): number => bb.__offset(table, 4 + 2 * slot);

/** The old model's root table, after checking it is a TFLite flatbuffer. */
function modelRoot(bytes: Uint8Array): { bb: ByteBuffer; root: number } {
  if (bytes.length < 16) throw new TfliteMetadataError(`not a TFLite model (${bytes.length} bytes)`);
  const bb = new ByteBuffer(bytes);
  if (bb.__has_identifier(TFLITE_ID) === false) {
    throw new TfliteMetadataError('not a TFLite model (no "TFL3" file identifier)');
  }
  const root = bb.readUint32(0);
  if (root < 8 || root + 4 > bytes.length)
    throw new TfliteMetadataError('not a TFLite model (bad root offset)');
  return { bb, root };
}

/** Absolute positions of the tables in the vector held by `slot` of `table` (empty when absent). */
function tableVector(bb: ByteBuffer, table: number, slot: number): number[] {
  const o = field(bb, table, slot);
  if (!o) return [];
  const start = bb.__vector(table + o);
  const length = bb.__vector_len(table + o);
  return Array.from({ length }, (_, i) => bb.__indirect(start + 4 * i));
}

/** Name of every `Metadata` entry of the model. */
export function metadataNames(bytes: Uint8Array): string[] {
  const { bb, root } = modelRoot(bytes);
  return tableVector(bb, root, MODEL_METADATA).map((m) => {
    const o = field(bb, m, METADATA_NAME_SLOT);
    return o ? (bb.__string(m + o) as string) : '';
  });
}

/** Builds the `M001` metadata flatbuffer for `params`. */
export function buildMetadataBuffer(params: TfliteMetadataParams): Uint8Array {
  const b = new Builder(1024);
  const floats = (values: readonly number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i] as number);
    return b.endVector();
  };
  const tables = (offsets: readonly number[]) => {
    b.startVector(4, offsets.length, 4);
    for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i] as number);
    return b.endVector();
  };

  // Input: an RGB image normalised as (pixel − mean) / std.
  const inputName = b.createString(params.input.name);
  const mean = floats(params.input.mean);
  const std = floats(params.input.std);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2); // ProcessUnit
  b.addFieldInt8(0, 1, 0); // options_type = NormalizationOptions
  b.addFieldOffset(1, normalization, 0);
  const processUnits = tables([b.endObject()]);
  b.startObject(2); // ImageProperties
  b.addFieldInt8(0, 1, 0); // color_space = RGB
  const imageProperties = b.endObject();
  b.startObject(3); // Content
  b.addFieldInt8(0, 2, 0); // content_properties_type = ImageProperties
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();
  b.startObject(5); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const input = b.endObject();

  // One plain TensorMetadata (name only) per output.
  const outputs = params.outputs.map((name) => {
    const s = b.createString(name);
    b.startObject(1);
    b.addFieldOffset(0, s, 0);
    return b.endObject();
  });
  const inputs = tables([input]);
  const outputVector = tables(outputs);
  b.startObject(4); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  b.addFieldOffset(3, outputVector, 0);
  const subgraph = b.endObject();
  const subgraphs = tables([subgraph]);
  const modelName = b.createString(params.name);
  // min_parser_version is omitted: MediaPipe's parser (1.5.0 here) rejects newer ones, older
  // values would only be a guess.
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, modelName, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.finish(b.endObject(), METADATA_ID);
  return b.asUint8Array().slice();
}

/** Little-endian writer over a growing byte array with absolute positions. */
class Layout {
  private readonly bytes: number[] = [];
  get size(): number {
    return this.bytes.length;
  }
  align(n: number): void {
    while (this.bytes.length % n) this.bytes.push(0);
  }
  u8(...values: number[]): number {
    const at = this.size;
    this.bytes.push(...values);
    return at;
  }
  u16(v: number): number {
    return this.u8(v & 0xff, (v >>> 8) & 0xff);
  }
  u32(v: number): number {
    return this.u8(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  /** Reserves a 32-bit slot to fill later with a forward offset. */
  slot(): number {
    return this.u32(0);
  }
  setU32(at: number, v: number): void {
    this.bytes[at] = v & 0xff;
    this.bytes[at + 1] = (v >>> 8) & 0xff;
    this.bytes[at + 2] = (v >>> 16) & 0xff;
    this.bytes[at + 3] = (v >>> 24) & 0xff;
  }
  /** Points the uoffset at `at` to absolute position `target` (must lie after it). */
  point(at: number, target: number): void {
    if (target <= at) throw new Error('flatbuffer offsets must point forward');
    this.setU32(at, target - at);
  }
  /** A table: vtable first, then the table (soffset + 4-byte fields); returns field positions. */
  table(fieldCount: number, present: readonly number[]): { at: number; fields: Map<number, number> } {
    this.align(4);
    const vtable = this.size;
    const vtableSize = 4 + 2 * fieldCount;
    const tableSize = 4 + 4 * present.length;
    this.u16(vtableSize);
    this.u16(tableSize);
    for (let slot = 0; slot < fieldCount; slot++) {
      const index = present.indexOf(slot);
      this.u16(index < 0 ? 0 : 4 + 4 * index);
    }
    this.align(4);
    const table = this.size;
    this.u32(table - vtable); // soffset: vtable = table − soffset
    const fields = new Map<number, number>();
    for (const slot of present) fields.set(slot, this.slot());
    return { at: table, fields };
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/**
 * Returns a copy of the `.tflite` in `model` carrying `params` as its `TFLITE_METADATA`. Throws
 * {@link TfliteMetadataError} for a non-TFLite input, a model already carrying metadata, or one
 * whose buffers use the >2 GB `offset`/`size` form.
 */
export function addTfliteMetadata(model: Uint8Array, params: TfliteMetadataParams): Uint8Array {
  const { bb, root } = modelRoot(model);
  if (metadataNames(model).includes(METADATA_NAME)) {
    throw new TfliteMetadataError(`the model already has a ${METADATA_NAME} entry`);
  }
  const oldBuffers = tableVector(bb, root, MODEL_BUFFERS);
  for (const buffer of oldBuffers) {
    if (field(bb, buffer, BUFFER_OFFSET) || field(bb, buffer, BUFFER_SIZE)) {
      throw new TfliteMetadataError(
        'the model stores buffers by offset/size (the >2 GB form); not supported',
      );
    }
  }
  const oldMetadata = tableVector(bb, root, MODEL_METADATA);
  const metadata = buildMetadataBuffer(params);

  const out = new Layout();
  const rootSlot = out.slot();
  out.u8(...new TextEncoder().encode(TFLITE_ID));
  // Fields of the old Model that are present: copied (scalars) or pointed to (offsets).
  const present: number[] = [];
  for (let slot = 0; slot < MODEL_FIELDS; slot++) {
    if (field(bb, root, slot) || slot === MODEL_BUFFERS || slot === MODEL_METADATA) present.push(slot);
  }
  const modelTable = out.table(MODEL_FIELDS, present);
  out.point(rootSlot, modelTable.at);

  // Vectors: old entries (reached in the old bytes later) plus the new one at the end.
  out.align(4);
  const buffersVector = out.u32(oldBuffers.length + 1);
  const bufferSlots = [...oldBuffers, -1].map(() => out.slot());
  const metadataVector = out.u32(oldMetadata.length + 1);
  const metadataSlots = [...oldMetadata, -1].map(() => out.slot());
  const newBuffer = out.table(1, [BUFFER_DATA]);
  const newMetadata = out.table(2, [METADATA_NAME_SLOT, METADATA_BUFFER_SLOT]);
  out.setU32(newMetadata.fields.get(METADATA_BUFFER_SLOT) as number, oldBuffers.length);
  const name = out.u32(METADATA_NAME.length);
  out.u8(...new TextEncoder().encode(METADATA_NAME), 0);
  // Buffer.data is `force_align: 16`: its bytes (after the length) start on a 16-byte boundary.
  while ((out.size + 4) % 16) out.u8(0);
  const data = out.u32(metadata.length);
  out.u8(...metadata);
  out.align(16);
  const shift = out.size;

  // Now every position in the old bytes is known: old position + shift.
  out.point(modelTable.fields.get(MODEL_BUFFERS) as number, buffersVector);
  out.point(modelTable.fields.get(MODEL_METADATA) as number, metadataVector);
  oldBuffers.forEach((pos, i) => out.point(bufferSlots[i] as number, pos + shift));
  out.point(bufferSlots[oldBuffers.length] as number, newBuffer.at);
  oldMetadata.forEach((pos, i) => out.point(metadataSlots[i] as number, pos + shift));
  out.point(metadataSlots[oldMetadata.length] as number, newMetadata.at);
  out.point(newBuffer.fields.get(BUFFER_DATA) as number, data);
  out.point(newMetadata.fields.get(METADATA_NAME_SLOT) as number, name);
  for (const slot of present) {
    if (slot === MODEL_BUFFERS || slot === MODEL_METADATA) continue;
    const at = modelTable.fields.get(slot) as number;
    const oldAt = root + field(bb, root, slot);
    if (slot === MODEL_VERSION) out.setU32(at, bb.readUint32(oldAt));
    else out.point(at, oldAt + bb.readUint32(oldAt) + shift);
  }

  const front = out.toBytes();
  const result = new Uint8Array(front.length + model.length);
  result.set(front, 0);
  result.set(model, front.length);
  return result;
}

/** What a reader finds in a model's `TFLITE_METADATA` (the fields this writer sets). */
export interface ReadMetadata {
  name: string;
  inputs: { name: string; colorSpace: number; mean: number[]; std: number[] }[];
  outputs: string[];
  bytes: Uint8Array;
}

/** Reads the `TFLITE_METADATA` buffer back with the flatbuffers reader (undefined when absent). */
export function readTfliteMetadata(model: Uint8Array): ReadMetadata | undefined {
  const { bb, root } = modelRoot(model);
  const entries = tableVector(bb, root, MODEL_METADATA);
  const entry = entries.find((m) => {
    const o = field(bb, m, METADATA_NAME_SLOT);
    return o !== 0 && bb.__string(m + o) === METADATA_NAME;
  });
  if (entry === undefined) return undefined;
  const index = bb.readUint32(entry + field(bb, entry, METADATA_BUFFER_SLOT));
  const buffer = tableVector(bb, root, MODEL_BUFFERS)[index];
  if (buffer === undefined) throw new TfliteMetadataError(`metadata points to missing buffer ${index}`);
  const o = field(bb, buffer, BUFFER_DATA);
  const start = bb.__vector(buffer + o);
  const bytes = model.subarray(start, start + bb.__vector_len(buffer + o));

  const m = new ByteBuffer(bytes);
  if (!m.__has_identifier(METADATA_ID)) throw new TfliteMetadataError('metadata buffer is not M001');
  const str = (table: number, slot: number) => {
    const f = field(m, table, slot);
    return f ? (m.__string(table + f) as string) : '';
  };
  const floats = (table: number, slot: number) => {
    const f = field(m, table, slot);
    if (!f) return [];
    const s = m.__vector(table + f);
    return Array.from({ length: m.__vector_len(table + f) }, (_, i) => m.readFloat32(s + 4 * i));
  };
  const modelMeta = m.readUint32(0);
  const subgraph = tableVector(m, modelMeta, 3)[0];
  if (subgraph === undefined) throw new TfliteMetadataError('metadata has no subgraph');
  const inputs = tableVector(m, subgraph, 2).map((t) => {
    const content = m.__indirect(t + field(m, t, 3));
    const props = m.__indirect(content + field(m, content, 1));
    const unit = tableVector(m, t, 4)[0] as number;
    const options = m.__indirect(unit + field(m, unit, 1));
    return {
      name: str(t, 0),
      colorSpace: m.readInt8(props + field(m, props, 0)),
      mean: floats(options, 0),
      std: floats(options, 1),
    };
  });
  const outputs = tableVector(m, subgraph, 3).map((t) => str(t, 0));
  return { name: str(modelMeta, 0), inputs, outputs, bytes };
}
