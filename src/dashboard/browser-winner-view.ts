/**
 * The "Does the fastest library change with the browser?" section: a line counting the flips,
 * then one card per model or network and device group (side by side on a wide screen), flips
 * first, with the verdict in words and one row per browser — its fastest library and backend
 * (and format, for a network), the median with its 95% CI, and the margin over the next library. Written with textContent
 * only: browser names, device groups and model ids are client data.
 */
import { formatMs } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import type { BrowserComparison, BrowserStanding } from './browser-winners.ts';
import { verdictText } from './browser-winners.ts';
import { el } from './dom.ts';
import { headCell, verdictCard } from './verdict-card.ts';

/** "2.00× over tfjs", "tie with tfjs", "only library". */
function marginText(s: BrowserStanding): string {
  const next = s.libraries[1];
  if (!next || s.margin === undefined) return 'only library here';
  if (s.margin === 1) return `tie with ${next.runtime}`;
  return `${formatRatio(s.margin)} over ${next.runtime}`;
}

function browserRow(c: BrowserComparison, s: BrowserStanding): HTMLTableRowElement {
  const winner = s.libraries[0];
  const who = el(
    'th',
    { className: 'case', attrs: { scope: 'row' } },
    el('span', { className: 'bw-browser', text: s.name }),
  );
  if (winner) {
    who.append(el('span', { className: 'bw-library', text: winner.label }));
    if (c.kind === 'network')
      who.append(el('span', { className: 'case-runtime net-entry', text: winner.model }));
  }
  const margin = el('td', { className: 'num bw-margin' }, el('span', { text: marginText(s) }));
  if (s.margin !== undefined && !s.clear)
    margin.append(el('span', { className: 'net-ci', text: 'within noise' }));
  const row = el(
    'tr',
    {},
    who,
    el(
      'td',
      {
        className: 'num',
        title: winner ? `median of ${winner.runs} run${winner.runs === 1 ? '' : 's'}` : '',
      },
      el('span', { className: 'net-median', text: winner ? formatMs(winner.medianMs) : '—' }),
      el('span', {
        className: 'net-ci',
        text: winner ? `${formatMs(winner.ciMs[0])}–${formatMs(winner.ciMs[1])}` : '',
      }),
    ),
    margin,
  );
  row.dataset.browser = s.browser;
  row.dataset.engine = s.engine;
  if (winner) row.dataset.winner = winner.runtime;
  return row;
}

const VERDICT_BADGE: Record<BrowserComparison['verdict'], string> = {
  flip: 'winner changes',
  uncertain: 'within noise',
  incomplete: 'not comparable',
  same: 'same winner',
};

function card(c: BrowserComparison): HTMLElement {
  const title = el('h3', { className: 'bw-title' }, el('span', { className: 'bw-subject', text: c.subject }));
  if (c.kind === 'network') title.append(' ', el('span', { className: 'tag tag-plain', text: 'network' }));
  title.append(el('span', { className: 'bw-where', text: c.deviceGroup }));
  if (c.emulated) title.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const head = el(
    'tr',
    {},
    headCell('Browser: fastest library', '', false),
    headCell('Median ms', 'median ms and its 95% CI'),
    headCell('Margin', 'next library’s median ÷ this one’s'),
  );
  const node = verdictCard({
    title,
    verdict: c.verdict,
    badge: VERDICT_BADGE[c.verdict],
    text: verdictText(c),
    head,
    rows: c.browsers.map((s) => browserRow(c, s)),
  });
  node.dataset.subject = c.subject;
  node.dataset.kind = c.kind;
  node.dataset.deviceGroup = c.deviceGroup;
  return node;
}

/** "The fastest library changes with the browser in 1 of 3 comparisons (1 more within noise)." */
export function tallyText(comparisons: readonly BrowserComparison[]): string {
  const count = (v: BrowserComparison['verdict']) => comparisons.filter((c) => c.verdict === v).length;
  const [flips, noise] = [count('flip'), count('uncertain')];
  const n = comparisons.length;
  const more = noise ? ` (${noise} more within noise)` : '';
  return `The fastest library changes with the browser in ${flips} of ${n} comparison${n === 1 ? '' : 's'}${more}.`;
}

/** Draws the comparisons into `target`, or says which data would make one. */
export function renderBrowserWinners(target: HTMLElement, comparisons: readonly BrowserComparison[]): void {
  if (comparisons.length === 0) {
    target.replaceChildren(
      el('p', {
        className: 'muted',
        text: 'Nothing to compare with these filters: this needs one device group measured in two or more browsers (e.g. `npm run bench -- --browser firefox --submit …` beside a Chromium run), with at least two libraries on the same model or network.',
      }),
    );
    return;
  }
  target.replaceChildren(
    el('p', { className: 'bw-tally', text: tallyText(comparisons) }),
    el('div', { className: 'bw-grid' }, ...comparisons.map(card)),
  );
}
