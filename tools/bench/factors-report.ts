/**
 * `npm run bench`'s "library, number format or GPU?" table: for every network the run measured
 * in a reduced number format or on several libraries, each library's best float32 CPU median and
 * what a reduced format (on the CPU, and on the GPU beside its float32 on the GPU) and the GPU
 * change within it, then the spread between libraries and the factor that buys the most
 * (src/report/three-factors.ts). GPU gains on a software GPU say nothing about GPU speed, and the
 * table says so. Several runs of one machine (a CPU run and a GPU run) can be weighed together.
 */
import { factorInputs } from '../../src/report/factor-inputs.ts';
import { baselineLabel, formatName, verdictText } from '../../src/report/factor-text.ts';
import { formatBytes, formatMs as ms } from '../../src/report/format.ts';
import { formatRatio } from '../../src/report/ranking.ts';
import { allThreeFactors, type FormatGain } from '../../src/report/three-factors.ts';
import type { Case, Run } from '../../src/schema/run.ts';
import { factorEntry } from '../../src/suite/catalog.ts';
import { formatTable } from './list.ts';

const FORMATS = ['int8', 'float16', 'uint8'] as const;

function formatCell(f: FormatGain | undefined): string {
  if (!f) return '';
  const size = f.sizeRatio === undefined ? '' : `, ${(f.sizeRatio * 100).toFixed(0)}% size`;
  const computed = f.computed !== f.stored ? ` (computes ${f.computed})` : '';
  return `${formatRatio(f.gain)}${computed}${size}`;
}

/** Every reduced format on the GPU, e.g. "float16 1.52× (webgpu)"; weights-only ones say so. */
function gpuFormatsCell(gains: readonly FormatGain[]): string {
  return gains.map((f) => `${formatName(f)} ${formatRatio(f.gain)} (${f.backend})`).join('; ');
}

/** The table and one verdict line per network for these cases; '' when they compare nothing. */
export function factorsTableOf(cases: readonly Case[], softwareGpu: boolean): string {
  const all = allThreeFactors(factorInputs(cases, factorEntry));
  if (!all.length) return '';
  const rows = all.flatMap((t) =>
    t.libraries.map((l, i) => [
      i === 0 ? t.network : '',
      l.runtime,
      l.cpu ? `${ms(l.cpu.medianMs)} (${baselineLabel(l.cpu)})` : '',
      l.cpu?.bytes === undefined ? '' : formatBytes(l.cpu.bytes),
      ...FORMATS.map((f) => formatCell(l.formats.find((g) => g.stored === f))),
      l.gpu?.gain === undefined ? '' : `${formatRatio(l.gpu.gain)} (${l.gpu.backend})`,
      gpuFormatsCell(l.gpuFormats),
    ]),
  );
  const table = formatTable(
    [
      'network',
      'library',
      'float32 CPU ms',
      'float32 files',
      'int8 ×',
      'float16 ×',
      'uint8 weights ×',
      'GPU ×',
      'format on GPU ×',
    ],
    rows,
  );
  return `${table}\n${all.map((t) => `${t.network}: ${verdictText(t, softwareGpu)}`).join('\n')}`;
}

/** The table of one run's cases. */
export function factorsTable(run: Run): string {
  return factorsTableOf(run.cases, run.env.softwareGpu !== undefined);
}
