/**
 * The "Same network, different libraries" section: per network, one small table per device group
 * and browser (side by side on a wide screen), one row per library (its fastest backend there),
 * fastest first, with the median, its 95% CI and the multiple of the fastest library. Written with
 * textContent only.
 */
import { formatMs, optionsLabel } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import { ratioColours } from './colour.ts';
import { el } from './dom.ts';
import { browserLabel } from './model.ts';
import type { NetworkComparison, NetworkStanding } from './networks.ts';

function libraryRow(network: string, s: NetworkStanding): HTMLTableRowElement {
  const opts = optionsLabel(s.options);
  const swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
  swatch.style.background = ratioColours(s.ratio).background;
  const row = el(
    'tr',
    { className: s.ratio === 1 ? 'is-best' : '' },
    el(
      'td',
      { className: 'case' },
      el('span', {
        className: 'case-model net-library',
        text: `${s.runtime} · ${s.backend}${opts ? ` (${opts})` : ''}`,
      }),
      el('span', { className: 'case-runtime net-entry', text: s.model }),
    ),
    el(
      'td',
      { className: 'num', title: `median of ${s.runs} run${s.runs === 1 ? '' : 's'}` },
      el('span', { className: 'net-median', text: formatMs(s.medianMs) }),
      el('span', { className: 'net-ci', text: `${formatMs(s.ciMs[0])}–${formatMs(s.ciMs[1])}` }),
    ),
    el(
      'td',
      { className: 'num ratio' },
      swatch,
      el('span', { className: 'net-ratio', text: formatRatio(s.ratio) }),
    ),
  );
  row.dataset.network = network;
  row.dataset.runtime = s.runtime;
  return row;
}

/** One network on one device group and browser: a table of its libraries, fastest first. */
function comparisonTable(c: NetworkComparison): HTMLTableElement {
  const where = el('caption', { className: 'network-where' }, `${c.deviceGroup} · ${browserLabel(c)}`);
  if (c.emulated) where.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const head = el(
    'tr',
    {},
    el('th', { text: 'Library · backend', attrs: { scope: 'col' } }),
    el('th', {
      className: 'num',
      text: 'Median ms',
      title: 'median ms and its 95% CI',
      attrs: { scope: 'col' },
    }),
    el('th', { className: 'num', text: '× fastest', attrs: { scope: 'col' } }),
  );
  const table = el(
    'table',
    { className: 'network-table' },
    where,
    el('thead', {}, head),
    el('tbody', {}, ...c.standings.map((s) => libraryRow(c.network, s))),
  );
  table.dataset.network = c.network;
  table.dataset.deviceGroup = c.deviceGroup;
  table.dataset.browser = c.browser;
  return table;
}

/** One network: its name, then a card per device group and browser (side by side when wide). */
function networkBlock(network: string, comparisons: readonly NetworkComparison[]): HTMLElement {
  const block = el(
    'div',
    { className: 'network-block' },
    el('h3', { className: 'network-name', text: network }),
    el(
      'div',
      { className: 'network-grid' },
      ...comparisons.map((c) => el('div', { className: 'network-card table-scroll' }, comparisonTable(c))),
    ),
  );
  block.dataset.network = network;
  return block;
}

/**
 * Draws `comparisons` (sorted by network) into `target`, or says why there is nothing: `model`
 * is the model filter, named when it has no other format to compare with.
 */
export function renderNetworks(
  target: HTMLElement,
  comparisons: readonly NetworkComparison[],
  model: string,
  modelHasNetwork: boolean,
): void {
  if (comparisons.length === 0) {
    const why =
      model && !modelHasNetwork
        ? `${model} is not in the catalog in another format, so there is no other library to compare it with.`
        : 'No network has been measured on two or more libraries on one device group and browser with these filters.';
    target.replaceChildren(el('p', { className: 'muted', text: why }));
    return;
  }
  const byNetwork = new Map<string, NetworkComparison[]>();
  for (const c of comparisons) {
    const list = byNetwork.get(c.network) ?? [];
    list.push(c);
    byNetwork.set(c.network, list);
  }
  target.replaceChildren(...[...byNetwork].map(([network, list]) => networkBlock(network, list)));
}
