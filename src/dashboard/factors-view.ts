/**
 * The "Library, number format or GPU?" section: per network, a card per device group and browser
 * with the verdict (which factor buys the most there) and one row per library — its best float32
 * CPU median, its best reduced format's speed-up and its GPU's. Written with textContent only.
 */

import { baselineLabel, bestFormatParts, bestGpuFormatParts, verdictText } from '../report/factor-text.ts';
import { formatMs } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import type { LibraryFactors } from '../report/three-factors.ts';
import { el } from './dom.ts';
import type { FactorColumn } from './factors.ts';
import { browserLabel } from './model.ts';

/** A figure with a small line above it (which format, which backend), so the card fits a phone. */
function twoLines(detail: string, figure: string): HTMLTableCellElement {
  return el('td', { className: 'num' }, el('span', { className: 'factor-format', text: detail }), figure);
}

const none = () => el('td', { className: 'num', text: '—' });

/** The best CPU format's name over its speed-up, then the best GPU format's ("float16 · GPU"). */
function formatCell(l: LibraryFactors): HTMLTableCellElement {
  const parts = [bestFormatParts(l), bestGpuFormatParts(l)].filter((p) => p !== undefined);
  if (!parts.length) return none();
  return el(
    'td',
    { className: 'num' },
    ...parts.flatMap((p) => [el('span', { className: 'factor-format', text: p.format }), p.ratio]),
  );
}

function card(c: FactorColumn): HTMLElement {
  const where = el('caption', { className: 'network-where' }, `${c.deviceGroup} · ${browserLabel(c)}`);
  if (c.emulated) where.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const head = el(
    'tr',
    {},
    el('th', { text: 'Library', attrs: { scope: 'col' } }),
    el('th', {
      className: 'num',
      text: 'CPU ms',
      title: 'best float32 median on a CPU backend',
      attrs: { scope: 'col' },
    }),
    el('th', { className: 'num', text: 'Format ×', attrs: { scope: 'col' } }),
    el('th', { className: 'num', text: 'GPU ×', attrs: { scope: 'col' } }),
  );
  const rows = c.factors.libraries.map((l) => {
    const row = el(
      'tr',
      {},
      el('td', { className: 'case', text: l.runtime }),
      l.cpu ? twoLines(baselineLabel(l.cpu), formatMs(l.cpu.medianMs)) : none(),
      formatCell(l),
      l.gpu?.gain === undefined ? none() : twoLines(l.gpu.backend, formatRatio(l.gpu.gain)),
    );
    row.dataset.runtime = l.runtime;
    return row;
  });
  const table = el(
    'table',
    { className: 'network-table' },
    where,
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
  const box = el(
    'div',
    { className: 'network-card table-scroll' },
    el('p', { className: 'factor-verdict', text: verdictText(c.factors) }),
    table,
  );
  box.dataset.network = c.factors.network;
  box.dataset.deviceGroup = c.deviceGroup;
  box.dataset.verdict = c.factors.verdict ?? '';
  return box;
}

/** Draws the columns (sorted by network) into `target`, or says why there is nothing. */
export function renderFactors(target: HTMLElement, columns: readonly FactorColumn[]): void {
  if (columns.length === 0) {
    target.replaceChildren(
      el('p', {
        className: 'muted',
        text: 'No network has been measured in a reduced number format or on a GPU beside float32 on the CPU with these filters.',
      }),
    );
    return;
  }
  const byNetwork = new Map<string, FactorColumn[]>();
  for (const c of columns) byNetwork.set(c.factors.network, [...(byNetwork.get(c.factors.network) ?? []), c]);
  target.replaceChildren(
    ...[...byNetwork].map(([network, list]) => {
      const block = el(
        'div',
        { className: 'network-block' },
        el('h3', { className: 'network-name', text: network }),
        el('div', { className: 'network-grid factor-grid' }, ...list.map(card)),
      );
      block.dataset.network = network;
      return block;
    }),
  );
}
