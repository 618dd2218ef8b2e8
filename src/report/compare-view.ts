/**
 * How a run compares with other devices, as the results server answers `GET /api/compare`: one
 * sentence per class of backend (the score, its percentile among device groups, the nearest
 * groups above and below, what it rests on) and a table per model — the fastest correct
 * library/backend here next to the fastest on similar devices. Shown by the page after an upload
 * and by the page of a stored run. The sentences are pure functions; the DOM is textContent only.
 */
import type { ClassComparison, Comparison, FastestEntry, ScoreClassName } from '../schema/api.ts';
import { element } from './element.ts';
import { formatMs } from './format.ts';

const CLASS_NAMES: Readonly<Record<ScoreClassName, string>> = { cpu: 'CPU', gpu: 'GPU' };

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const score = (n: number) => String(Math.round(n));

/** e.g. "CPU score 142 — faster than 63% of 41 other device groups (212 runs, 97 devices)." */
export function classSentence(scoreClass: ScoreClassName, c: ClassComparison): string {
  const name = CLASS_NAMES[scoreClass];
  const basis = `${plural(c.basis.runs, 'run')}, ${plural(c.basis.devices, 'device')}`;
  const head = `${name} score ${score(c.score)}`;
  if (c.percentile === null)
    return `${head} — ${c.percentileNote ?? 'nothing to compare it with yet'} (${basis}).`;
  return `${head} — faster than ${Math.round(c.percentile)}% of ${plural(c.otherGroups, 'other device group')} (${basis}).`;
}

/** e.g. "Nearest: above Pixel 8 · Android (151), below Galaxy S21 · Android (138)." or "". */
export function neighboursSentence(c: ClassComparison): string {
  const parts = [
    c.above ? `above ${c.above.deviceGroup} (${score(c.above.score)})` : '',
    c.below ? `below ${c.below.deviceGroup} (${score(c.below.score)})` : '',
  ].filter(Boolean);
  return parts.length ? `Nearest: ${parts.join(', ')}.` : '';
}

/** e.g. "Device group Pixel 7 · Android: median 130 over 2 runs." (this run among them) */
export function groupSentence(c: ClassComparison): string {
  return `Device group ${c.group.deviceGroup}: median ${score(c.group.score)} over ${plural(c.group.runs, 'run')}.`;
}

/** A library/backend and its median, as two spans the cell may wrap between on a phone. */
function entryCell(e: FastestEntry | null, runs?: number): HTMLTableCellElement {
  const td = element('td');
  if (!e) {
    td.textContent = '—';
    return td;
  }
  td.append(
    element('span', e.label, 'compare-lib'),
    ' ',
    element('span', `${formatMs(e.medianMs)} ms`, 'compare-ms'),
  );
  if (runs !== undefined) td.append(' ', element('span', `(${plural(runs, 'run')})`, 'compare-runs'));
  return td;
}

/**
 * Two columns, fastest here and on similar devices, with each model's name on a row of its own
 * above its pair: two narrow columns fit a phone where three do not.
 */
function modelTable(comparison: Comparison): HTMLElement {
  const table = element('table', undefined, 'compare-table');
  const head = element('thead');
  const headRow = element('tr');
  for (const text of ['Fastest here', `On similar devices (${comparison.similar.label})`]) {
    const th = element('th', text);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody');
  for (const m of comparison.models) {
    const name = element('tr', undefined, 'compare-model');
    const th = element('th', m.model);
    th.colSpan = 2;
    th.scope = 'colgroup';
    name.append(th);
    const row = element('tr');
    row.dataset.model = m.model;
    row.append(entryCell(m.here), entryCell(m.similar, m.similar?.runs));
    body.append(name, row);
  }
  table.append(head, body);
  const scroll = element('div', undefined, 'table-scroll');
  scroll.append(table);
  return scroll;
}

/** Fills `target` with the comparison (replacing what it held). */
export function renderComparison(target: HTMLElement, comparison: Comparison): void {
  const children: HTMLElement[] = [element('h3', 'Compared with other devices')];
  for (const scoreClass of ['cpu', 'gpu'] as const) {
    const c = comparison.classes[scoreClass];
    const block = element('div', undefined, 'compare-class');
    block.dataset.class = scoreClass;
    if (c) {
      block.append(element('p', classSentence(scoreClass, c), 'compare-headline'));
      const detail = [groupSentence(c), neighboursSentence(c)].filter(Boolean).join(' ');
      block.append(element('p', detail, 'compare-detail'));
    } else {
      const why = comparison.missing[scoreClass];
      if (!why || comparison.version === null) continue;
      block.append(
        element('p', `${CLASS_NAMES[scoreClass]}: nothing to compare — ${why}.`, 'compare-detail'),
      );
    }
    children.push(block);
  }
  if (comparison.version === null)
    children.push(
      element('p', 'This suite has no score to compare; the phone suite has one.', 'compare-detail'),
    );
  const { similar } = comparison;
  const similarNote =
    similar.runs === 0
      ? `No other run from similar devices (${similar.label}) yet.`
      : similar.newest < similar.runs
        ? `Similar devices (${similar.label}): the newest ${plural(similar.newest, 'run')} of ${similar.runs.toLocaleString('en')}.`
        : `Similar devices (${similar.label}): ${plural(similar.runs, 'other run')}.`;
  children.push(element('p', similarNote, 'compare-detail'));
  if (comparison.models.length) children.push(modelTable(comparison));
  target.replaceChildren(...children);
  target.hidden = false;
}
