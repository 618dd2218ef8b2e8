/**
 * EfficientNet-B0 (Tan & Le 2019, torchvision layout): stem conv 3×3/2 + swish, seven stages of
 * MBConv blocks (swish, squeeze-excite to a quarter of the block's input channels with a sigmoid
 * gate), conv 1×1 to 1280 + swish, global average pool, dense 1000. Batch-norm folded.
 * Published: 5.29 M params, 0.39 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';
import { convAct, mbConv } from './blocks.ts';

/** [expansion, kernel, first stride, out channels, repeats] per stage (the paper's Table 1). */
const STAGES: readonly (readonly [number, number, number, number, number])[] = [
  [1, 3, 1, 16, 1],
  [6, 3, 2, 24, 2],
  [6, 5, 2, 40, 2],
  [6, 3, 2, 80, 3],
  [6, 5, 1, 112, 3],
  [6, 5, 2, 192, 4],
  [6, 3, 1, 320, 1],
];

export function efficientnetB0(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('efficientnet-b0');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = convAct(g, x, { name: 'stem', filters: 32, kernel: 3, stride: 2 }, 'swish');
  let block = 0;
  for (const [expansion, kernel, firstStride, out, repeats] of STAGES) {
    for (let i = 0; i < repeats; i++) {
      const channels = x.shape[1] ?? 0;
      x = mbConv(g, `block${++block}`, x, {
        kernel,
        expanded: channels * expansion,
        out,
        stride: i === 0 ? firstStride : 1,
        act: 'swish',
        se: Math.max(1, Math.floor(channels / 4)),
        seInner: 'swish',
        seGate: 'sigmoid',
      });
    }
  }
  x = convAct(g, x, { name: 'head', filters: 1280, kernel: 1 }, 'swish');
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
