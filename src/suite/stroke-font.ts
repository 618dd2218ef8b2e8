/**
 * A small built-in stroke font (A–Z, 0–9, space, hyphen) and the layout of one text line as
 * stroke segments in pixels. Glyphs are polylines on a grid whose cap height is 10 units (y
 * down, baseline at 10); curves are sampled with a rational parametrisation of the circle, so
 * only +, −, ×, ÷ are used and every JavaScript engine computes the same coordinates (no
 * Math.sin/cos, whose last bits may differ between engines).
 */

/** A polyline as flat coordinates: x0, y0, x1, y1, … in font units. */
type Polyline = readonly number[];

interface Glyph {
  /** Width of the glyph's box in font units (strokes may reach half a stroke beyond it). */
  width: number;
  strokes: readonly Polyline[];
}

/** Cap height of the font grid, in font units. */
export const CAP_UNITS = 10;
/** Stroke width in font units. */
export const STROKE_UNITS = 1.4;
/** Space between two glyph boxes, in font units. */
const SPACING_UNITS = 3;
/** Samples per quarter turn of an arc. */
const ARC_STEPS = 8;

/**
 * Point of the unit circle at `p` quarter turns from +x, clockwise on screen (0 right, 1 bottom,
 * 2 left, 3 top). Within a quarter the angle is 2·atan(f) for the fraction f, from the rational
 * parametrisation ((1 − f²)/(1 + f²), 2f/(1 + f²)).
 */
function circlePoint(p: number): [number, number] {
  const q = Math.floor(p);
  const f = p - q;
  const c = (1 - f * f) / (1 + f * f);
  const s = (2 * f) / (1 + f * f);
  const quarter = ((q % 4) + 4) % 4;
  if (quarter === 0) return [c, s];
  if (quarter === 1) return [-s, c];
  if (quarter === 2) return [-c, -s];
  return [s, -c];
}

/** An elliptic arc from quarter position `from` to `to` (either direction), as flat coordinates. */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number): number[] {
  const n = Math.max(1, Math.ceil(Math.abs(to - from) * ARC_STEPS));
  const points: number[] = [];
  for (let k = 0; k <= n; k++) {
    const [x, y] = circlePoint(from + ((to - from) * k) / n);
    points.push(cx + rx * x, cy + ry * y);
  }
  return points;
}

/** Glyph "6", reused upside down for "9". */
const SIX: Polyline[] = [arc(3, 7, 3, 3, 0, 4), [...arc(3.6, 6.5, 3.6, 6.5, 3.3, 2), 0, 7]];
const upsideDown = (lines: readonly Polyline[], width: number): Polyline[] =>
  lines.map((line) => line.map((v, i) => (i % 2 ? 10 - v : width - v)));

const GLYPHS: Readonly<Record<string, Glyph>> = Object.freeze({
  ' ': { width: 3, strokes: [] },
  '-': { width: 4, strokes: [[0, 6, 4, 6]] },
  A: {
    width: 6.4,
    strokes: [
      [0, 10, 3.2, 0, 6.4, 10],
      [1.2, 6.6, 5.2, 6.6],
    ],
  },
  B: {
    width: 6,
    strokes: [
      [0, 5, 0, 0, 3.6, 0, ...arc(3.6, 2.5, 2.2, 2.5, 3, 5), 0, 5, 3.8, 5],
      [...arc(3.8, 7.5, 2.4, 2.5, 3, 5), 0, 10, 0, 5],
    ],
  },
  C: { width: 6.2, strokes: [arc(3.4, 5, 3.4, 5, 3.5, 0.5)] },
  D: { width: 6.2, strokes: [[2.6, 10, 0, 10, 0, 0, 2.6, 0, ...arc(2.6, 5, 3.6, 5, 3, 5)]] },
  E: {
    width: 5.6,
    strokes: [
      [5.6, 0, 0, 0, 0, 10, 5.6, 10],
      [0, 5, 4.6, 5],
    ],
  },
  F: {
    width: 5.6,
    strokes: [
      [5.6, 0, 0, 0, 0, 10],
      [0, 5, 4.6, 5],
    ],
  },
  G: { width: 6.8, strokes: [[...arc(3.4, 5, 3.4, 5, 3.5, 0.25), 6.6, 5.4, 3.8, 5.4]] },
  H: {
    width: 6,
    strokes: [
      [0, 0, 0, 10],
      [6, 0, 6, 10],
      [0, 5, 6, 5],
    ],
  },
  I: {
    width: 3,
    strokes: [
      [1.5, 0, 1.5, 10],
      [0, 0, 3, 0],
      [0, 10, 3, 10],
    ],
  },
  J: { width: 5, strokes: [[5, 0, ...arc(2.5, 7, 2.5, 3, 0, 2)]] },
  K: {
    width: 6,
    strokes: [
      [0, 0, 0, 10],
      [6, 0, 0, 6.2],
      [2.2, 4.4, 6, 10],
    ],
  },
  L: { width: 5.4, strokes: [[0, 0, 0, 10, 5.4, 10]] },
  M: { width: 7.4, strokes: [[0, 10, 0, 0, 3.7, 7.4, 7.4, 0, 7.4, 10]] },
  N: { width: 6.2, strokes: [[0, 10, 0, 0, 6.2, 10, 6.2, 0]] },
  O: { width: 7, strokes: [arc(3.5, 5, 3.5, 5, 0, 4)] },
  P: { width: 5.8, strokes: [[0, 10, 0, 0, 3.2, 0, ...arc(3.2, 2.75, 2.6, 2.75, 3, 5), 0, 5.5]] },
  Q: { width: 7, strokes: [arc(3.5, 5, 3.5, 5, 0, 4), [4, 7, 7, 10.6]] },
  R: {
    width: 6,
    strokes: [
      [0, 10, 0, 0, 3.2, 0, ...arc(3.2, 2.75, 2.6, 2.75, 3, 5), 0, 5.5],
      [3, 5.5, 6, 10],
    ],
  },
  S: { width: 6, strokes: [[...arc(3, 2.5, 2.8, 2.5, 3.5, 1), ...arc(3, 7.5, 3, 2.5, 3, 5.5)]] },
  T: {
    width: 6.4,
    strokes: [
      [0, 0, 6.4, 0],
      [3.2, 0, 3.2, 10],
    ],
  },
  U: { width: 6, strokes: [[0, 0, ...arc(3, 7, 3, 3, 2, 0), 6, 0]] },
  V: { width: 6.4, strokes: [[0, 0, 3.2, 10, 6.4, 0]] },
  W: { width: 8.4, strokes: [[0, 0, 2.1, 10, 4.2, 2.6, 6.3, 10, 8.4, 0]] },
  X: {
    width: 6.2,
    strokes: [
      [0, 0, 6.2, 10],
      [6.2, 0, 0, 10],
    ],
  },
  Y: {
    width: 6.4,
    strokes: [
      [0, 0, 3.2, 5.2, 6.4, 0],
      [3.2, 5.2, 3.2, 10],
    ],
  },
  Z: { width: 6, strokes: [[0, 0, 6, 0, 0, 10, 6, 10]] },
  '0': { width: 5.6, strokes: [arc(2.8, 5, 2.8, 5, 0, 4)] },
  '1': { width: 4, strokes: [[0.6, 2.2, 3.2, 0, 3.2, 10]] },
  '2': { width: 6, strokes: [[...arc(3, 3, 3, 3, 2.3, 4.4), 0, 10, 6.2, 10]] },
  '3': {
    width: 6,
    strokes: [
      [...arc(3, 2.5, 2.7, 2.5, 2.5, 5), ...arc(3, 7.5, 3, 2.5, 3, 5.5)],
      [1.8, 5, 3, 5],
    ],
  },
  '4': { width: 6.2, strokes: [[4.6, 10, 4.6, 0, 0, 7, 6.2, 7]] },
  '5': { width: 6, strokes: [[5.6, 0, 0.8, 0, 0.5, 4.4, 3, 4, ...arc(3, 7, 3, 3, 3, 5.6)]] },
  '6': { width: 6, strokes: SIX },
  '7': { width: 6, strokes: [[0, 0, 6, 0, 2, 10]] },
  '8': { width: 6, strokes: [arc(3, 2.6, 2.6, 2.4, 0, 4), arc(3, 7.4, 3, 2.6, 0, 4)] },
  '9': { width: 6, strokes: upsideDown(SIX, 6) },
});

/** Characters the font can draw. */
export const FONT_CHARACTERS = Object.freeze(Object.keys(GLYPHS).join(''));

/** One straight stroke segment in pixels. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A text line laid out in pixels: its stroke segments, stroke radius and ink bounding box. */
export interface LaidOutLine {
  segments: Segment[];
  /** Half the stroke width, px. */
  radius: number;
  /** Bounding box of the ink (strokes with their width), px: [x0, y0, x1, y1]. */
  box: [number, number, number, number];
}

/**
 * Lays out `text` with its cap-height box's top-left corner at (x, y) and a cap height of
 * `size` px. Throws on a character the font lacks.
 */
export function layoutLine(text: string, x: number, y: number, size: number): LaidOutLine {
  const unit = size / CAP_UNITS;
  const radius = (STROKE_UNITS * unit) / 2;
  const segments: Segment[] = [];
  let pen = 0;
  let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const char of text) {
    const glyph = GLYPHS[char];
    if (!glyph) throw new Error(`the stroke font has no glyph for "${char}" (it has ${FONT_CHARACTERS})`);
    for (const line of glyph.strokes) {
      for (let i = 0; i + 3 < line.length; i += 2) {
        const seg = {
          x0: x + (pen + (line[i] as number)) * unit,
          y0: y + (line[i + 1] as number) * unit,
          x1: x + (pen + (line[i + 2] as number)) * unit,
          y1: y + (line[i + 3] as number) * unit,
        };
        segments.push(seg);
        box = [
          Math.min(box[0], seg.x0 - radius, seg.x1 - radius),
          Math.min(box[1], seg.y0 - radius, seg.y1 - radius),
          Math.max(box[2], seg.x0 + radius, seg.x1 + radius),
          Math.max(box[3], seg.y0 + radius, seg.y1 + radius),
        ];
      }
    }
    pen += glyph.width + SPACING_UNITS;
  }
  if (!segments.length) box = [x, y, x, y];
  return { segments, radius, box };
}
