/**
 * The zoo IR: TF `SAME` padding arithmetic, shape inference as nodes are added, the checks that
 * refuse malformed graphs, explicit weight sharing, and the weight generator and transposes the
 * emitters rely on.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../tools/zoo/builder.ts';
import { onnxPads, outputLength, samePads } from '../../tools/zoo/shapes.ts';
import { fnv1a, generateWeight, generateWeights, transpose, weightBound } from '../../tools/zoo/weights.ts';

/** SAME by definition: the smallest total padding making every output window fit, extra after. */
function sameByDefinition(input: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(input / stride);
  const span = (kernel - 1) * dilation + 1;
  let total = 0;
  while ((out - 1) * stride + span > input + total) total++;
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

describe('SAME padding', () => {
  it('puts the odd pixel after: stride 2 on an even input pads 0 before, 1 after', () => {
    expect(samePads(224, 3, 2, 1)).toEqual([0, 1]);
    expect(samePads(112, 3, 1, 1)).toEqual([1, 1]);
    expect(samePads(224, 7, 2, 1)).toEqual([2, 3]);
    expect(samePads(225, 3, 2, 1)).toEqual([1, 1]);
    expect(samePads(8, 3, 1, 2)).toEqual([2, 2]);
    expect(samePads(4, 1, 2, 1)).toEqual([0, 0]);
  });

  it('matches its definition for every small case', () => {
    for (let input = 1; input <= 20; input++)
      for (const kernel of [1, 2, 3, 5, 7])
        for (const stride of [1, 2, 3])
          for (const dilation of [1, 2])
            expect(
              samePads(input, kernel, stride, dilation),
              `${input} k${kernel} s${stride} d${dilation}`,
            ).toEqual(sameByDefinition(input, kernel, stride, dilation));
  });

  it('gives ceil(in / stride) outputs, and valid padding floor((in − span) / stride) + 1', () => {
    expect(outputLength(224, 3, 2, 1, 'same')).toBe(112);
    expect(outputLength(7, 3, 2, 1, 'same')).toBe(4);
    expect(outputLength(224, 3, 2, 1, 'valid')).toBe(111);
    expect(outputLength(111, 3, 2, 1, 'valid')).toBe(55);
    expect(() => outputLength(2, 3, 1, 1, 'valid')).toThrow(/larger than the input/);
  });
});

describe('GraphBuilder shape inference', () => {
  it('infers conv, depthwise, pool, concat, global pool and dense shapes', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 3, 32, 30]);
    const a = g.conv(x, { name: 'a', filters: 8, kernel: 3, stride: 2 });
    expect(a.shape).toEqual([1, 8, 16, 15]);
    const d = g.conv(a, { name: 'd', filters: 8, kernel: 3, groups: 8, activation: 'relu6' });
    expect(d.shape).toEqual([1, 8, 16, 15]);
    const p = g.pool('maxpool', 'p', d, 3, 2);
    expect(p.shape).toEqual([1, 8, 7, 7]);
    const c = g.concat('c', [p, g.conv(p, { name: 'e', filters: 4, kernel: 1 })]);
    expect(c.shape).toEqual([1, 12, 7, 7]);
    const v = g.globalAvgPool('v', c);
    expect(v.shape).toEqual([1, 12]);
    const y = g.dense('y', v, 5);
    expect(y.shape).toEqual([1, 5]);
    const graph = g.build([y]);
    expect(graph.weights.get('d/weight')?.shape).toEqual([8, 1, 3, 3]);
    expect(graph.weights.get('y/weight')?.shape).toEqual([5, 12]);
    expect(graph.inputs).toEqual(['input']);
    expect(graph.outputs).toEqual(['y']);
  });

  it('computes ONNX pads for a stride-2 SAME conv as [top, left, bottom, right]', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 3, 224, 225]);
    g.conv(x, { name: 'a', filters: 8, kernel: 3, stride: 2 });
    const node = g.build([]).nodes[1];
    if (node?.op !== 'conv2d') throw new Error('expected a conv');
    expect(onnxPads(node, x.shape)).toEqual([0, 1, 1, 1]);
  });

  it('refuses mismatched adds, bad groups and duplicate names', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 4, 8, 8]);
    const a = g.conv(x, { name: 'a', filters: 4, kernel: 1, stride: 2 });
    expect(() => g.addTensors('bad', x, a)).toThrow(/differ/);
    expect(() => g.conv(x, { name: 'b', filters: 6, kernel: 1, groups: 4 })).toThrow(/divisible/);
    expect(() => g.conv(x, { name: 'a', filters: 4, kernel: 1 })).toThrow(/duplicate/);
  });

  it('infers SAME average pooling, non-square kernels and the per-channel affine', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 4, 9, 9]);
    expect(g.pool('avgpool', 'p', x, 3, 1, 'same').shape).toEqual([1, 4, 9, 9]);
    const k = g.conv(x, { name: 'k', filters: 6, kernel: [1, 7] });
    expect(k.shape).toEqual([1, 6, 9, 9]);
    const a = g.affine('a', k, 'relu');
    expect(a.shape).toEqual([1, 6, 9, 9]);
    expect(() => g.affine('b', g.globalAvgPool('v', a))).toThrow(/image tensor/);
    const graph = g.build([a]);
    expect(graph.weights.get('k/weight')?.shape).toEqual([6, 4, 1, 7]);
    expect(graph.weights.get('a/scale')?.shape).toEqual([6]);
    expect(graph.weights.get('a/shift')?.shape).toEqual([6]);
    const node = graph.nodes.find((n) => n.id === 'k');
    if (node?.op !== 'conv2d') throw new Error('expected a conv');
    expect(onnxPads(node, x.shape)).toEqual([0, 3, 0, 3]);
  });

  it('declares a shared weight once and refuses sharing with another shape', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 4, 8, 8]);
    const a = g.conv(x, { name: 'a', filters: 4, kernel: 3 });
    g.conv(a, { name: 'b', filters: 4, kernel: 3, shareWith: 'a' });
    const graph = g.build([]);
    expect([...graph.weights.keys()]).toEqual(['a/weight', 'a/bias']);
    expect(graph.nodes.filter((n) => n.op === 'conv2d').map((n) => n.op === 'conv2d' && n.weight)).toEqual([
      'a/weight',
      'a/weight',
    ]);
    expect(() => g.conv(x, { name: 'c', filters: 8, kernel: 3, shareWith: 'a' })).toThrow(
      /reused with shape/,
    );
  });
});

describe('GraphBuilder sequence and channel ops', () => {
  it('infers attention shapes: split heads, transpose, batched matmul, merge', () => {
    const g = new GraphBuilder('t');
    const x = g.input('x', [6, 8]);
    const q = g.transpose('qh', g.reshape('qs', x, [6, 2, 4]), [1, 0, 2]);
    const k = g.transpose('kh', g.reshape('ks', x, [6, 2, 4]), [1, 2, 0]);
    expect(q.shape).toEqual([2, 6, 4]);
    expect(k.shape).toEqual([2, 4, 6]);
    const scores = g.softmax('p', g.matmul('s', q, k));
    expect(scores.shape).toEqual([2, 6, 6]);
    expect(g.layerNorm('ln', x).shape).toEqual([6, 8]);
    expect(() => g.matmul('bad', q, q)).toThrow(/inner dims/);
    expect(() => g.reshape('bad2', x, [5, 8])).toThrow(/cannot become/);
    expect(() => g.transpose('bad3', q, [0, 0, 1])).toThrow(/perm/);
  });

  it('upsamples H and W by an integer factor only', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 6, 4, 5]);
    expect(g.resize('a', x, 2, 'bilinear').shape).toEqual([1, 6, 8, 10]);
    expect(g.resize('b', x, 3, 'nearest').shape).toEqual([1, 6, 12, 15]);
    expect(() => g.resize('c', x, 1.5, 'nearest')).toThrow(/positive integer/);
    expect(() => g.resize('d', g.input('seq', [4, 8]), 2, 'nearest')).toThrow(/image tensor/);
  });

  it('slices and shuffles channels within bounds only', () => {
    const g = new GraphBuilder('t');
    const x = g.input('input', [1, 6, 4, 4]);
    expect(g.channelSlice('a', x, 2, 4).shape).toEqual([1, 4, 4, 4]);
    expect(() => g.channelSlice('b', x, 4, 4)).toThrow(/outside 6 channels/);
    expect(g.channelShuffle('c', x, 3).shape).toEqual([1, 6, 4, 4]);
    expect(() => g.channelShuffle('d', x, 4)).toThrow(/bad groups/);
    const gates = g.input('gates', [1, 6]);
    expect(g.channelScale('e', x, gates).shape).toEqual([1, 6, 4, 4]);
    expect(() => g.channelScale('f', x, g.input('wrong', [1, 5]))).toThrow(/do not match/);
  });
});

describe('GraphBuilder recurrent ops', () => {
  it('slices rows and gate blocks, multiplies same-shape tensors, refuses the rest', () => {
    const g = new GraphBuilder('t');
    const x = g.input('x', [5, 8]);
    const row = g.slice('row', x, [4, 0], [1, 8]);
    expect(row.shape).toEqual([1, 8]);
    expect(g.slice('gate', row, [0, 6], [1, 2]).shape).toEqual([1, 2]);
    expect(() => g.slice('past', x, [5, 0], [1, 8])).toThrow(/outside/);
    expect(() => g.slice('wide', x, [0, 1], [1, 8])).toThrow(/outside/);
    expect(() => g.slice('rank', x, [0], [1])).toThrow(/outside/);
    expect(g.mul('m', row, g.unary('tanh', row, 'tanh')).shape).toEqual([1, 8]);
    expect(() => g.mul('bad', row, x)).toThrow(/differ/);
  });

  it('shares a dense weight across steps and declares a bias-free dense without a bias', () => {
    const g = new GraphBuilder('t');
    const h0 = g.input('h', [1, 4]);
    const h1 = g.dense('step1', h0, 4, 'none', { shareWith: 'rec', bias: false });
    g.dense('step2', h1, 4, 'none', { shareWith: 'rec', bias: false });
    const graph = g.build([]);
    expect([...graph.weights.keys()]).toEqual(['rec/weight']);
    const dense = graph.nodes.filter((n) => n.op === 'dense');
    expect(dense.map((n) => n.op === 'dense' && [n.weight, n.bias])).toEqual([
      ['rec/weight', null],
      ['rec/weight', null],
    ]);
    expect(() => g.dense('wider', h0, 8, 'none', { shareWith: 'rec', bias: false })).toThrow(
      /reused with shape/,
    );
  });
});

describe('zoo weights', () => {
  it('depend on name, shape and seed only, and stay within their He/LeCun/bias bounds', () => {
    const decl = { name: 'x/weight', shape: [16, 8, 3, 3], init: 'he', fanIn: 72 } as const;
    const a = generateWeight(decl, 1);
    expect(generateWeight({ ...decl }, 1)).toEqual(a);
    expect(generateWeight(decl, 2)).not.toEqual(a);
    expect(generateWeight({ ...decl, name: 'y/weight' }, 1)).not.toEqual(a);
    const bound = weightBound(decl);
    expect(bound).toBeCloseTo(Math.sqrt(6 / 72), 12);
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    expect(weightBound({ ...decl, init: 'lecun' })).toBeCloseTo(Math.sqrt(3 / 72), 12);
  });

  it('do not depend on the order the graph declares them in', () => {
    const build = (order: string[]) => {
      const g = new GraphBuilder('t');
      const x = g.input('input', [1, 2, 4, 4]);
      for (const name of order) g.conv(x, { name, filters: 2, kernel: 1 });
      return generateWeights(g.build([]), 5);
    };
    const ab = build(['a', 'b']);
    const ba = build(['b', 'a']);
    expect(ab.get('b/weight')).toEqual(ba.get('b/weight'));
  });

  it('hash names with FNV-1a 32', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });

  it('transpose OIHW to HWIO element by element', () => {
    const shape = [2, 3, 2, 2];
    const data = Float32Array.from({ length: 24 }, (_, i) => i);
    const out = transpose(data, shape, [2, 3, 1, 0]);
    for (let o = 0; o < 2; o++)
      for (let i = 0; i < 3; i++)
        for (let h = 0; h < 2; h++)
          for (let w = 0; w < 2; w++)
            expect(out[((h * 2 + w) * 3 + i) * 2 + o]).toBe(data[((o * 3 + i) * 2 + h) * 2 + w]);
  });

  it('transpose matches the index arithmetic for every permutation of ranks 1 to 4', () => {
    const permutations = (n: number): number[][] =>
      n === 0
        ? [[]]
        : permutations(n - 1).flatMap((p) =>
            p.map((_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]).concat([[...p, n - 1]]),
          );
    const shapes = [[5], [3, 4], [2, 3, 4], [2, 3, 1, 4], [3, 1, 2, 5]];
    for (const shape of shapes) {
      const data = Float32Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => i + 0.5);
      const strides = shape.map((_, i) => shape.slice(i + 1).reduce((n, d) => n * d, 1));
      for (const perm of permutations(shape.length)) {
        const out = transpose(data, shape, perm);
        const outShape = perm.map((p) => shape[p] ?? 0);
        // Each output position, decoded into its index, reads the input at that index permuted back.
        for (let o = 0; o < out.length; o++) {
          let rest = o;
          let src = 0;
          for (let i = outShape.length - 1; i >= 0; i--) {
            const d = outShape[i] ?? 1;
            src += (rest % d) * (strides[perm[i] ?? 0] ?? 0);
            rest = Math.floor(rest / d);
          }
          expect(out[o], `${shape} ${perm} @${o}`).toBe(data[src]);
        }
      }
    }
  });
});
