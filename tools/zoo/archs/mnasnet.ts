/**
 * MnasNet 1.0 (Tan et al. 2019; torchvision's `mnasnet1_0`, the variant without squeeze-excite):
 * stem conv 3×3/2 + ReLU, a depthwise-separable block to 16 channels, six stages of inverted
 * residuals (expand 1×1 + ReLU, depthwise 3×3 or 5×5 + ReLU, linear project, residual when shapes
 * match), conv 1×1 to 1280 + ReLU, global average pool, dense 1000. Batch-norm folded.
 * Published (torchvision): 4.38 M params, 0.31 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

/** [out channels, kernel, first stride, expansion, repeats] per stage. */
const STAGES: readonly (readonly [number, number, number, number, number])[] = [
  [24, 3, 2, 3, 3],
  [40, 5, 2, 3, 3],
  [80, 5, 2, 6, 3],
  [96, 3, 1, 6, 2],
  [192, 5, 2, 6, 4],
  [320, 3, 1, 6, 1],
];

export function mnasnet10(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('mnasnet-1.0');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 32, kernel: 3, stride: 2, activation: 'relu' });
  x = g.conv(x, { name: 'sep/depthwise', filters: 32, kernel: 3, groups: 32, activation: 'relu' });
  x = g.conv(x, { name: 'sep/project', filters: 16, kernel: 1 });
  let block = 0;
  for (const [out, kernel, firstStride, expansion, repeats] of STAGES) {
    for (let i = 0; i < repeats; i++) {
      const name = `block${++block}`;
      const stride = i === 0 ? firstStride : 1;
      const hidden = (x.shape[1] ?? 0) * expansion;
      let y = g.conv(x, { name: `${name}/expand`, filters: hidden, kernel: 1, activation: 'relu' });
      y = g.conv(y, {
        name: `${name}/depthwise`,
        filters: hidden,
        kernel,
        stride,
        groups: hidden,
        activation: 'relu',
      });
      y = g.conv(y, { name: `${name}/project`, filters: out, kernel: 1 });
      x = stride === 1 && x.shape[1] === out ? g.addTensors(`${name}/add`, x, y) : y;
    }
  }
  x = g.conv(x, { name: 'head', filters: 1280, kernel: 1, activation: 'relu' });
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
