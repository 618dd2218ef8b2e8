/**
 * Tiny-YOLOv2 (VOC) detector backbone and head (Redmon & Farhadi 2017, darknet's
 * `yolov2-tiny-voc.cfg`): six conv 3×3 + leaky ReLU (0.1) layers, each followed by a 2×2 max
 * pool (stride 2, the last stride 1 with TF `SAME` padding), two 3×3 × 1024 convs and a 1×1 conv
 * to 5 anchors × (5 + 20 classes) = 125 channels; output `[1, 125, S/32, S/32]` raw (the region
 * decoding is post-processing). Batch-norm folded. Published: 15.9 M params, 6.97 BFLOPs = 3.49 G
 * MACs at 416×416.
 */
import { GraphBuilder } from '../builder.ts';
import type { Graph, Tensor } from '../ir.ts';

export function tinyYoloV2(size = 416): Graph {
  const g = new GraphBuilder('tiny-yolo-v2');
  let x: Tensor = g.input('input', [1, 3, size, size]);
  for (const [i, filters] of [16, 32, 64, 128, 256, 512].entries()) {
    x = g.conv(x, { name: `conv${i + 1}`, filters, kernel: 3, activation: 'leakyrelu' });
    x = g.pool('maxpool', `pool${i + 1}`, x, 2, i < 5 ? 2 : 1, 'same');
  }
  x = g.conv(x, { name: 'conv7', filters: 1024, kernel: 3, activation: 'leakyrelu' });
  x = g.conv(x, { name: 'conv8', filters: 1024, kernel: 3, activation: 'leakyrelu' });
  return g.build([g.conv(x, { name: 'detections', filters: 125, kernel: 1 })]);
}
