/**
 * Text images for OCR models, rasterised by our own code from the built-in stroke font: dark
 * strokes on a light page with distance-based anti-aliasing (coverage = clamp(r + ½ − d, 0, 1)
 * for the distance d from a pixel's centre to the nearest stroke). Only +, −, ×, ÷ and sqrt are
 * used (all correctly rounded in IEEE 754), so Node and every browser make the same bytes —
 * unlike canvas fillText, whose fonts and anti-aliasing differ per device (docs/QUIRKS.md).
 */
import { type LaidOutLine, layoutLine } from './stroke-font.ts';
import type { TextFill } from './types.ts';

/** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  let t = length2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / length2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (x0 + t * dx);
  const ey = py - (y0 + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

/** Lays out every line of a text fill (pixel coordinates of the image). */
export function layoutText(fill: TextFill): LaidOutLine[] {
  return fill.lines.map((l) => layoutLine(l.text, l.x, l.y, l.size));
}

/** Ink bounding boxes [x0, y0, x1, y1] of each line of a text fill, px, clipped to the image. */
export function textLineBoxes(
  fill: TextFill,
  width: number,
  height: number,
): [number, number, number, number][] {
  return layoutText(fill).map(({ box }) => [
    Math.max(0, box[0]),
    Math.max(0, box[1]),
    Math.min(width, box[2]),
    Math.min(height, box[3]),
  ]);
}

/** Ink coverage in [0, 1] of each pixel of a `width` × `height` image, row-major. */
export function rasterizeText(fill: TextFill, width: number, height: number): Float64Array {
  const distance = new Float64Array(width * height).fill(Number.POSITIVE_INFINITY);
  const lines = layoutText(fill);
  for (const { segments, radius } of lines) {
    const reach = radius + 1;
    for (const s of segments) {
      const xa = Math.max(0, Math.floor(Math.min(s.x0, s.x1) - reach));
      const xb = Math.min(width - 1, Math.ceil(Math.max(s.x0, s.x1) + reach));
      const ya = Math.max(0, Math.floor(Math.min(s.y0, s.y1) - reach));
      const yb = Math.min(height - 1, Math.ceil(Math.max(s.y0, s.y1) + reach));
      for (let y = ya; y <= yb; y++) {
        for (let x = xa; x <= xb; x++) {
          // Distance relative to the stroke radius, so lines of different sizes combine by coverage.
          const d = segmentDistance(x + 0.5, y + 0.5, s.x0, s.y0, s.x1, s.y1) - radius;
          const i = y * width + x;
          if (d < (distance[i] as number)) distance[i] = d;
        }
      }
    }
  }
  const coverage = new Float64Array(width * height);
  for (let i = 0; i < coverage.length; i++) {
    const c = 0.5 - (distance[i] as number);
    coverage[i] = c <= 0 ? 0 : c >= 1 ? 1 : c;
  }
  return coverage;
}

/**
 * Fills `data` (shape `[1, 3, H, W]` for `nchw`, `[1, H, W, 3]` for `nhwc`) with the text image:
 * pixel value p = paper + (ink − paper) · coverage in [0, 1], then (p − mean[c]) / std[c] per
 * channel.
 */
export function fillText(data: Float32Array, shape: readonly number[], fill: TextFill): void {
  const nchw = fill.layout === 'nchw';
  const [n, a, b, c] = shape;
  const height = (nchw ? b : a) ?? 0;
  const width = (nchw ? c : b) ?? 0;
  const channels = nchw ? a : c;
  if (shape.length !== 4 || n !== 1 || channels !== 3 || !height || !width) {
    throw new Error(
      `a text input must be ${nchw ? '[1, 3, H, W]' : '[1, H, W, 3]'}, not [${shape.join(', ')}]`,
    );
  }
  const coverage = rasterizeText(fill, width, height);
  const plane = width * height;
  for (let i = 0; i < plane; i++) {
    const p = fill.paper + (fill.ink - fill.paper) * (coverage[i] as number);
    for (let ch = 0; ch < 3; ch++) {
      const value = (p - (fill.mean[ch] as number)) / (fill.std[ch] as number);
      data[nchw ? ch * plane + i : i * 3 + ch] = value;
    }
  }
}
