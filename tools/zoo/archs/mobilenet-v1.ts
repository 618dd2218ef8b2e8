/**
 * MobileNetV1 1.0 (Howard et al. 2017): stem conv 3×3/2 → 13 depthwise-separable blocks
 * (depthwise 3×3 + ReLU6, pointwise 1×1 + ReLU6) → global average pool → dense 1000.
 * Batch-norm folded into conv biases. Published: 4.2 M params, 569 M MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

/** [pointwise filters, depthwise stride] per block, from the paper's Table 1. */
const BLOCKS: readonly (readonly [number, number])[] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

export function mobilenetV1(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('mobilenet-v1');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 32, kernel: 3, stride: 2, activation: 'relu6' });
  for (const [i, [filters, stride]] of BLOCKS.entries()) {
    const channels = x.shape[1] ?? 0;
    const name = `block${i + 1}`;
    x = g.conv(x, {
      name: `${name}/depthwise`,
      filters: channels,
      kernel: 3,
      stride,
      groups: channels,
      activation: 'relu6',
    });
    x = g.conv(x, { name: `${name}/pointwise`, filters, kernel: 1, activation: 'relu6' });
  }
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
