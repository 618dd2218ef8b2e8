/**
 * `npm run bench`'s "library, number format or GPU?" table: for every network the run measured
 * in a reduced number format or on several libraries, each library's best float32 CPU median and
 * what a reduced format and the GPU change within it, then the spread between libraries and the
 * factor that buys the most (src/report/three-factors.ts). GPU gains on a software GPU say nothing
 * about GPU speed, and the table says so.
 */
import { factorInputs } from '../../src/report/factor-inputs.ts';
import { baselineLabel, verdictText } from '../../src/report/factor-text.ts';
import { formatBytes, formatMs as ms } from '../../src/report/format.ts';
import { formatRatio } from '../../src/report/ranking.ts';
import { allThreeFactors, type FormatGain } from '../../src/report/three-factors.ts';
import type { Run } from '../../src/schema/run.ts';
import { factorEntry } from '../../src/suite/catalog.ts';
import { formatTable } from './list.ts';

const FORMATS = ['int8', 'float16', 'uint8'] as const;

function formatCell(f: FormatGain | undefined): string {
  if (!f) return '';
  const size = f.sizeRatio === undefined ? '' : `, ${(f.sizeRatio * 100).toFixed(0)}% size`;
  const computed = f.computed !== f.stored ? ` (computes ${f.computed})` : '';
  return `${formatRatio(f.gain)}${computed}${size}`;
}

/** The table and one verdict line per network; '' when the run compares nothing. */
export function factorsTable(run: Run): string {
  const all = allThreeFactors(factorInputs(run.cases, factorEntry));
  if (!all.length) return '';
  const softwareGpu = run.env.softwareGpu !== undefined;
  const rows = all.flatMap((t) =>
    t.libraries.map((l, i) => [
      i === 0 ? t.network : '',
      l.runtime,
      l.cpu ? `${ms(l.cpu.medianMs)} (${baselineLabel(l.cpu)})` : '',
      l.cpu?.bytes === undefined ? '' : formatBytes(l.cpu.bytes),
      ...FORMATS.map((f) => formatCell(l.formats.find((g) => g.stored === f))),
      l.gpu?.gain === undefined ? '' : `${formatRatio(l.gpu.gain)} (${l.gpu.backend})`,
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
    ],
    rows,
  );
  return `${table}\n${all.map((t) => `${t.network}: ${verdictText(t, softwareGpu)}`).join('\n')}`;
}
