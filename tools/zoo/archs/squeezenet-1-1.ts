/**
 * SqueezeNet 1.1 (Iandola et al. 2016, torchvision layout): conv 3×3/2 (valid) + ReLU, then fire
 * modules (squeeze 1×1 + ReLU, expand 1×1 and 3×3 + ReLU, concatenated) between 3×3/2 max pools,
 * then a 1×1 conv to the classes + ReLU and global average pooling. Pools are `valid` (floor):
 * at 224 they give PyTorch's ceil-mode sizes (111 → 55 → 27 → 13) without ceil mode.
 * Published: 1.24 M params, 352 M MACs.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

function fire(g: GraphBuilder, name: string, x: Tensor, squeeze: number, expand: number): Tensor {
  const s = g.conv(x, { name: `${name}/squeeze`, filters: squeeze, kernel: 1, activation: 'relu' });
  const e1 = g.conv(s, { name: `${name}/expand1x1`, filters: expand, kernel: 1, activation: 'relu' });
  const e3 = g.conv(s, { name: `${name}/expand3x3`, filters: expand, kernel: 3, activation: 'relu' });
  return g.concat(`${name}/concat`, [e1, e3]);
}

export function squeezenet11(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('squeezenet-1.1');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'conv1', filters: 64, kernel: 3, stride: 2, padding: 'valid', activation: 'relu' });
  x = g.pool('maxpool', 'pool1', x, 3, 2);
  x = fire(g, 'fire2', x, 16, 64);
  x = fire(g, 'fire3', x, 16, 64);
  x = g.pool('maxpool', 'pool3', x, 3, 2);
  x = fire(g, 'fire4', x, 32, 128);
  x = fire(g, 'fire5', x, 32, 128);
  x = g.pool('maxpool', 'pool5', x, 3, 2);
  x = fire(g, 'fire6', x, 48, 192);
  x = fire(g, 'fire7', x, 48, 192);
  x = fire(g, 'fire8', x, 64, 256);
  x = fire(g, 'fire9', x, 64, 256);
  x = g.conv(x, { name: 'classifier', filters: classes, kernel: 1, activation: 'relu' });
  return g.build([g.globalAvgPool('logits', x)]);
}
