/**
 * ONNX float16: rewrites the zoo's float32 ModelProto the way onnxconverter-common's
 * `convert_float_to_float16(model, keep_io_types=True)` does — every float initializer becomes
 * float16 (values past ±65504 clipped), so every activation between them is float16 too, while
 * the model's inputs and outputs stay float32 behind a `Cast` at each end (`graph_input_cast_i`,
 * `graph_output_cast_i`). Inputs that must stay float32 (Resize's `scales`) are left alone, as
 * the converter's ALWAYS_FLOAT_INPUTS leaves them. What a runtime then computes in is its own
 * business: ONNX Runtime's CPU provider wraps nodes without float16 kernels in Casts to float32
 * (docs/QUIRKS.md).
 */

import type { OnnxInitializer, OnnxModel, OnnxNode } from './emit-onnx.ts';
import { bytesOf, toFloat16 } from './float16.ts';
import { ATTR, DTYPE } from './onnx-proto.ts';

/** Node inputs (by op type and position) that stay float32, as onnxconverter-common keeps them. */
const ALWAYS_FLOAT_INPUTS: Readonly<Record<string, readonly number[]>> = { Resize: [2] };

const cast = (name: string, input: string, output: string, to: number): OnnxNode => ({
  input: [input],
  output: [output],
  name,
  op_type: 'Cast',
  attribute: [{ name: 'to', type: ATTR.INT, i: to }],
});

function halfInitializer(init: OnnxInitializer): OnnxInitializer {
  const { raw_data: raw } = init;
  const floats = new Float32Array(raw.slice().buffer, 0, raw.byteLength / 4);
  return { ...init, data_type: DTYPE.FLOAT16, raw_data: bytesOf(toFloat16(floats)).slice() };
}

/** The float16 form of a float32 model (a new object; `model` is not changed). */
export function toFloat16Model(model: OnnxModel): OnnxModel {
  const { graph } = model;
  const keepFloat = new Set<string>();
  for (const node of graph.node) {
    for (const i of ALWAYS_FLOAT_INPUTS[node.op_type] ?? []) {
      const name = node.input[i];
      if (name) keepFloat.add(name);
    }
  }
  const rename = new Map<string, string>();
  const inputCasts = graph.input.map((io, i) => {
    rename.set(io.name, `graph_input_cast_${i}`);
    return cast(`graph_input_cast${i}`, io.name, `graph_input_cast_${i}`, DTYPE.FLOAT16);
  });
  const outputCasts = graph.output.map((io, i) => {
    rename.set(io.name, `graph_output_cast_${i}`);
    return cast(`graph_output_cast${i}`, `graph_output_cast_${i}`, io.name, DTYPE.FLOAT);
  });
  const renamed = (name: string) => rename.get(name) ?? name;
  const nodes = graph.node.map((node) => ({
    ...node,
    input: node.input.map(renamed),
    output: node.output.map(renamed),
  }));
  const initializer = graph.initializer.map((init) =>
    init.data_type === DTYPE.FLOAT && !keepFloat.has(init.name) ? halfInitializer(init) : init,
  );
  return {
    ...model,
    graph: { ...graph, node: [...inputCasts, ...nodes, ...outputCasts], initializer },
  };
}
