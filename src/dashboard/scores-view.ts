/**
 * "Scores by device group": for the newest score version any run has, each device group's median
 * CPU and GPU score over its runs (`GET /api/scores`), highest CPU score first. The score is
 * computed by the server from each run's cases (docs/methodology.md, "The score"). Text only.
 */
import type { ScoreGroups } from '../schema/api.ts';
import { el } from './dom.ts';
import type { Filters } from './model.ts';

type Cell = ScoreGroups['groups'][number]['cpu'];

function cell(value: Cell): HTMLTableCellElement {
  if (!value) return el('td', { className: 'num muted', text: '—' });
  return el(
    'td',
    { className: 'num' },
    String(Math.round(value.score)),
    el('span', { className: 'muted', text: ` (${value.runs} run${value.runs === 1 ? '' : 's'})` }),
  );
}

/** Fills `target` with the table, or a line saying why there is none (`scores` is an error text). */
export function renderScores(target: HTMLElement, scores: ScoreGroups | string, filters: Filters): void {
  if (typeof scores === 'string') {
    target.replaceChildren(el('p', { className: 'muted', text: scores }));
    return;
  }
  const groups = scores.groups.filter((g) => filters.emulated || !g.emulated);
  if (!scores.version || groups.length === 0) {
    target.replaceChildren(
      el('p', {
        className: 'muted',
        text: 'No run has a score yet: scores come from runs of the phone suite.',
      }),
    );
    return;
  }
  const head = el(
    'tr',
    {},
    ...['Device group', 'CPU score', 'GPU score'].map((text, i) =>
      el('th', { text, className: i ? 'num' : '', attrs: { scope: 'col' } }),
    ),
  );
  const rows = groups.map((g) => {
    const name = el('th', { text: g.deviceGroup, attrs: { scope: 'row' } });
    if (g.emulated) name.append(' ', el('span', { className: 'tag', text: 'emulated' }));
    const row = el('tr', {}, name, cell(g.cpu), cell(g.gpu));
    row.dataset.group = g.deviceGroup;
    return row;
  });
  target.replaceChildren(
    el('p', {
      className: 'section-caption',
      text: `Score ${scores.version}: each device group's median over its runs; 100 is the reference device, 200 twice as fast on the typical model.`,
    }),
    el(
      'div',
      { className: 'table-scroll' },
      el('table', { className: 'scores-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    ),
  );
}
