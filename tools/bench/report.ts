/**
 * The readable table `npm run bench` prints after a run: one line per case.
 */

import { checkText, formatMs as ms, optionsLabel } from '../../src/report/format.ts';
import type { Run } from '../../src/schema/run.ts';
import { formatTable } from './list.ts';

export function runTable(run: Run): string {
  const rows = run.cases.map((c) => {
    const warm = c.timings?.warm;
    const opts = optionsLabel(c.options) ? ` (${optionsLabel(c.options)})` : '';
    return [
      c.model,
      `${c.runtime}/${c.backend}${opts}`,
      c.status,
      c.timings ? ms(c.timings.firstMs) : '',
      warm ? ms(warm.medianMs) : '',
      warm ? `${ms(warm.ci95Ms[0])}–${ms(warm.ci95Ms[1])}` : '',
      warm ? String(warm.n) : '',
      checkText(c) ?? '',
      c.status === 'ok' ? '' : (c.error ?? '').slice(0, 70),
    ];
  });
  return formatTable(
    ['model', 'runtime/backend', 'status', 'first ms', 'median ms', '95% CI', 'n', 'check', 'reason'],
    rows,
  );
}
