/**
 * MobileNetV3-Large and -Small 1.0 (Howard et al. 2019, torchvision layout): stem conv 3×3/2 +
 * hardswish, inverted residuals with ReLU or hardswish and optional squeeze-excite (squeeze to
 * makeDivisible(expanded / 4), hard-sigmoid gate), conv 1×1 to 6× the last width + hardswish,
 * global average pool, dense + hardswish, dense to the classes. Batch-norm folded.
 * Published (torchvision): Large 5.48 M params / 217 M MACs, Small 2.54 M / 56 M.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';
import { convAct, makeDivisible, mbConv } from './blocks.ts';

/** [kernel, expanded, out, squeeze-excite, hardswish, stride] per block (torchvision's table). */
type Row = readonly [number, number, number, boolean, boolean, number];

const LARGE: readonly Row[] = [
  [3, 16, 16, false, false, 1],
  [3, 64, 24, false, false, 2],
  [3, 72, 24, false, false, 1],
  [5, 72, 40, true, false, 2],
  [5, 120, 40, true, false, 1],
  [5, 120, 40, true, false, 1],
  [3, 240, 80, false, true, 2],
  [3, 200, 80, false, true, 1],
  [3, 184, 80, false, true, 1],
  [3, 184, 80, false, true, 1],
  [3, 480, 112, true, true, 1],
  [3, 672, 112, true, true, 1],
  [5, 672, 160, true, true, 2],
  [5, 960, 160, true, true, 1],
  [5, 960, 160, true, true, 1],
];

const SMALL: readonly Row[] = [
  [3, 16, 16, true, false, 2],
  [3, 72, 24, false, false, 2],
  [3, 88, 24, false, false, 1],
  [5, 96, 40, true, true, 2],
  [5, 240, 40, true, true, 1],
  [5, 240, 40, true, true, 1],
  [5, 120, 48, true, true, 1],
  [5, 144, 48, true, true, 1],
  [5, 288, 96, true, true, 2],
  [5, 576, 96, true, true, 1],
  [5, 576, 96, true, true, 1],
];

function mobilenetV3(
  name: string,
  rows: readonly Row[],
  lastHidden: number,
  size: number,
  classes: number,
): Graph {
  const g = new GraphBuilder(name);
  let x: Tensor = g.input('input', [1, 3, size, size]);
  x = convAct(g, x, { name: 'stem', filters: 16, kernel: 3, stride: 2 }, 'hardswish');
  for (const [i, [kernel, expanded, out, se, hs, stride]] of rows.entries()) {
    x = mbConv(g, `block${i + 1}`, x, {
      kernel,
      expanded,
      out,
      stride,
      act: hs ? 'hardswish' : 'relu',
      se: se ? makeDivisible(expanded / 4) : 0,
      seInner: 'relu',
      seGate: 'hardsigmoid',
    });
  }
  x = convAct(g, x, { name: 'head', filters: (x.shape[1] ?? 0) * 6, kernel: 1 }, 'hardswish');
  x = g.globalAvgPool('pool', x);
  x = g.unary('classifier/hardswish', g.dense('classifier/hidden', x, lastHidden), 'hardswish');
  return g.build([g.dense('logits', x, classes)]);
}

export const mobilenetV3Large = (size = 224, classes = 1000): Graph =>
  mobilenetV3('mobilenet-v3-large', LARGE, 1280, size, classes);

export const mobilenetV3Small = (size = 224, classes = 1000): Graph =>
  mobilenetV3('mobilenet-v3-small', SMALL, 1024, size, classes);
