/**
 * The three emitters write the same network: each architecture, emitted at a small input
 * (64×64 images, 64 tokens; an arch's `testSize` where 64 is too small for its unpadded
 * reductions) with one set of seeded weights, gives the same logits on
 * onnxruntime-web (wasm), TensorFlow.js (cpu; and wasm, outside the adapter) and LiteRT.js
 * (wasm) within 1e-5 (real emitter bugs showed up as 0.16–4.9). Emitting twice gives
 * byte-identical files.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARCHS } from '../../tools/zoo/archs/index.ts';
import { GraphBuilder } from '../../tools/zoo/builder.ts';
import { emitAll } from '../../tools/zoo/emit.ts';
import type { Graph } from '../../tools/zoo/ir.ts';
import { maxAbsDiff, runZoo, seededImage, type Target } from '../../tools/zoo/run-node.ts';
import { elementCount } from '../../tools/zoo/shapes.ts';
import { runTfjsWasm } from '../../tools/zoo/tfjs-wasm-node.ts';

const TOLERANCE = 1e-5;
const SIZE = 64;
const TARGETS: readonly Target[] = [
  { runtime: 'ort', backend: 'wasm' },
  { runtime: 'tfjs', backend: 'cpu' },
  { runtime: 'litert', backend: 'wasm' },
];

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function spread(values: Float32Array): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

/**
 * The smallest spread of one channel's H×W map in an NCHW output: a per-pixel output (a
 * segmenter's class maps, a detector's grid) must vary across positions, not only between
 * channels, whose different biases alone give the whole output a spread.
 */
function smallestMapSpread(values: Float32Array, shape: readonly number[]): number {
  const [n = 1, c = 1, h = 1, w = 1] = shape;
  const size = h * w;
  let smallest = Number.POSITIVE_INFINITY;
  for (let map = 0; map < n * c; map++)
    smallest = Math.min(smallest, spread(values.subarray(map * size, (map + 1) * size)));
  return smallest;
}

/** Half-pixel upsampling of an NCHW tensor by an integer factor, by definition (see ResizeNode). */
function resizeReference(
  x: Float32Array,
  [n, c, h, w]: readonly [number, number, number, number],
  s: number,
  mode: 'nearest' | 'bilinear',
): Float32Array {
  const out = new Float32Array(n * c * h * s * w * s);
  const at = (plane: number, y: number, xx: number) => x[plane * h * w + y * w + xx] ?? Number.NaN;
  /** Source index pair and weight of the second along one axis (clamped at the edges). */
  const source = (o: number, size: number): [number, number, number] => {
    if (mode === 'nearest') return [Math.floor(o / s), 0, 0];
    const f = Math.min(Math.max((o + 0.5) / s - 0.5, 0), size - 1);
    const i = Math.floor(f);
    return [i, Math.min(i + 1, size - 1), f - i];
  };
  let k = 0;
  for (let plane = 0; plane < n * c; plane++)
    for (let oy = 0; oy < h * s; oy++) {
      const [y0, y1, ly] = source(oy, h);
      for (let ox = 0; ox < w * s; ox++) {
        const [x0, x1, lx] = source(ox, w);
        const top = at(plane, y0, x0) * (1 - lx) + at(plane, y0, x1) * lx;
        const bottom = at(plane, y1, x0) * (1 - lx) + at(plane, y1, x1) * lx;
        out[k++] = mode === 'nearest' ? at(plane, y0, x0) : top * (1 - ly) + bottom * ly;
      }
    }
  return out;
}

/** Emits `graph`, runs it on every target and TF.js wasm, and expects varying outputs that agree with ORT's. */
async function expectAllRuntimesAgree(graph: Graph): Promise<void> {
  const files = emitAll(graph);
  const image = seededImage(graph);
  const outputs: Float32Array[] = [];
  for (const target of TARGETS) outputs.push(await runZoo(graph, files, target, image));
  const [ort, ...others] = outputs;
  if (!ort) throw new Error('no ORT output');
  expect(spread(ort)).toBeGreaterThan(0.05);
  for (const other of [...others, await runTfjsWasm(graph, files, image)]) {
    expect(maxAbsDiff(ort, other)).toBeLessThanOrEqual(TOLERANCE);
  }
}

describe('zoo emitters', () => {
  it.each(ARCHS.map((a) => [a.id, a] as const))(
    '%s gives the same logits on ORT, TF.js (cpu, wasm) and LiteRT.js',
    async (_, arch) => {
      const size = arch.testSize ?? SIZE;
      const graph = arch.build(size);
      const files = emitAll(graph);
      const image = seededImage(graph);
      const outputs: Float32Array[] = [];
      for (const target of TARGETS) outputs.push(await runZoo(graph, files, target, image));
      const [ort, tfjs, litert] = outputs as [Float32Array, Float32Array, Float32Array];
      const tfjsWasm = await runTfjsWasm(graph, files, image);
      const shape = graph.nodes.at(-1)?.shape ?? [];
      expect(ort.length).toBe(elementCount(shape));
      // Logits that vary, so agreement is not vacuous; image outputs in every channel's map.
      expect(spread(ort)).toBeGreaterThan(0.05);
      if (shape.length === 4) expect(smallestMapSpread(ort, shape)).toBeGreaterThan(0.05);
      const diffs = {
        'ort-tfjs': maxAbsDiff(ort, tfjs),
        'ort-litert': maxAbsDiff(ort, litert),
        'tfjs-litert': maxAbsDiff(tfjs, litert),
        'ort-tfjswasm': maxAbsDiff(ort, tfjsWasm),
      };
      console.log(`${arch.id} @${size}: max abs diff ${JSON.stringify(diffs)}`);
      for (const diff of Object.values(diffs)) expect(diff).toBeLessThanOrEqual(TOLERANCE);
    },
    120_000,
  );

  it('split grouped convs per group in the NHWC formats and still match ORT', async () => {
    const g = new GraphBuilder('grouped');
    let x = g.input('input', [1, 8, 16, 16]);
    x = g.conv(x, { name: 'g4', filters: 16, kernel: 3, stride: 2, groups: 4, activation: 'relu' });
    x = g.conv(x, { name: 'g2', filters: 8, kernel: 1, groups: 2, activation: 'leakyrelu' });
    const graph = g.build([g.dense('logits', g.globalAvgPool('pool', x), 10)]);
    await expectAllRuntimesAgree(graph);
  });

  it('pad non-square kernels, SAME average pools and the affine op alike in all formats', async () => {
    // Asymmetric SAME pads (stride 2 on even sides), a rectangular input, border-heavy pools.
    const g = new GraphBuilder('padding');
    let x = g.input('input', [1, 4, 10, 13]);
    x = g.conv(x, { name: 'k1x7', filters: 8, kernel: [1, 7], stride: [1, 2], activation: 'relu' });
    x = g.conv(x, { name: 'k5x1', filters: 8, kernel: [5, 1], stride: [2, 1], activation: 'relu' });
    x = g.pool('avgpool', 'avg_s2', x, 3, 2, 'same');
    x = g.affine('affine', x);
    x = g.pool('avgpool', 'avg_s1', x, [3, 2], 1, 'same');
    x = g.affine('affine_relu', x, 'relu');
    const graph = g.build([g.dense('logits', g.globalAvgPool('pool', x), 10)]);
    await expectAllRuntimesAgree(graph);
  });

  it.each([
    ['nearest', 2],
    ['nearest', 3],
    ['bilinear', 2],
    ['bilinear', 3],
  ] as const)('resize %s ×%i computes half-pixel upsampling on every runtime', async (mode, scale) => {
    const g = new GraphBuilder('resize');
    const x = g.input('input', [1, 3, 5, 7]);
    const graph = g.build([g.resize('up', x, scale, mode)]);
    const files = emitAll(graph);
    const image = seededImage(graph);
    const expected = resizeReference(image, [1, 3, 5, 7], scale, mode);
    const outputs: Float32Array[] = [];
    for (const target of TARGETS) outputs.push(await runZoo(graph, files, target, image));
    outputs.push(await runTfjsWasm(graph, files, image));
    for (const out of outputs) {
      expect(maxAbsDiff(out, expected)).toBeLessThanOrEqual(mode === 'nearest' ? 0 : 1e-6);
    }
  });

  it('write byte-identical files when run twice', () => {
    const graph = ARCHS[0]?.build(32);
    if (!graph) throw new Error('no architecture');
    const a = emitAll(graph);
    const b = emitAll(graph);
    for (const name of Object.keys(a) as (keyof typeof a)[]) expect(sha256(a[name])).toBe(sha256(b[name]));
    expect(sha256(emitAll(graph, 1)['model.onnx'])).not.toBe(sha256(a['model.onnx']));
  });
});
