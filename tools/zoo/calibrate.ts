/**
 * Calibration of the zoo's int8 files: the value range of every activation tensor of the float32
 * network on a small seeded calibration set. The float ONNX model is emitted with every node's
 * output added as a graph output and run on onnxruntime-web wasm (1 thread) over
 * `CALIBRATION.count` inputs of the same kind as the catalog's input (seeded pixels for images,
 * uniform [−1, 1] otherwise) but with their own seeds, never the catalog's INPUT_SEED 2026, so
 * the checked input is not one the ranges were fitted to. Tensor names are the ONNX emitter's:
 * each IR node id (its output after any fused activation) plus the emitter's internal tensors.
 * The TFLite emitter decomposes a few ops the ONNX file has whole (layer norm, the unfused BN's
 * multiply, hard sigmoid); their internal ranges are computed here from the calibrated inputs
 * with the same formulas, under the TFLite tensor names.
 *
 * Method: min/max over all calibration inputs (what quantize_static's MinMax and the TFLite
 * converter's representative dataset do), each bound rounded outward onto a 1/32-octave grid so
 * that float noise between machines cannot change the files' bytes (quant.ts `roundOutward`).
 */
import type { ModelSource } from '../../src/measure/adapter.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { makeInput } from '../../src/suite/inputs.ts';
import type { InputSpec } from '../../src/suite/types.ts';
import { onnxModel, valueInfo } from './emit-onnx.ts';
import type { Graph } from './ir.ts';
import { encodeModel } from './onnx-proto.ts';
import { type Range, roundOutward } from './quant.ts';
import { dim, nodeIndex, shapeOf } from './shapes.ts';

/** How every zoo int8 file is calibrated (recorded in zoo.json). */
export const CALIBRATION = Object.freeze({
  method: 'minmax' as const,
  count: 8,
  /** Seeds of the calibration inputs: not the catalog's INPUT_SEED (2026). */
  seeds: Object.freeze([101, 102, 103, 104, 105, 106, 107, 108]),
});

export interface Calibration {
  method: 'minmax';
  seeds: readonly number[];
  /** Range of each tensor, by the emitters' tensor names. */
  ranges: ReadonlyMap<string, Range>;
}

/** The calibration input with `seed`: same kind as the catalog's (src/suite/models/zoo.ts). */
export function calibrationInput(graph: Graph, seed: number): InputSpec {
  const name = graph.inputs[0] ?? 'input';
  const shape = [...shapeOf(nodeIndex(graph), name)];
  return shape.length === 4
    ? { name, dtype: 'float32', shape, fill: { kind: 'pixels', layout: 'nchw', seed } }
    : { name, dtype: 'float32', shape, fill: { kind: 'uniform', min: -1, max: 1, seed } };
}

class RangeSet {
  readonly ranges = new Map<string, Range>();
  add(name: string, values: ArrayLike<number>): void {
    let { min, max } = this.ranges.get(name) ?? {
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
    };
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? 0;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.ranges.set(name, { min, max });
  }
}

/** The TFLite emitter's internal tensors of decomposed ops, computed from their inputs' values. */
function addDecomposed(
  graph: Graph,
  weights: ReadonlyMap<string, Float32Array>,
  value: (id: string) => Float32Array,
  set: RangeSet,
) {
  const index = nodeIndex(graph);
  for (const node of graph.nodes) {
    if (node.op === 'layernorm') {
      const x = value(node.input);
      const gamma = weights.get(node.gamma) ?? new Float32Array();
      const d = dim(node.shape, node.shape.length - 1);
      const rows = x.length / d;
      const perRow = {
        mean: new Float32Array(rows),
        variance: new Float32Array(rows),
        rstd: new Float32Array(rows),
      };
      const variancePlus = new Float32Array(rows);
      const centered = new Float32Array(x.length);
      const normed = new Float32Array(x.length);
      const scaled = new Float32Array(x.length);
      for (let r = 0; r < rows; r++) {
        const row = x.subarray(r * d, (r + 1) * d);
        const mean = row.reduce((s, v) => s + v, 0) / d;
        const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / d;
        const rstd = 1 / Math.sqrt(variance + node.epsilon);
        perRow.mean[r] = mean;
        perRow.variance[r] = variance;
        perRow.rstd[r] = rstd;
        variancePlus[r] = variance + node.epsilon;
        for (let i = 0; i < d; i++) {
          const c = (row[i] ?? 0) - mean;
          centered[r * d + i] = c;
          normed[r * d + i] = c * rstd;
          scaled[r * d + i] = c * rstd * (gamma[i] ?? 1);
        }
      }
      const p = (s: string) => `${node.id}/${s}`;
      for (const [name, v] of Object.entries(perRow)) set.add(p(name), v);
      set.add(p('variance_eps'), variancePlus);
      set.add(p('centered'), centered);
      set.add(
        p('squared'),
        centered.map((c) => c * c),
      );
      set.add(p('normed'), normed);
      set.add(p('scaled'), scaled);
    } else if (node.op === 'affine') {
      const x = value(node.input);
      const scale = weights.get(node.scale) ?? new Float32Array();
      const [, c = 1, h = 1, w = 1] = shapeOf(index, node.input);
      set.add(
        `${node.id}/mul`,
        x.map((v, i) => v * (scale[Math.floor(i / (h * w)) % c] ?? 1)),
      );
    } else if (node.op === 'unary' && node.fn === 'hardsigmoid') {
      const plus3 = value(node.input).map((v) => v + 3);
      set.add(`${node.id}/plus3`, plus3);
      set.add(
        `${node.id}/relu6`,
        plus3.map((v) => Math.min(6, Math.max(0, v))),
      );
    }
  }
}

/** Calibrates `graph` with `weights` (ONNX layout): the range of every tensor the int8 emitters quantize. */
export async function calibrate(
  graph: Graph,
  weights: ReadonlyMap<string, Float32Array>,
): Promise<Calibration> {
  const model = onnxModel(graph, weights, `${graph.name}; calibration`);
  const names = [...new Set(model.graph.node.flatMap((n) => n.output))];
  model.graph.output = names.map((name) => valueInfo(name, undefined));
  const bytes = encodeModel(model);
  const source: ModelSource = {
    id: `${graph.name}-calibration`,
    format: 'onnx',
    outputs: names,
    files: [{ path: 'model.onnx', bytes: bytes.buffer as ArrayBuffer }],
  };
  const adapter = await loadAdapter('ort');
  const session = await adapter.load({ model: source, backend: 'wasm', options: { threads: 1 } });
  const set = new RangeSet();
  try {
    for (const seed of CALIBRATION.seeds) {
      const input = makeInput(calibrationInput(graph, seed));
      const outputs = await session.run([input]);
      const values = new Map<string, Float32Array>([[input.name, input.data as Float32Array]]);
      for (const out of outputs) values.set(out.name, out.data as Float32Array);
      set.add(input.name, input.data as Float32Array);
      for (const name of names) set.add(name, values.get(name) ?? new Float32Array());
      addDecomposed(
        graph,
        weights,
        (id) => {
          const v = values.get(id);
          if (!v) throw new Error(`calibration: no values of "${id}"`);
          return v;
        },
        set,
      );
    }
  } finally {
    await session.dispose();
  }
  const ranges = new Map<string, Range>();
  for (const [name, r] of set.ranges)
    ranges.set(name, { min: roundOutward(r.min), max: roundOutward(r.max) });
  return { method: CALIBRATION.method, seeds: CALIBRATION.seeds, ranges };
}
