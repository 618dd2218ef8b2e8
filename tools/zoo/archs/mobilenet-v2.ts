/**
 * MobileNetV2 1.0 (Sandler et al. 2018, torchvision layout): stem conv 3×3/2 → 17 inverted
 * residual blocks (expand 1×1 + ReLU6, depthwise 3×3 + ReLU6, linear project 1×1, residual when
 * stride 1 and channels match) → 1×1 conv to 1280 → global average pool → dense 1000.
 * Batch-norm folded into conv biases. Published: 3.50 M params with BN (3.49 M folded), 300 M MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

/** [expansion t, channels c, repeats n, first stride s] per stage, from the paper's Table 2. */
const STAGES: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export function mobilenetV2(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('mobilenet-v2');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 32, kernel: 3, stride: 2, activation: 'relu6' });
  let block = 0;
  for (const [t, c, n, s] of STAGES) {
    for (let i = 0; i < n; i++) {
      const name = `block${++block}`;
      const inChannels = x.shape[1] ?? 0;
      const hidden = inChannels * t;
      const stride = i === 0 ? s : 1;
      let y = x;
      if (t !== 1) y = g.conv(y, { name: `${name}/expand`, filters: hidden, kernel: 1, activation: 'relu6' });
      y = g.conv(y, {
        name: `${name}/depthwise`,
        filters: hidden,
        kernel: 3,
        stride,
        groups: hidden,
        activation: 'relu6',
      });
      y = g.conv(y, { name: `${name}/project`, filters: c, kernel: 1 });
      x = stride === 1 && inChannels === c ? g.addTensors(`${name}/add`, x, y) : y;
    }
  }
  x = g.conv(x, { name: 'head', filters: 1280, kernel: 1, activation: 'relu6' });
  x = g.globalAvgPool('pool', x);
  const logits = g.dense('logits', x, classes);
  return g.build([logits]);
}
