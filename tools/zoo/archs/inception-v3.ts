/**
 * Inception-V3 (Szegedy et al. 2016; torchvision / Keras layout, no auxiliary classifier):
 * stem 3×3/2 → 3×3 → 3×3 → max pool 3×3/2 → 1×1 → 3×3 → max pool 3×3/2 (299 → 35), three
 * Inception-A blocks (35×35), a grid reduction (→ 17×17), four Inception-C blocks with factorised
 * 1×7 / 7×1 convs, a reduction (→ 8×8), two Inception-E blocks with the split 1×3 / 3×1 branches,
 * global average pool, dense 1000. Every conv is conv + BN + ReLU with the BN folded into the
 * bias. Padding as in Keras' `inception_v3`: the stem and the stride-2 reductions are unpadded
 * (`valid`, as torchvision's padding 0), everything else TF `SAME` (stride 1 with odd kernels:
 * the same symmetric pads as torchvision's). The branch pools are 3×3/1 SAME average pools, which
 * divide by the in-image pixels (TF's rule; torchvision counts the zero padding). The VALID chain
 * needs at least 75 px of input. Published: 23.83 M params, 5.71 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import type { Graph, Padding, Tensor } from '../ir.ts';

type Kernel = number | readonly [number, number];

/** Conv + folded BN + ReLU (torchvision's BasicConv2d). */
function convBn(
  g: GraphBuilder,
  x: Tensor,
  name: string,
  filters: number,
  kernel: Kernel,
  stride = 1,
  padding: Padding = 'same',
): Tensor {
  return g.conv(x, { name, filters, kernel, stride, padding, activation: 'relu' });
}

/** Convs applied one after the other: `[name, filters, kernel]`. */
function chain(g: GraphBuilder, x: Tensor, convs: readonly (readonly [string, number, Kernel])[]): Tensor {
  return convs.reduce((y, [name, filters, kernel]) => convBn(g, y, name, filters, kernel), x);
}

/** SAME 3×3/1 average pool → 1×1 conv (the branch_pool of blocks A, C and E). */
function poolBranch(g: GraphBuilder, n: string, x: Tensor, filters: number): Tensor {
  return convBn(g, g.pool('avgpool', `${n}/pool/avg`, x, 3, 1, 'same'), `${n}/pool/conv`, filters, 1);
}

/** Inception-A (35×35): 1×1 | 1×1 → 5×5 | 1×1 → 3×3 → 3×3 | pool → 1×1. */
function blockA(g: GraphBuilder, n: string, x: Tensor, poolFeatures: number): Tensor {
  return g.concat(`${n}/concat`, [
    convBn(g, x, `${n}/b1x1`, 64, 1),
    chain(g, x, [
      [`${n}/b5x5/reduce`, 48, 1],
      [`${n}/b5x5/conv`, 64, 5],
    ]),
    chain(g, x, [
      [`${n}/b3x3dbl/reduce`, 64, 1],
      [`${n}/b3x3dbl/conv1`, 96, 3],
      [`${n}/b3x3dbl/conv2`, 96, 3],
    ]),
    poolBranch(g, n, x, poolFeatures),
  ]);
}

/** Reduction 35 → 17: 3×3/2 | 1×1 → 3×3 → 3×3/2 | max pool 3×3/2, all unpadded. */
function blockB(g: GraphBuilder, n: string, x: Tensor): Tensor {
  const dbl = chain(g, x, [
    [`${n}/b3x3dbl/reduce`, 64, 1],
    [`${n}/b3x3dbl/conv1`, 96, 3],
  ]);
  return g.concat(`${n}/concat`, [
    convBn(g, x, `${n}/b3x3`, 384, 3, 2, 'valid'),
    convBn(g, dbl, `${n}/b3x3dbl/conv2`, 96, 3, 2, 'valid'),
    g.pool('maxpool', `${n}/pool`, x, 3, 2, 'valid'),
  ]);
}

/** Inception-C (17×17), factorised 7×7: 1×1 | 1×1 → 1×7 → 7×1 | 1×1 → (7×1 → 1×7)×2 | pool. */
function blockC(g: GraphBuilder, n: string, x: Tensor, c7: number): Tensor {
  return g.concat(`${n}/concat`, [
    convBn(g, x, `${n}/b1x1`, 192, 1),
    chain(g, x, [
      [`${n}/b7x7/reduce`, c7, 1],
      [`${n}/b7x7/conv1x7`, c7, [1, 7]],
      [`${n}/b7x7/conv7x1`, 192, [7, 1]],
    ]),
    chain(g, x, [
      [`${n}/b7x7dbl/reduce`, c7, 1],
      [`${n}/b7x7dbl/conv7x1a`, c7, [7, 1]],
      [`${n}/b7x7dbl/conv1x7a`, c7, [1, 7]],
      [`${n}/b7x7dbl/conv7x1b`, c7, [7, 1]],
      [`${n}/b7x7dbl/conv1x7b`, 192, [1, 7]],
    ]),
    poolBranch(g, n, x, 192),
  ]);
}

/** Reduction 17 → 8: 1×1 → 3×3/2 | 1×1 → 1×7 → 7×1 → 3×3/2 | max pool 3×3/2. */
function blockD(g: GraphBuilder, n: string, x: Tensor): Tensor {
  const b3 = convBn(g, x, `${n}/b3x3/reduce`, 192, 1);
  const b7 = chain(g, x, [
    [`${n}/b7x7x3/reduce`, 192, 1],
    [`${n}/b7x7x3/conv1x7`, 192, [1, 7]],
    [`${n}/b7x7x3/conv7x1`, 192, [7, 1]],
  ]);
  return g.concat(`${n}/concat`, [
    convBn(g, b3, `${n}/b3x3/conv`, 320, 3, 2, 'valid'),
    convBn(g, b7, `${n}/b7x7x3/conv3x3`, 192, 3, 2, 'valid'),
    g.pool('maxpool', `${n}/pool`, x, 3, 2, 'valid'),
  ]);
}

/** Inception-E (8×8): 1×1 | 1×1 → [1×3, 3×1] | 1×1 → 3×3 → [1×3, 3×1] | pool → 1×1. */
function blockE(g: GraphBuilder, n: string, x: Tensor): Tensor {
  const split = (y: Tensor, b: string) => [
    convBn(g, y, `${b}/conv1x3`, 384, [1, 3]),
    convBn(g, y, `${b}/conv3x1`, 384, [3, 1]),
  ];
  const b3 = convBn(g, x, `${n}/b3x3/reduce`, 384, 1);
  const dbl = chain(g, x, [
    [`${n}/b3x3dbl/reduce`, 448, 1],
    [`${n}/b3x3dbl/conv3x3`, 384, 3],
  ]);
  return g.concat(`${n}/concat`, [
    convBn(g, x, `${n}/b1x1`, 320, 1),
    ...split(b3, `${n}/b3x3`),
    ...split(dbl, `${n}/b3x3dbl`),
    poolBranch(g, n, x, 192),
  ]);
}

export function inceptionV3(size = 299, classes = 1000): Graph {
  const g = new GraphBuilder('inception-v3');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = convBn(g, x, 'stem/conv1a', 32, 3, 2, 'valid');
  x = convBn(g, x, 'stem/conv2a', 32, 3, 1, 'valid');
  x = convBn(g, x, 'stem/conv2b', 64, 3);
  x = g.pool('maxpool', 'stem/pool1', x, 3, 2, 'valid');
  x = convBn(g, x, 'stem/conv3b', 80, 1);
  x = convBn(g, x, 'stem/conv4a', 192, 3, 1, 'valid');
  x = g.pool('maxpool', 'stem/pool2', x, 3, 2, 'valid');
  x = blockA(g, 'mixed5b', x, 32);
  x = blockA(g, 'mixed5c', x, 64);
  x = blockA(g, 'mixed5d', x, 64);
  x = blockB(g, 'mixed6a', x);
  for (const [name, c7] of [
    ['mixed6b', 128],
    ['mixed6c', 160],
    ['mixed6d', 160],
    ['mixed6e', 192],
  ] as const)
    x = blockC(g, name, x, c7);
  x = blockD(g, 'mixed7a', x);
  x = blockE(g, 'mixed7b', x);
  x = blockE(g, 'mixed7c', x);
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
