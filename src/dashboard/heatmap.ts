/**
 * The heatmap: one row per model, one column per device group and browser. Each cell names the
 * fastest runtime/backend and is coloured by how much slower the runner-up (or the chosen runtime)
 * is. Cells are buttons (select the model for the chart) with the numbers in their accessible name.
 */
import { formatMs } from '../report/format.ts';
import { RATIO_MAX, ratioColours, ratioPosition, scaleGradient } from './colour.ts';
import { el } from './dom.ts';
import { browserLabel, type Cell, type Column, cellKey, type Heatmap, ratioText } from './model.ts';

export function columnHeader(column: Column): HTMLTableCellElement {
  const th = el(
    'th',
    { attrs: { scope: 'col' }, className: column.emulated ? 'col emulated' : 'col' },
    el('span', { className: 'col-group', text: column.deviceGroup }),
    el('span', { className: 'col-browser', text: browserLabel(column) }),
  );
  if (column.emulated) th.append(el('span', { className: 'tag', text: 'emulated' }));
  return th;
}

/** The sentence behind a cell, for its title and accessible name. */
export function describeCell(cell: Cell, compare: string): string {
  const { group, best, other, ratio } = cell;
  const where = `${group.model} on ${group.deviceGroup} · ${browserLabel(group)}${group.emulated ? ' (emulated)' : ''}`;
  const fastest = `fastest: ${best.label}, median ${formatMs(best.medianMs)} ms`;
  const counts = `${group.runs} run${group.runs === 1 ? '' : 's'}, ${group.devices} device${group.devices === 1 ? '' : 's'}`;
  let versus: string;
  if (other && ratio !== undefined) {
    versus =
      other === best
        ? `${other.label} is the fastest`
        : `${compare ? '' : 'runner-up: '}${other.label}, ${formatMs(other.medianMs)} ms, ${ratioText(ratio)} the best`;
  } else {
    versus = compare ? `${compare}: no results here` : 'no other runtime to compare with';
  }
  return `${where}. ${fastest}; ${versus}; ${counts}.`;
}

function cellNode(
  cell: Cell | undefined,
  compare: string,
  onPick: (model: string) => void,
): HTMLTableCellElement {
  if (!cell) return el('td', { className: 'cell cell-empty', text: '—', title: 'no results' });
  const label = describeCell(cell, compare);
  const ratio = cell.ratio;
  const button = el(
    'button',
    { className: 'cell-button', title: label, attrs: { type: 'button', 'aria-label': label } },
    el('span', { className: 'cell-best', text: cell.best.label }),
    el('span', {
      className: 'cell-ratio',
      text: ratio === undefined ? 'n/a' : cell.other === cell.best ? 'best' : ratioText(ratio),
    }),
  );
  button.addEventListener('click', () => onPick(cell.group.model));
  const td = el('td', { className: ratio === undefined ? 'cell cell-none' : 'cell' }, button);
  if (ratio !== undefined) {
    const { background, color } = ratioColours(ratio);
    td.style.background = background;
    button.style.color = color;
    td.dataset.ratio = ratio.toFixed(3);
  }
  td.dataset.best = cell.best.label;
  return td;
}

export function renderHeatmap(
  target: HTMLElement,
  heatmap: Heatmap,
  compare: string,
  onPick: (model: string) => void,
): void {
  const head = el('tr', {}, el('th', { text: 'Model', attrs: { scope: 'col' }, className: 'corner' }));
  head.append(...heatmap.columns.map(columnHeader));
  const body = el('tbody');
  for (const model of heatmap.rows) {
    const row = el('tr', {}, el('th', { text: model, attrs: { scope: 'row' }, className: 'row-model' }));
    for (const column of heatmap.columns) {
      row.append(cellNode(heatmap.cells.get(cellKey(model, column.key)), compare, onPick));
    }
    body.append(row);
  }
  const caption = compare
    ? `Fastest runtime · backend per model and device; colour: how much slower ${compare} is than the fastest`
    : 'Fastest runtime · backend per model and device; colour: how much slower the runner-up is';
  target.replaceChildren(
    el(
      'table',
      { className: 'heatmap' },
      el('caption', { className: 'visually-hidden', text: caption }),
      el('thead', {}, head),
      body,
    ),
  );
}

/** The legend: the colour scale from tie to RATIO_MAX×, and the no-comparison swatch. */
export function renderLegend(target: HTMLElement, compare: string): void {
  const bar = el('div', { className: 'legend-bar', attrs: { 'aria-hidden': 'true' } });
  bar.style.background = scaleGradient();
  const ticks = el('div', { className: 'legend-ticks', attrs: { 'aria-hidden': 'true' } });
  for (const r of [1, 1.5, 2, 3, RATIO_MAX]) {
    const tick = el('span', { text: r === RATIO_MAX ? `≥${r}×` : `${r}×` });
    tick.style.left = `${ratioPosition(r) * 100}%`;
    ticks.append(tick);
  }
  const who = compare || 'the runner-up';
  target.replaceChildren(
    el('p', {
      className: 'legend-text',
      text: `Colour: ${who} ÷ the fastest (median ms). 1× is a tie; ${RATIO_MAX}× or more is darkest.`,
    }),
    el('div', { className: 'legend-scale' }, bar, ticks),
    el(
      'p',
      { className: 'legend-text' },
      el('span', { className: 'swatch swatch-none', attrs: { 'aria-hidden': 'true' } }),
      compare ? ` no ${compare} result there` : ' only one runtime measured',
      '  ',
      el('span', { className: 'tag', text: 'emulated' }),
      ' host timings under device emulation or a CPU quota',
    ),
  );
}
