/**
 * The readable tables `npm run bench` prints after a run: one line per case (with its time to first
 * answer, its peak WASM heap as a multiple of the model's size, and its median as a multiple of the
 * fastest checked case of its model), then, for every network the run measured on
 * several libraries, the libraries ranked by their best case; then one line per scenario the run
 * holds (its status and headline, or why it did not run).
 */

import {
  checkText,
  firstAnswerText,
  formatBytes,
  formatMs as ms,
  optionsLabel,
  peakHeapText,
} from '../../src/report/format.ts';
import { bestPerModel, formatRatio, rankNetworks, ratioToBest } from '../../src/report/ranking.ts';
import type { Run } from '../../src/schema/run.ts';
import { networkOf } from '../../src/suite/catalog.ts';
import { formatTable } from './list.ts';

function label(runtime: string, backend: string, options: Run['cases'][number]['options']): string {
  const opts = optionsLabel(options);
  return `${runtime}/${backend}${opts ? ` (${opts})` : ''}`;
}

/** The reason column: why a case is not ok (in 70 characters), or that its timings are not comparable. */
function caseReason(c: Run['cases'][number]): string {
  if (c.status === 'ok') return c.visibilityLost ? 'page hidden: not comparable' : '';
  // The crash message is long; its gist fits.
  if (c.status === 'crashed') return 'the page closed or crashed during this case; not re-run';
  return (c.error ?? '').slice(0, 70);
}

export function runTable(run: Run): string {
  const best = bestPerModel(run.cases);
  const rows = run.cases.map((c) => {
    const warm = c.timings?.warm;
    const ratio = ratioToBest(c, best);
    return [
      c.model,
      label(c.runtime, c.backend, c.options),
      c.status,
      c.timings ? ms(c.timings.firstMs) : '',
      firstAnswerText(c) ?? '',
      peakHeapText(c) ?? '',
      warm ? ms(warm.medianMs) : '',
      warm ? `${ms(warm.ci95Ms[0])}–${ms(warm.ci95Ms[1])}` : '',
      warm ? String(warm.n) : '',
      ratio === undefined ? '' : formatRatio(ratio),
      checkText(c) ?? '',
      caseReason(c),
    ];
  });
  return formatTable(
    [
      'model',
      'runtime/backend',
      'status',
      'first ms',
      'first answer ms',
      'peak heap',
      'median ms',
      '95% CI',
      'n',
      '× best',
      'check',
      'reason',
    ],
    rows,
  );
}

/** Library ranking per network measured on two or more libraries; empty string when there is none. */
export function networkTable(run: Run): string {
  const rankings = rankNetworks(run.cases, networkOf);
  const rows = rankings.flatMap((r) =>
    r.standings.map((s, i) => [
      i === 0 ? r.network : '',
      String(i + 1),
      s.runtime,
      label('', s.backend, s.options).slice(1),
      s.model,
      ms(s.medianMs),
      formatRatio(s.ratio),
    ]),
  );
  if (!rows.length) return '';
  return formatTable(['network', '#', 'library', 'best backend', 'model entry', 'median ms', '× best'], rows);
}

/** Why a scenario has no figures: its error, or the page losing visibility. */
function reason(r: NonNullable<Run['scenarios']>[number]): string {
  const why = r.error ?? (r.visibilityLost ? 'the page lost visibility: timings not comparable' : '');
  return why.slice(0, 120);
}

/** One line per scenario result: id, version, status and the headline (or the error); '' for none. */
export function scenarioTable(run: Run): string {
  const results = run.scenarios ?? [];
  if (!results.length) return '';
  const rows = results.map((r) => [
    r.id,
    r.version,
    r.status,
    r.status === 'ok' ? (r.headline?.text ?? '(no headline)') : reason(r),
  ]);
  return formatTable(['scenario', 'version', 'status', 'headline'], rows);
}

type RunCase = Run['cases'][number];

/** Bytes a case fetched over the network before its first answer: library code and model. */
export function transferred(c: RunCase): number | undefined {
  const lib = c.coldStart?.library?.transferBytes;
  const model = c.coldStart?.model ? (c.coldStart.model.transferBytes ?? 0) : undefined;
  return lib === undefined && model === undefined ? undefined : (lib ?? 0) + (model ?? 0);
}

const caseKey = (c: RunCase) => `${c.model} ${c.runtime}/${c.backend} ${JSON.stringify(c.options ?? {})}`;

/**
 * `--repeat-visit`: per case of the first visit, its time to first answer and bytes fetched on the
 * first and on the repeat visit of the same profile, and how much faster the repeat was.
 */
export function visitTable(first: Run, repeat: Run): string {
  const again = new Map(repeat.cases.map((c) => [caseKey(c), c]));
  const rows = first.cases
    .filter((c) => c.coldStart?.firstAnswerMs !== undefined)
    .map((c) => {
      const r = again.get(caseKey(c));
      const a = c.coldStart?.firstAnswerMs as number;
      const b = r?.coldStart?.firstAnswerMs;
      const bytes = (x: number | undefined) => (x === undefined ? '' : formatBytes(x));
      return [
        c.model,
        label(c.runtime, c.backend, c.options),
        ms(a),
        b === undefined ? '' : ms(b),
        b === undefined || b <= 0 ? '' : formatRatio(a / b),
        bytes(transferred(c)),
        bytes(r && transferred(r)),
      ];
    });
  if (!rows.length) return '(no case reported its time to first answer)';
  return formatTable(
    [
      'model',
      'runtime/backend',
      'first answer, 1st visit ms',
      'repeat visit ms',
      'speed-up',
      'fetched, 1st visit',
      'repeat visit',
    ],
    rows,
  );
}
