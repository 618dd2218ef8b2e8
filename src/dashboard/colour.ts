/**
 * The heatmap's colour scale: a ratio (1 = tie) on a log scale from pale (tie) to dark red (4× or
 * more), with a text colour that stays readable on it.
 */

/** Ratio at which the scale saturates. */
export const RATIO_MAX = 4;

/** Pale yellow → orange → dark red (a sequential scheme that reads in light and dark mode). */
const STOPS: readonly (readonly [number, number, number])[] = [
  [255, 250, 220],
  [254, 227, 145],
  [253, 174, 97],
  [240, 101, 62],
  [165, 0, 38],
];

/** 0 for a tie, 1 at RATIO_MAX or more. */
export function ratioPosition(ratio: number): number {
  if (!(ratio > 1)) return 0;
  return Math.min(1, Math.log(ratio) / Math.log(RATIO_MAX));
}

export function colourAt(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i] as readonly number[];
  const b = STOPS[i + 1] as readonly number[];
  const mix = (k: number) => Math.round((a[k] as number) + ((b[k] as number) - (a[k] as number)) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Background and text colour of a cell showing this ratio. */
export function ratioColours(ratio: number): { background: string; color: string } {
  const t = ratioPosition(ratio);
  return { background: colourAt(t), color: t > 0.62 ? '#ffffff' : '#1b1f24' };
}

/** CSS gradient of the whole scale, for the legend. */
export function scaleGradient(): string {
  const steps = Array.from({ length: 9 }, (_, i) => `${colourAt(i / 8)} ${(i / 8) * 100}%`);
  return `linear-gradient(to right, ${steps.join(', ')})`;
}
