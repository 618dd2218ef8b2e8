/**
 * Building blocks shared by the mobile architectures: squeeze-excite and the inverted residual
 * (MBConv) with optional SE, in the layouts of torchvision's MobileNetV3 and EfficientNet.
 */
import type { GraphBuilder } from '../builder.ts';
import type { Activation, Tensor, UnaryFn } from '../ir.ts';

/** torchvision's `_make_divisible`: round to a multiple of `divisor`, never below 90% of v. */
export function makeDivisible(v: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * v ? rounded + divisor : rounded;
}

/** Global pool → dense `squeeze` + ReLU/swish → dense back + gate → per-channel scale. */
export function squeezeExcite(
  g: GraphBuilder,
  name: string,
  x: Tensor,
  squeeze: number,
  inner: 'relu' | 'swish',
  gate: 'hardsigmoid' | 'sigmoid',
): Tensor {
  const channels = x.shape[1] ?? 0;
  const pooled = g.globalAvgPool(`${name}/pool`, x);
  let s = g.dense(`${name}/reduce`, pooled, squeeze, inner === 'relu' ? 'relu' : 'none');
  if (inner === 'swish') s = g.unary(`${name}/reduce_swish`, s, 'swish');
  const gates = g.unary(`${name}/gate`, g.dense(`${name}/expand`, s, channels), gate);
  return g.channelScale(`${name}/scale`, x, gates);
}

/** A conv followed by an activation that may not fuse (hardswish, swish). */
export function convAct(
  g: GraphBuilder,
  x: Tensor,
  o: Parameters<GraphBuilder['conv']>[1],
  act: Activation | UnaryFn,
): Tensor {
  if (act === 'none' || act === 'relu' || act === 'relu6' || act === 'leakyrelu')
    return g.conv(x, { ...o, activation: act });
  return g.unary(`${o.name}/${act}`, g.conv(x, { ...o, init: 'he' }), act);
}

export interface MbConv {
  kernel: number;
  expanded: number;
  out: number;
  stride: number;
  act: 'relu' | UnaryFn;
  /** Squeeze width, or 0 for no squeeze-excite. */
  se: number;
  seInner: 'relu' | 'swish';
  seGate: 'hardsigmoid' | 'sigmoid';
}

/** Inverted residual: [expand 1×1] → depthwise → [SE] → linear project, + input when shapes match. */
export function mbConv(g: GraphBuilder, name: string, x: Tensor, b: MbConv): Tensor {
  const channels = x.shape[1] ?? 0;
  let y = x;
  if (b.expanded !== channels)
    y = convAct(g, y, { name: `${name}/expand`, filters: b.expanded, kernel: 1 }, b.act);
  y = convAct(
    g,
    y,
    {
      name: `${name}/depthwise`,
      filters: b.expanded,
      kernel: b.kernel,
      stride: b.stride,
      groups: b.expanded,
    },
    b.act,
  );
  if (b.se > 0) y = squeezeExcite(g, `${name}/se`, y, b.se, b.seInner, b.seGate);
  y = g.conv(y, { name: `${name}/project`, filters: b.out, kernel: 1 });
  return b.stride === 1 && channels === b.out ? g.addTensors(`${name}/add`, x, y) : y;
}
