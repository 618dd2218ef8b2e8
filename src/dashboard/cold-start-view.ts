/**
 * Draws the "Time to first answer" and "Memory" views (cold-start.ts): a tally line, then one card
 * per model × device group × browser with the verdict in words and one row per library/backend —
 * its warm median beside its time to first answer, or its peak WebAssembly heap (and multiple of
 * the model's size) and GPU bytes. Written with textContent only: labels, device groups and model
 * ids are client data.
 */
import { formatBytes, formatMs } from '../report/format.ts';
import type { SummaryEntry } from '../schema/api.ts';
import { type ColdCard, type ColdView, coldTally } from './cold-start.ts';
import { el } from './dom.ts';

const BADGE: Record<ColdCard['verdict'], Record<ColdView, string>> = {
  flip: { 'first-answer': 'wins warm, loses cold', memory: 'fastest is not leanest' },
  same: { 'first-answer': 'same winner', memory: 'fastest is leanest' },
  single: { 'first-answer': 'one library', memory: 'one library' },
};

const num = (text: string, title = '') => el('td', { className: 'num', text, title });
const runsNote = (n: number | undefined) =>
  n === undefined ? '' : `median of ${n} run${n === 1 ? '' : 's'}`;

/** "60.0 MB" over "6.0× the model" (a line of its own, so the table fits a phone). */
function heapCell(e: SummaryEntry): HTMLTableCellElement {
  if (e.wasmHeapPeakBytes === undefined) return num('—');
  const cell = el(
    'td',
    { className: 'num', title: runsNote(e.wasmHeapRuns) },
    el('span', { className: 'net-median', text: formatBytes(e.wasmHeapPeakBytes) }),
  );
  if (e.heapToModel !== undefined)
    cell.append(el('span', { className: 'net-ci', text: `${e.heapToModel.toFixed(1)}× model` }));
  return cell;
}

function row(view: ColdView, e: SummaryEntry): HTMLTableRowElement {
  const cells =
    view === 'first-answer'
      ? [num(e.firstAnswerMs === undefined ? '—' : formatMs(e.firstAnswerMs), runsNote(e.firstAnswerRuns))]
      : [heapCell(e), num(e.gpuPeakBytes === undefined ? '—' : formatBytes(e.gpuPeakBytes))];
  const node = el(
    'tr',
    {},
    el('th', { className: 'case', text: e.label, attrs: { scope: 'row' } }),
    num(formatMs(e.medianMs), runsNote(e.runs)),
    ...cells,
  );
  node.dataset.runtime = e.runtime;
  node.dataset.backend = e.backend;
  return node;
}

const HEADS: Record<ColdView, [string, string][]> = {
  'first-answer': [['First answer ms', 'worker start to the first output read back; median over runs']],
  memory: [
    ['Heap', 'peak WebAssembly heap, median over runs · its multiple of the model files’ size'],
    ['GPU', 'peak GPU buffers and textures allocated; median over runs'],
  ],
};

function card(view: ColdView, c: ColdCard): HTMLElement {
  const title = el(
    'h3',
    { className: 'bw-title' },
    el('span', { className: 'bw-subject', text: c.model }),
    el('span', { className: 'bw-where', text: `${c.deviceGroup} · ${c.browser}` }),
  );
  if (c.emulated) title.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const head = el(
    'tr',
    {},
    el('th', { text: 'Library', title: 'library · backend', attrs: { scope: 'col' } }),
    el('th', { className: 'num', text: 'Warm ms', title: 'median of run medians', attrs: { scope: 'col' } }),
    ...HEADS[view].map(([text, title]) =>
      el('th', { className: 'num', text, title, attrs: { scope: 'col' } }),
    ),
  );
  const node = el(
    'div',
    { className: `bw-card is-${c.verdict}` },
    title,
    el(
      'p',
      { className: 'bw-verdict' },
      el('span', { className: 'bw-badge', text: BADGE[c.verdict][view] }),
      ' ',
      c.text,
    ),
    el(
      'div',
      { className: 'table-scroll' },
      el(
        'table',
        { className: 'network-table bw-table cold-table' },
        el('thead', {}, head),
        el('tbody', {}, ...c.entries.map((e) => row(view, e))),
      ),
    ),
  );
  node.dataset.model = c.model;
  node.dataset.deviceGroup = c.deviceGroup;
  node.dataset.verdict = c.verdict;
  return node;
}

/** Draws the cards of one view into `target`, or says which runs would give some. */
export function renderColdStart(target: HTMLElement, view: ColdView, cards: readonly ColdCard[]): void {
  if (cards.length === 0) {
    target.replaceChildren(
      el('p', {
        className: 'muted',
        text:
          view === 'first-answer'
            ? 'No run with these filters has a time to first answer yet: runs made with this version of the page record one per case.'
            : 'No run with these filters has memory figures yet: runs made with this version of the page record them per case.',
      }),
    );
    return;
  }
  target.replaceChildren(
    el('p', { className: 'bw-tally', text: coldTally(cards, view) }),
    el('div', { className: 'bw-grid' }, ...cards.map((c) => card(view, c))),
  );
}
