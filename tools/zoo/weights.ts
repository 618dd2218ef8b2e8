/**
 * Deterministic synthetic weights for zoo graphs, in the IR's ONNX layout; every emitter
 * transforms these same numbers. Generator: each weight gets its own mulberry32 stream (the
 * suite's `seededRandom`) seeded with FNV-1a-32(name) XOR the zoo seed, so a weight's values
 * depend only on its name, shape and the seed (not on graph order). Values are uniform:
 * He `±sqrt(6 / fanIn)` for tensors followed by ReLU/ReLU6, LeCun `±sqrt(3 / fanIn)` for linear
 * outputs (keeps logits O(1)), LeCun × RESIDUAL_GAIN for the last conv of a residual branch, biases and layer-norm betas `±0.1`, layer-norm gammas `1 ± 0.1`. Synthetic weights are fine for speed and
 * cross-library equivalence; they classify nothing.
 */
import { seededRandom } from '../../src/suite/inputs.ts';
import { type Graph, type WeightDecl } from './ir.ts';
import { elementCount } from './shapes.ts';

/**
 * Scale of the last conv of a residual branch (as zero-init-residual / Fixup do for trained
 * nets): without batch-norm statistics, deep residual stacks otherwise grow their activations
 * block by block (ResNet-50's logits reached ±30), and float32 differences grow with them.
 */
export const RESIDUAL_GAIN = 0.25;

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The uniform bound of a weight's values. */
export function weightBound(decl: WeightDecl): number {
  if (decl.init === 'bias' || decl.init === 'gamma') return 0.1;
  const lecun = Math.sqrt((decl.init === 'he' ? 6 : 3) / decl.fanIn);
  return decl.init === 'residual' ? lecun * RESIDUAL_GAIN : lecun;
}

/** One weight's values (ONNX layout). */
export function generateWeight(decl: WeightDecl, seed: number): Float32Array {
  const random = seededRandom((fnv1a(decl.name) ^ seed) >>> 0);
  const bound = weightBound(decl);
  const out = new Float32Array(elementCount(decl.shape));
  const centre = decl.init === 'gamma' ? 1 : 0;
  for (let i = 0; i < out.length; i++) out[i] = centre + (random() * 2 - 1) * bound;
  return out;
}

/** Every weight of a graph, by name. */
export function generateWeights(graph: Graph, seed: number): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const decl of graph.weights.values()) out.set(decl.name, generateWeight(decl, seed));
  return out;
}

/**
 * Permutes a dense row-major tensor: `out` axis i is `shape[perm[i]]`. Used to turn ONNX layouts
 * into the NHWC runtimes' (OIHW → HWIO, OHWI, …).
 */
export function transpose(
  data: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): Float32Array {
  const rank = shape.length;
  const out = new Float32Array(data.length);
  if (out.length === 0) return out;
  if (rank === 0) {
    out[0] = data[0] ?? 0;
    return out;
  }
  const dims = Int32Array.from(perm, (p) => shape[p] ?? 0);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  const strides = Int32Array.from(perm, (p) => inStrides[p] ?? 0);
  // Copies runs along the output's last axis, then steps the outer index like an odometer; `base`
  // is the source offset of the current outer index (the innermost loop runs over every element,
  // so it is kept free of bounds bookkeeping: this was a quarter of emitting a zoo network).
  const last = rank - 1;
  const inner = dims[last] as number;
  const innerStride = strides[last] as number;
  const index = new Int32Array(rank);
  let base = 0;
  for (let o = 0; o < out.length; o += inner) {
    for (let j = 0, s = base; j < inner; j++, s += innerStride) out[o + j] = data[s] as number;
    for (let i = last - 1; i >= 0; i--) {
      const stride = strides[i] as number;
      index[i] = (index[i] as number) + 1;
      base += stride;
      if ((index[i] as number) < (dims[i] as number)) break;
      base -= stride * (dims[i] as number);
      index[i] = 0;
    }
  }
  return out;
}
