/**
 * "Same network, different libraries": after a run, for every network the catalog ships in
 * several formats and this run measured on two or more libraries, the libraries ranked by their
 * fastest correct case. Written with textContent only.
 */

import { formatMs, optionsLabel } from '../report/format.ts';
import { formatRatio, rankNetworks } from '../report/ranking.ts';
import type { Case } from '../schema/run.ts';
import { networkOf } from '../suite/catalog.ts';

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Fills `body` with the rankings of `cases`; returns how many networks it shows. */
export function renderNetworkRankings(body: HTMLTableSectionElement, cases: readonly Case[]): number {
  const rankings = rankNetworks(cases, networkOf);
  body.replaceChildren();
  for (const ranking of rankings) {
    // The network heads its group on a row of its own, so the figures stay in view on a phone.
    const head = document.createElement('tr');
    head.className = 'network-row';
    const th = document.createElement('th');
    th.scope = 'rowgroup';
    th.colSpan = 3;
    th.textContent = ranking.network;
    head.append(th);
    body.append(head);
    for (const s of ranking.standings) {
      const row = document.createElement('tr');
      row.dataset.network = ranking.network;
      const library = document.createElement('td');
      library.className = 'case';
      const name = document.createElement('span');
      name.className = 'case-model';
      const opts = optionsLabel(s.options);
      name.textContent = `${s.runtime} · ${s.backend}${opts ? ` (${opts})` : ''}`;
      const entry = document.createElement('span');
      entry.className = 'case-runtime';
      entry.textContent = s.model;
      library.append(name, entry);
      row.append(library, cell(`${formatMs(s.medianMs)} ms`, 'num'), cell(formatRatio(s.ratio), 'num'));
      body.append(row);
    }
  }
  return rankings.length;
}
