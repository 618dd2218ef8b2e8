/**
 * The first thing a visitor sees after a run: the score per class of backend (or why there is
 * none), what caching did on this visit, and, per model, the fastest correct library and backend on
 * this device. Details (every case) follow in the results table. Written with textContent only.
 */

import { runCachingText } from '../report/caching.ts';
import { element } from '../report/element.ts';
import { fastestPerModel } from '../report/fastest.ts';
import { formatMs, optionsLabel } from '../report/format.ts';
import type { RunScore, ScoreClass } from '../report/score.ts';
import type { Run } from '../schema/run.ts';

const CLASS_NAMES: Readonly<Record<ScoreClass, string>> = { cpu: 'CPU', gpu: 'GPU' };

/** One tile per class: the number, or a dash and the reason. */
function scoreTiles(score: RunScore | undefined): HTMLElement {
  const tiles = element('div', undefined, 'score-tiles');
  for (const scoreClass of ['cpu', 'gpu'] as const) {
    const tile = element('div', undefined, 'score-tile');
    tile.dataset.class = scoreClass;
    const value = score?.[scoreClass];
    tile.append(
      element('span', `${CLASS_NAMES[scoreClass]} score`, 'score-label'),
      element('strong', value ? String(Math.round(value.value)) : '—', 'score-value'),
      element(
        'span',
        value
          ? `${value.models} models`
          : (score?.missing?.[scoreClass] ?? 'this suite has no score; run the phone suite for one'),
        'score-note',
      ),
    );
    tiles.append(tile);
  }
  return tiles;
}

/** Fills `section` with the run's score and its fastest library per model. */
export function renderRunSummary(section: HTMLElement, run: Run): void {
  const note = element('p', undefined, 'section-note');
  note.append(
    run.score
      ? `Score ${run.score.version}: 100 is the reference device (a 2-core x86 VM); 200 runs the typical model twice as fast. `
      : '',
  );
  const how = element('a', 'How the score is made');
  how.href = 'methodology.html#the-score';
  note.append(how);

  const table = element('table');
  const head = element('thead');
  const headRow = element('tr');
  for (const [text, cls] of [
    ['Model · fastest here', ''],
    ['Median', 'num'],
  ] as const) {
    const th = element('th', text, cls || undefined);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody');
  body.id = 'fastest-body';
  for (const f of fastestPerModel(run.cases)) {
    const row = element('tr');
    row.dataset.model = f.model;
    const opts = optionsLabel(f.options);
    // Model and winner stacked in one cell, so the figures stay in view on a phone.
    const which = element('td', undefined, 'case');
    which.append(
      element('span', f.model, 'case-model'),
      element(
        'span',
        `${f.runtime} · ${f.backend}${opts ? ` (${opts})` : ''}`,
        'case-runtime fastest-library',
      ),
    );
    row.append(which, element('td', `${formatMs(f.medianMs)} ms`, 'num'));
    body.append(row);
  }
  table.append(head, body);
  const scroll = element('div', undefined, 'table-scroll');
  scroll.append(table);
  const heading = element('h3', 'Fastest here');
  const caching = runCachingText(run.cases);
  const visit = caching ? [element('p', caching, 'section-note visit-caching')] : [];
  section.replaceChildren(scoreTiles(run.score), note, ...visit, heading, scroll);
  section.hidden = false;
}
