/**
 * ResNet-18 (He et al. 2016, torchvision layout): conv 7×7/2 + ReLU → max pool 3×3/2 → four
 * stages of two basic blocks (3×3, 3×3, identity or 1×1/2 projection shortcut, ReLU after the
 * add) with 64/128/256/512 channels → global average pool → dense 1000. Batch-norm folded into
 * conv biases; TF `SAME` padding instead of PyTorch's symmetric pads (same output sizes).
 * Published: 11.7 M params, 1.82 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

export function resnet18(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('resnet-18');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 64, kernel: 7, stride: 2, activation: 'relu' });
  x = g.pool('maxpool', 'stem/pool', x, 3, 2, 'same');
  for (const [stage, filters] of [64, 128, 256, 512].entries()) {
    for (let block = 0; block < 2; block++) {
      const name = `stage${stage + 1}/block${block + 1}`;
      const stride = stage > 0 && block === 0 ? 2 : 1;
      let y = g.conv(x, { name: `${name}/conv1`, filters, kernel: 3, stride, activation: 'relu' });
      y = g.conv(y, { name: `${name}/conv2`, filters, kernel: 3, init: 'residual' });
      const shortcut =
        stride !== 1 || x.shape[1] !== filters
          ? g.conv(x, { name: `${name}/downsample`, filters, kernel: 1, stride })
          : x;
      x = g.addTensors(`${name}/add`, y, shortcut, 'relu');
    }
  }
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
