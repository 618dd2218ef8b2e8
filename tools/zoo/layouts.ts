/**
 * Layout conversions shared by the NHWC emitters (TF.js, TFLite): image shapes NCHW → NHWC and
 * the per-format weight permutations of the IR's ONNX-layout weights, cached by weight name and
 * target layout so a weight shared by several nodes is transformed and stored once. Grouped convs
 * are split into one conv per group (LiteRT.js 2.5.3 computes a native grouped CONV_2D wrongly;
 * TF.js has no grouped conv), each with its slice of the filters.
 */
import type { ConvNode, Shape } from './ir.ts';
import { transpose } from './weights.ts';

/** `[N, C, H, W]` → `[N, H, W, C]`; other ranks unchanged. */
export function nhwc(shape: Shape): number[] {
  if (shape.length !== 4) return [...shape];
  const [n, c, h, w] = shape as [number, number, number, number];
  return [n, h, w, c];
}

/** A depthwise conv: one filter per input channel (multiplier 1 or more). */
export function isDepthwise(node: ConvNode, inChannels: number): boolean {
  return node.groups > 1 && node.groups === inChannels;
}

/** Named permutations of ONNX-layout weights. */
export const PERMS = Object.freeze({
  /** conv OIHW → TF HWIO */
  hwio: [2, 3, 1, 0],
  /** depthwise [C·m, 1, kH, kW] → TF [kH, kW, C·m, 1] (reshaped to [kH, kW, C, m] by the caller) */
  tfDepthwise: [2, 3, 0, 1],
  /** conv OIHW → TFLite OHWI */
  ohwi: [0, 2, 3, 1],
  /** depthwise [C·m, 1, kH, kW] → TFLite [1, kH, kW, C·m] */
  tfliteDepthwise: [1, 2, 3, 0],
  /** dense [out, in] → [in, out] */
  inOut: [1, 0],
  identity: [],
} as const);

export type PermName = keyof typeof PERMS;

/** Transformed weights, one copy per (weight, permutation). */
export class WeightCache {
  private readonly cache = new Map<string, { data: Float32Array; shape: number[] }>();

  constructor(
    private readonly weights: ReadonlyMap<string, Float32Array>,
    private readonly shapes: ReadonlyMap<string, { shape: Shape }>,
  ) {}

  /**
   * The weight permuted by `perm`, with its new shape; `key` names the cached copy. With
   * `group = [j, g]`, only group j of g along the first (output) axis: a grouped conv's own filters.
   */
  get(
    name: string,
    perm: PermName,
    group?: readonly [number, number],
  ): { key: string; data: Float32Array; shape: number[] } {
    const part = group ? `/group${group[0]}of${group[1]}` : '';
    const key = perm === 'identity' && !group ? name : `${name}${part}/${perm}`;
    let entry = this.cache.get(key);
    if (!entry) {
      let data = this.weights.get(name);
      const decl = this.shapes.get(name);
      if (!data || !decl) throw new Error(`no values for weight "${name}"`);
      let shape = [...decl.shape];
      if (group) {
        const rows = (shape[0] ?? 0) / group[1];
        const size = data.length / group[1];
        data = data.subarray(group[0] * size, (group[0] + 1) * size);
        shape = [rows, ...shape.slice(1)];
      }
      const order = PERMS[perm];
      entry =
        order.length === 0
          ? { data, shape }
          : { data: transpose(data, shape, order), shape: order.map((p) => shape[p] ?? 0) };
      this.cache.set(key, entry);
    }
    return { key, ...entry };
  }
}
