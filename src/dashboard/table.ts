/**
 * The sortable table: one row per runtime/backend per model, device group and browser. Click a
 * header to sort by it (again to reverse); `aria-sort` says which column the rows are sorted by.
 */
import { formatMs } from '../report/format.ts';
import { ratioColours } from './colour.ts';
import { el } from './dom.ts';
import { type Row, ratioText, type Sort, type SortKey, sortRows } from './model.ts';

/** More rows than this are not drawn: the filters narrow them. */
export const MAX_ROWS = 500;

const COLUMNS: readonly { key: SortKey; text: string; numeric: boolean }[] = [
  { key: 'model', text: 'Model', numeric: false },
  { key: 'deviceGroup', text: 'Device group', numeric: false },
  { key: 'browser', text: 'Browser', numeric: false },
  { key: 'label', text: 'Runtime · backend', numeric: false },
  { key: 'medianMs', text: 'Median ms', numeric: true },
  { key: 'ratioToBest', text: 'Ratio to best', numeric: true },
  { key: 'runs', text: 'Runs', numeric: true },
];

export class SortableTable {
  private sort: Sort = { key: 'model', descending: false };
  private rows: readonly Row[] = [];
  private readonly head: HTMLTableRowElement;
  private readonly body = el('tbody');

  constructor(
    table: HTMLTableElement,
    private readonly note: HTMLElement,
  ) {
    this.head = el('tr');
    for (const column of COLUMNS) {
      const button = el('button', { className: 'sort', text: column.text, attrs: { type: 'button' } });
      button.dataset.key = column.key;
      button.addEventListener('click', () => this.sortBy(column.key));
      this.head.append(el('th', { className: column.numeric ? 'num' : '', attrs: { scope: 'col' } }, button));
    }
    table.replaceChildren(el('thead', {}, this.head), this.body);
  }

  setRows(rows: readonly Row[]): void {
    this.rows = rows;
    this.draw();
  }

  /** The same key again reverses; a new key starts ascending (A→Z, fastest, smallest). */
  sortBy(key: SortKey): void {
    this.sort =
      this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: false };
    this.draw();
  }

  private draw(): void {
    COLUMNS.forEach((column, i) => {
      const th = this.head.children[i] as HTMLTableCellElement;
      if (column.key === this.sort.key)
        th.setAttribute('aria-sort', this.sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    const sorted = sortRows(this.rows, this.sort);
    const shown = sorted.slice(0, MAX_ROWS);
    this.body.replaceChildren(...shown.map(rowNode));
    this.note.textContent =
      sorted.length === 0
        ? 'No rows match the filters.'
        : sorted.length > shown.length
          ? `Showing ${shown.length} of ${sorted.length} rows: narrow the filters to see the rest.`
          : `${sorted.length} row${sorted.length === 1 ? '' : 's'}.`;
  }
}

function rowNode(row: Row): HTMLTableRowElement {
  const device = el('td', { text: row.deviceGroup });
  if (row.emulated) device.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const ratio = el('td', { className: 'num ratio' });
  const swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
  swatch.style.background = ratioColours(row.ratioToBest).background;
  ratio.append(swatch, row.ratioToBest === 1 ? 'best' : ratioText(row.ratioToBest));
  const tr = el(
    'tr',
    {},
    el('td', { text: row.model, className: 'strong' }),
    device,
    el('td', { text: row.browser }),
    el('td', { text: row.label }),
    el('td', {
      className: 'num',
      text: formatMs(row.medianMs),
      title: `95% CI ${formatMs(row.ciMs[0])}–${formatMs(row.ciMs[1])} ms; runs' medians from ${formatMs(row.minMs)} to ${formatMs(row.maxMs)} ms`,
    }),
    ratio,
    el('td', { className: 'num', text: String(row.runs) }),
  );
  if (row.ratioToBest === 1) tr.classList.add('is-best');
  return tr;
}
