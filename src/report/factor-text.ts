/**
 * The words of the three-factor comparison (three-factors.ts), one way for the page, the dashboard
 * and the bench: a library's best reduced format (on the CPU, and on the GPU marked so), and the
 * verdict with the factors behind it.
 */
import { formatRatio } from './ranking.ts';
import type { FormatGain, LibraryFactors, ThreeFactors } from './three-factors.ts';

/** Which backend a library's float32 baseline ran on, and "float16 weights" when it is a stand-in's. */
export function baselineLabel(cpu: NonNullable<LibraryFactors['cpu']>): string {
  return cpu.stored ? `${cpu.backend} · ${cpu.stored} weights` : cpu.backend;
}

/** A format's name: "(weights)" when it computes in another format than it stores. */
export const formatName = (f: Pick<FormatGain, 'stored' | 'computed'>): string =>
  `${f.stored}${f.computed !== f.stored ? ' (weights)' : ''}`;

const fastest = (gains: readonly FormatGain[]): FormatGain | undefined =>
  [...gains].sort((a, b) => b.gain - a.gain)[0];

/** A library's fastest reduced format on the CPU in two parts, e.g. "uint8 (weights)" and "1.01×"; undefined for none. */
export function bestFormatParts(l: LibraryFactors): { format: string; ratio: string } | undefined {
  const best = fastest(l.formats);
  return best && { format: formatName(best), ratio: formatRatio(best.gain) };
}

/**
 * A library's fastest reduced format on a GPU backend (its gain over the library's float32 on the
 * GPU), e.g. "float16 · GPU" and "1.50×"; undefined for none. No-break spaces keep "float16
 * (weights)" and "· GPU" whole where a narrow table wraps the label.
 */
export function bestGpuFormatParts(l: LibraryFactors): { format: string; ratio: string } | undefined {
  const best = fastest(l.gpuFormats);
  return (
    best && { format: `${formatName(best).replace(' ', '\u00a0')} ·\u00a0GPU`, ratio: formatRatio(best.gain) }
  );
}

/** A library's fastest reduced format, e.g. "int8 2.10×" or "uint8 (weights) 1.01×"; "—" for none. */
export function bestFormatText(l: LibraryFactors): string {
  const parts = bestFormatParts(l);
  return parts ? `${parts.format} ${parts.ratio}` : '—';
}

/**
 * e.g. "GPU matters most: library 1.80× · number format 2.10× (int8, ort) · GPU 3.40× (tfjs · webgl)";
 * a format gain on the GPU says "(float16 on GPU, litert)"; `softwareGpu` marks GPU figures that
 * say nothing about GPU speed.
 */
export function verdictText(t: ThreeFactors, softwareGpu = false): string {
  const parts = [
    t.librarySpread && `library ${formatRatio(t.librarySpread.ratio)}`,
    t.bestFormat &&
      `number format ${formatRatio(t.bestFormat.gain)} (${t.bestFormat.stored}${t.bestFormat.onGpu ? ' on GPU' : ''}, ${t.bestFormat.runtime}${t.bestFormat.onGpu && softwareGpu ? ', software GPU' : ''})`,
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
