/**
 * ResNet-50 (He et al. 2016; torchvision's v1.5 layout, stride on the 3×3 conv): conv 7×7/2 +
 * ReLU → max pool 3×3/2 → bottleneck stages [3, 4, 6, 3] (1×1, 3×3, 1×1 ×4 expansion, 1×1
 * projection on the first block of a stage, ReLU after the add) → global average pool → dense
 * 1000. Batch-norm folded into conv biases; TF `SAME` padding. Published: 25.6 M params, 4.1 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

const STAGES: readonly (readonly [number, number])[] = [
  [64, 3],
  [128, 4],
  [256, 6],
  [512, 3],
];

export function resnet50(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('resnet-50');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 64, kernel: 7, stride: 2, activation: 'relu' });
  x = g.pool('maxpool', 'stem/pool', x, 3, 2, 'same');
  for (const [stage, [width, blocks]] of STAGES.entries()) {
    for (let block = 0; block < blocks; block++) {
      const name = `stage${stage + 1}/block${block + 1}`;
      const stride = stage > 0 && block === 0 ? 2 : 1;
      let y = g.conv(x, { name: `${name}/reduce`, filters: width, kernel: 1, activation: 'relu' });
      y = g.conv(y, { name: `${name}/conv3x3`, filters: width, kernel: 3, stride, activation: 'relu' });
      y = g.conv(y, { name: `${name}/expand`, filters: width * 4, kernel: 1, init: 'residual' });
      const shortcut =
        block === 0 ? g.conv(x, { name: `${name}/downsample`, filters: width * 4, kernel: 1, stride }) : x;
      x = g.addTensors(`${name}/add`, y, shortcut, 'relu');
    }
  }
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
