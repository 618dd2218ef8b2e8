/**
 * DenseNet-121 (Huang et al. 2017; torchvision layout, growth 32, bottleneck 4×32, compression
 * 0.5): conv 7×7/2 + BN + ReLU → max pool 3×3/2 → dense blocks of [6, 12, 24, 16] layers with
 * transitions between them → BN + ReLU → global average pool → dense 1000. A dense layer is
 * BN → ReLU → conv 1×1 (128) → BN → ReLU → conv 3×3 (32), its output concatenated to its input;
 * a transition is BN → ReLU → conv 1×1 (half the channels) → average pool 2×2/2.
 *
 * Batch-norm: a BN right after a conv (stem, the bottleneck's second BN) is folded into that
 * conv's bias and fused ReLU. The pre-activation BN on each concatenation cannot be: the ReLU
 * separates it from the conv after it, and every later layer normalises the same channels with
 * its own BN, so no producing conv can take it either. It stays a per-channel `affine` op (+ ReLU),
 * counted as 2 params per channel like BN's gamma and beta. TF `SAME` padding (the stem conv pads
 * [2, 3] where torchvision pads [3, 3]; the output sizes are torchvision's).
 * Published (torchvision densenet121): 7.98 M params, 2.83 G MACs.
 */
import { GraphBuilder } from '../builder.ts';
import type { Graph, Tensor } from '../ir.ts';

const BLOCKS = [6, 12, 24, 16] as const;
const GROWTH = 32;
const BOTTLENECK = 4 * GROWTH;

/** BN → ReLU → 1×1 conv (+ folded BN, ReLU) → 3×3 conv; the new channels are appended to `x`. */
function denseLayer(g: GraphBuilder, name: string, x: Tensor): Tensor {
  let y = g.affine(`${name}/norm1`, x, 'relu');
  y = g.conv(y, { name: `${name}/conv1`, filters: BOTTLENECK, kernel: 1, activation: 'relu' });
  y = g.conv(y, { name: `${name}/conv2`, filters: GROWTH, kernel: 3 });
  return g.concat(`${name}/concat`, [x, y]);
}

export function densenet121(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('densenet-121');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 64, kernel: 7, stride: 2, activation: 'relu' });
  x = g.pool('maxpool', 'stem/pool', x, 3, 2, 'same');
  for (const [b, layers] of BLOCKS.entries()) {
    for (let i = 0; i < layers; i++) x = denseLayer(g, `block${b + 1}/layer${i + 1}`, x);
    if (b === BLOCKS.length - 1) break;
    const name = `transition${b + 1}`;
    const channels = x.shape[1] ?? 0;
    x = g.affine(`${name}/norm`, x, 'relu');
    x = g.conv(x, { name: `${name}/conv`, filters: channels / 2, kernel: 1 });
    x = g.pool('avgpool', `${name}/pool`, x, 2, 2);
  }
  x = g.affine('norm5', x, 'relu');
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
