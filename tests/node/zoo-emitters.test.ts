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
      expect(ort.length).toBe(elementCount(graph.nodes.at(-1)?.shape ?? []));
      // Logits that vary, so agreement is not vacuous.
      expect(spread(ort)).toBeGreaterThan(0.05);
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
