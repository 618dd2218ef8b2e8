/**
 * The card the dashboard's comparison views share ("Does the fastest library change with the
 * browser?", "Time to first answer", "Memory"): a title, the verdict as a badge and a sentence,
 * then a table that scrolls sideways inside the card on a narrow screen. Text goes in through
 * textContent only (dom.ts): labels, device groups and model ids are client data.
 */
import { el } from './dom.ts';

export interface VerdictCard {
  title: HTMLElement;
  /** Gives the card its `is-<verdict>` class (the badge's colour) and `data-verdict`. */
  verdict: string;
  badge: string;
  text: string;
  /** Classes of the table beside `network-table bw-table`. */
  tableClass?: string;
  head: HTMLTableRowElement;
  rows: readonly HTMLTableRowElement[];
  /** Anything to show under the table (a note). */
  after?: readonly HTMLElement[];
}

export function verdictCard(c: VerdictCard): HTMLDivElement {
  const node = el(
    'div',
    { className: `bw-card is-${c.verdict}` },
    c.title,
    el('p', { className: 'bw-verdict' }, el('span', { className: 'bw-badge', text: c.badge }), ' ', c.text),
    el(
      'div',
      { className: 'table-scroll' },
      el(
        'table',
        { className: `network-table bw-table${c.tableClass ? ` ${c.tableClass}` : ''}` },
        el('thead', {}, c.head),
        el('tbody', {}, ...c.rows),
      ),
    ),
    ...(c.after ?? []),
  );
  node.dataset.verdict = c.verdict;
  return node;
}

/** A header cell of a card's table (`num`: right-aligned figures). */
export const headCell = (text: string, title = '', num = true): HTMLTableCellElement =>
  el('th', {
    ...(num ? { className: 'num' } : {}),
    ...(title ? { title } : {}),
    text,
    attrs: { scope: 'col' },
  });
