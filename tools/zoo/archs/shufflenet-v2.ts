/**
 * ShuffleNetV2 1.0× (Ma et al. 2018, torchvision layout): conv 3×3/2 + ReLU, max pool 3×3/2,
 * three stages of [4, 8, 4] units (116/232/464 channels), conv 1×1 to 1024 + ReLU, global
 * average pool, dense 1000. A stride-1 unit keeps half the channels and runs the other half
 * through 1×1 → depthwise 3×3 → 1×1; a stride-2 unit runs both halves (left: depthwise 3×3/2 →
 * 1×1); each ends in concat + channel shuffle (2 groups). Batch-norm folded.
 * Published (torchvision): 2.28 M params, 146 M MACs.
 */
import { GraphBuilder } from '../builder.ts';
import type { Graph, Tensor } from '../ir.ts';

function unit(g: GraphBuilder, name: string, x: Tensor, out: number, stride: number): Tensor {
  const half = out / 2;
  const channels = x.shape[1] ?? 0;
  const right = (y: Tensor) => {
    y = g.conv(y, { name: `${name}/right/reduce`, filters: half, kernel: 1, activation: 'relu' });
    y = g.conv(y, { name: `${name}/right/depthwise`, filters: half, kernel: 3, stride, groups: half });
    return g.conv(y, { name: `${name}/right/expand`, filters: half, kernel: 1, activation: 'relu' });
  };
  let left: Tensor;
  let rightOut: Tensor;
  if (stride === 1) {
    left = g.channelSlice(`${name}/keep`, x, 0, channels / 2);
    rightOut = right(g.channelSlice(`${name}/process`, x, channels / 2, channels / 2));
  } else {
    left = g.conv(x, {
      name: `${name}/left/depthwise`,
      filters: channels,
      kernel: 3,
      stride,
      groups: channels,
    });
    left = g.conv(left, { name: `${name}/left/project`, filters: half, kernel: 1, activation: 'relu' });
    rightOut = right(x);
  }
  return g.channelShuffle(`${name}/shuffle`, g.concat(`${name}/concat`, [left, rightOut]), 2);
}

export function shufflenetV2(size = 224, classes = 1000): Graph {
  const g = new GraphBuilder('shufflenet-v2-1.0');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = g.conv(x, { name: 'stem', filters: 24, kernel: 3, stride: 2, activation: 'relu' });
  x = g.pool('maxpool', 'stem/pool', x, 3, 2, 'same');
  for (const [s, [out, repeats]] of [
    [116, 4],
    [232, 8],
    [464, 4],
  ].entries()) {
    for (let i = 0; i < (repeats ?? 0); i++)
      x = unit(g, `stage${s + 2}/unit${i + 1}`, x, out ?? 0, i === 0 ? 2 : 1);
  }
  x = g.conv(x, { name: 'head', filters: 1024, kernel: 1, activation: 'relu' });
  x = g.globalAvgPool('pool', x);
  return g.build([g.dense('logits', x, classes)]);
}
