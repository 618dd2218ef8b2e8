/**
 * A browser-sized U-Net segmenter (Ronneberger et al. 2015's topology): four encoder levels of
 * double 3×3 conv + ReLU, each followed by a 2×2 max pool; a double-conv bottleneck; four decoder
 * levels of ×2 bilinear resize + 2×2 conv + ReLU (halving the channels), concatenation with the
 * skip of that level, double 3×3 conv + ReLU; a 1×1 conv to class logits `[1, classes, S, S]`
 * (no softmax). Channel widths `base·2^l` (16-32-64-128-256 by default, the original's
 * 64…1024 divided by 4). Differences from the paper: TF `SAME` padding everywhere (the paper's
 * valid convs and the cropping of skips are not used, so the output is the input's size); the
 * 2×2 up-convolution (transposed conv, stride 2) is a ×2 bilinear resize followed by a 2×2 conv
 * with ReLU — the same weight count, 4× its MACs. The widely copied Keras U-Net writes the
 * up-convolution the same way (`UpSampling2D` + `Conv2D(·, 2, relu, same)`, skip first in the
 * concat), with a nearest resize where this one is bilinear. Dropout (inference: identity) is omitted.
 */
import { GraphBuilder } from '../builder.ts';
import type { Graph, Tensor } from '../ir.ts';

function doubleConv(g: GraphBuilder, name: string, x: Tensor, filters: number): Tensor {
  const y = g.conv(x, { name: `${name}/conv1`, filters, kernel: 3, activation: 'relu' });
  return g.conv(y, { name: `${name}/conv2`, filters, kernel: 3, activation: 'relu' });
}

export function unet(size = 256, classes = 3, base = 16): Graph {
  if (size % 16) throw new Error(`unet: the input side ${size} must be a multiple of 16 (four 2×2 pools)`);
  const g = new GraphBuilder('unet');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  const skips: Tensor[] = [];
  for (let level = 0; level < 4; level++) {
    x = doubleConv(g, `down${level + 1}`, x, base * 2 ** level);
    skips.push(x);
    x = g.pool('maxpool', `down${level + 1}/pool`, x, 2, 2);
  }
  x = doubleConv(g, 'bottleneck', x, base * 16);
  for (let level = 3; level >= 0; level--) {
    const name = `up${level + 1}`;
    const filters = base * 2 ** level;
    const skip = skips[level];
    if (!skip) throw new Error(`unet: no skip for level ${level}`);
    x = g.resize(`${name}/resize`, x, 2, 'bilinear');
    x = g.conv(x, { name: `${name}/upconv`, filters, kernel: 2, activation: 'relu' });
    x = doubleConv(g, name, g.concat(`${name}/concat`, [skip, x]), filters);
  }
  return g.build([g.conv(x, { name: 'logits', filters: classes, kernel: 1 })]);
}
