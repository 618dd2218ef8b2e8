/**
 * Draws the "Time to first answer" and "Memory" views (cold-start.ts): a tally line, then one card
 * per model × device group × browser with the verdict in words and one row per library/backend —
 * its warm median beside its time to first answer (and, where runs said which visit they were, its
 * first and repeat visit with what caching saved), or its peak WebAssembly heap (and multiple of
 * the model's size), GPU bytes and the whole page's memory (those two columns only in cards where
 * some library has them). Written with textContent only: labels,
 * device groups and model ids are client data.
 */
import { formatBytes, formatMs } from '../report/format.ts';
import type { SummaryEntry } from '../schema/api.ts';
import { type ColdCard, type ColdView, coldTally, savingText, visitSaving } from './cold-start.ts';
import { el } from './dom.ts';
import { headCell, verdictCard } from './verdict-card.ts';

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

/** A visit's median time to the first answer; on the repeat visit, what caching saved under it. */
function visitCells(e: SummaryEntry): HTMLTableCellElement[] {
  const first = e.visits?.first;
  const repeat = e.visits?.repeat;
  const firstCell = num(first ? formatMs(first.firstAnswerMs) : '—', runsNote(first?.runs));
  const repeatCell = num('', runsNote(repeat?.runs));
  repeatCell.append(
    el('span', { className: 'net-median', text: repeat ? formatMs(repeat.firstAnswerMs) : '—' }),
  );
  const saving = visitSaving(e);
  if (saving) {
    const note = el('span', { className: 'net-ci visit-saving', text: savingText(saving) });
    if (saving.savedMs > 0) note.classList.add('is-saving');
    repeatCell.append(note);
  }
  return [firstCell, repeatCell];
}

function row(view: ColdView, c: ColdCard, e: SummaryEntry): HTMLTableRowElement {
  const cells =
    view === 'first-answer'
      ? [
          num(e.firstAnswerMs === undefined ? '—' : formatMs(e.firstAnswerMs), runsNote(e.firstAnswerRuns)),
          ...(c.visits ? visitCells(e) : []),
        ]
      : [
          heapCell(e),
          ...(c.gpuMemory ? [num(e.gpuPeakBytes === undefined ? '—' : formatBytes(e.gpuPeakBytes))] : []),
          ...(c.pageMemory ? [num(e.pageBytes === undefined ? '—' : formatBytes(e.pageBytes))] : []),
        ];
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

const PAGE_NOTE =
  'Page: the whole page’s memory after the timed runs (Chromium’s measureUserAgentSpecificMemory) — JavaScript objects, DOM and ArrayBuffers of the page and its workers, not WebAssembly memories (the Heap column is those). Median over runs.';

/** The column heads of a card: [text, what it measures]. */
function heads(view: ColdView, c: ColdCard): [string, string][] {
  if (view === 'first-answer')
    return [
      ['First answer ms', 'worker start to the first output read back; median over runs'],
      ...(c.visits
        ? ([
            ['First visit', 'runs made with nothing cached (npm run bench -- --repeat-visit); median ms'],
            [
              'Repeat visit',
              'the same plan again in the same browser profile, caches as the first visit left them; median ms, and what caching saved',
            ],
          ] as [string, string][])
        : []),
    ];
  return [
    ['Heap', 'peak WebAssembly heap, median over runs · its multiple of the model files’ size'],
    ...(c.gpuMemory
      ? ([['GPU', 'peak GPU buffers and textures allocated; median over runs']] as [string, string][])
      : []),
    ...(c.pageMemory ? ([['Page', PAGE_NOTE]] as [string, string][]) : []),
  ];
}

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
    headCell('Library', 'library · backend', false),
    headCell('Warm ms', 'median of run medians'),
    ...heads(view, c).map(([text, title]) => headCell(text, title)),
  );
  const after: HTMLElement[] = [];
  if (c.savingNote) after.push(el('p', { className: 'cold-note visit-note', text: c.savingNote }));
  if (c.pageMemory) after.push(el('p', { className: 'cold-note', text: PAGE_NOTE }));
  const node = verdictCard({
    title,
    verdict: c.verdict,
    badge: BADGE[c.verdict][view],
    text: c.text,
    tableClass: 'cold-table',
    head,
    rows: c.entries.map((e) => row(view, c, e)),
    after,
  });
  node.dataset.model = c.model;
  node.dataset.deviceGroup = c.deviceGroup;
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
