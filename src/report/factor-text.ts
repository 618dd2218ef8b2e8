/**
 * The words of the three-factor comparison (three-factors.ts), one way for the page, the dashboard
 * and the bench: a library's best reduced format, and the verdict with the factors behind it.
 */
import { formatRatio } from './ranking.ts';
import type { LibraryFactors, ThreeFactors } from './three-factors.ts';

/** Which backend a library's float32 baseline ran on, and "float16 weights" when it is a stand-in's. */
export function baselineLabel(cpu: NonNullable<LibraryFactors['cpu']>): string {
  return cpu.stored ? `${cpu.backend} · ${cpu.stored} weights` : cpu.backend;
}

/** A library's fastest reduced format in two parts, e.g. "uint8 (weights)" and "1.01×"; undefined for none. */
export function bestFormatParts(l: LibraryFactors): { format: string; ratio: string } | undefined {
  const best = [...l.formats].sort((a, b) => b.gain - a.gain)[0];
  if (!best) return undefined;
  return {
    format: `${best.stored}${best.computed !== best.stored ? ' (weights)' : ''}`,
    ratio: formatRatio(best.gain),
  };
}

/** A library's fastest reduced format, e.g. "int8 2.10×" or "uint8 (weights) 1.01×"; "—" for none. */
export function bestFormatText(l: LibraryFactors): string {
  const parts = bestFormatParts(l);
  return parts ? `${parts.format} ${parts.ratio}` : '—';
}

/**
 * e.g. "GPU matters most: library 1.80× · number format 2.10× (int8, ort) · GPU 3.40× (tfjs · webgl)";
 * `softwareGpu` marks GPU figures that say nothing about GPU speed.
 */
export function verdictText(t: ThreeFactors, softwareGpu = false): string {
  const parts = [
    t.librarySpread && `library ${formatRatio(t.librarySpread.ratio)}`,
    t.bestFormat &&
      `number format ${formatRatio(t.bestFormat.gain)} (${t.bestFormat.stored}, ${t.bestFormat.runtime})`,
    t.bestGpu &&
      `GPU ${formatRatio(t.bestGpu.gain)} (${t.bestGpu.runtime} · ${t.bestGpu.backend}${softwareGpu ? ', software GPU' : ''})`,
  ].filter((p): p is string => Boolean(p));
  const head = t.verdict
    ? `${t.verdict} matters most`
    : parts.length < 2
      ? 'one factor measured'
      : 'no factor speeds it up';
  return `${head}: ${parts.join(' · ')}`;
}
