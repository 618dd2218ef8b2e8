/**
 * The unrolled LSTM keyword spotter computes a standard LSTM (checked against a plain float64
 * loop over the same seeded weights, gates i, f, g, o, zero initial state), and its weights are
 * written once however many time steps use them: each file is about params × 4 bytes, not T× that.
 */
import { describe, expect, it } from 'vitest';
import { archById } from '../../tools/zoo/archs/index.ts';
import { BASIC_LSTM_S } from '../../tools/zoo/archs/lstm-kws.ts';
import { emitAll, ZOO_SEED } from '../../tools/zoo/emit.ts';
import { cost } from '../../tools/zoo/flops.ts';
import { maxAbsDiff, runZoo, seededImage } from '../../tools/zoo/run-node.ts';
import { generateWeights } from '../../tools/zoo/weights.ts';

const arch = archById('lstm-kws');
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** y = W·x (+ b) with W `[out, in]` row-major. */
function affine(w: Float32Array, x: ArrayLike<number>, out: number, b?: Float32Array): number[] {
  const n = x.length;
  return Array.from({ length: out }, (_, o) => {
    let sum = b?.[o] ?? 0;
    for (let k = 0; k < n; k++) sum += (w[o * n + k] ?? 0) * (x[k] ?? 0);
    return sum;
  });
}

/** A textbook LSTM over `frames` rows of `x`, then the dense head: the logits. */
function referenceLogits(weights: ReadonlyMap<string, Float32Array>, x: Float32Array, frames: number) {
  const { features: F, hidden: H, classes } = BASIC_LSTM_S;
  const get = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`no weight ${name}`);
    return w;
  };
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  for (let t = 0; t < frames; t++) {
    const xt = x.subarray(t * F, (t + 1) * F);
    const fromX = affine(get('lstm/input/weight'), xt, 4 * H, get('lstm/input/bias'));
    const fromH = affine(get('lstm/rec/weight'), h, 4 * H);
    const pre = fromX.map((v, j) => v + (fromH[j] ?? 0));
    const gate = (k: number, j: number) => pre[k * H + j] ?? 0;
    c = c.map((cj, j) => sigmoid(gate(1, j)) * cj + sigmoid(gate(0, j)) * Math.tanh(gate(2, j)));
    h = c.map((cj, j) => sigmoid(gate(3, j)) * Math.tanh(cj));
  }
  return Float64Array.from(affine(get('logits/weight'), h, classes, get('logits/bias')));
}

describe('lstm-kws', () => {
  it('computes a standard LSTM (i, f, g, o; zero state) on ORT, as a plain loop does', async () => {
    const frames = 16;
    const graph = arch.build(frames);
    const x = seededImage(graph);
    const ort = await runZoo(graph, emitAll(graph), { runtime: 'ort', backend: 'wasm' }, x);
    const expected = referenceLogits(generateWeights(graph, ZOO_SEED), x, frames);
    expect(maxAbsDiff(ort, Float32Array.from(expected))).toBeLessThan(1e-5);
    expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.2);
  });

  it('writes each weight once: every file is about params × 4 bytes at 49 and 98 frames', () => {
    for (const frames of [arch.size, 2 * arch.size]) {
      const graph = arch.build(frames);
      const bytes = cost(graph).params * 4;
      const files = emitAll(graph);
      // weights.bin: the float weights plus the int32 slice bounds (a few per step).
      expect(files['weights.bin'].byteLength).toBeGreaterThanOrEqual(bytes);
      expect(files['weights.bin'].byteLength).toBeLessThan(bytes * 1.02);
      // The graph files add the unrolled ops (~16 per step) to one copy of the weights.
      for (const name of ['model.onnx', 'model.tflite'] as const) {
        expect(files[name].byteLength, `${name} @${frames}`).toBeGreaterThan(bytes);
        expect(files[name].byteLength, `${name} @${frames}`).toBeLessThan(bytes * (frames > 49 ? 2 : 1.5));
      }
    }
  });
});
