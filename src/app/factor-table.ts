/**
 * "Library, number format or GPU?" after a run: for every network the run measured in a reduced
 * number format or on several libraries, what each factor changes (src/report/three-factors.ts)
 * and which one buys the most on this device. Written with textContent only.
 */
import { factorInputs } from '../report/factor-inputs.ts';
import { baselineLabel, bestFormatParts, bestGpuFormatParts, verdictText } from '../report/factor-text.ts';
import { formatMs } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import { allThreeFactors, type LibraryFactors } from '../report/three-factors.ts';
import type { Case } from '../schema/run.ts';
import { factorEntry } from '../suite/catalog.ts';

function cell(text: string, className = 'num'): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  td.className = className;
  return td;
}

/** A figure with a small line above it (which format, which backend), so the table fits a phone. */
function twoLines(detail: string, figure: string): HTMLTableCellElement {
  const td = cell('');
  const small = document.createElement('span');
  small.className = 'factor-format';
  small.textContent = detail;
  td.append(small, figure);
  return td;
}

/** The best CPU format over its speed-up, then the best GPU format ("float16 · GPU") over its own. */
function formatCell(l: LibraryFactors): HTMLTableCellElement {
  const parts = [bestFormatParts(l), bestGpuFormatParts(l)].filter((p) => p !== undefined);
  if (!parts.length) return cell('—');
  const td = cell('');
  for (const p of parts) {
    const small = document.createElement('span');
    small.className = 'factor-format';
    small.textContent = p.format;
    td.append(small, p.ratio);
  }
  return td;
}

/** Fills `body` with the three factors of `cases`; returns how many networks it shows. */
export function renderThreeFactors(
  body: HTMLTableSectionElement,
  cases: readonly Case[],
  softwareGpu: boolean,
): number {
  const all = allThreeFactors(factorInputs(cases, factorEntry));
  body.replaceChildren();
  for (const t of all) {
    const head = document.createElement('tr');
    head.className = 'network-row';
    const th = document.createElement('th');
    th.scope = 'rowgroup';
    th.colSpan = 4;
    const name = document.createElement('span');
    name.textContent = t.network;
    const verdict = document.createElement('span');
    verdict.className = 'factor-verdict';
    verdict.textContent = verdictText(t, softwareGpu);
    th.append(name, verdict);
    head.append(th);
    body.append(head);
    for (const l of t.libraries) {
      const row = document.createElement('tr');
      row.dataset.network = t.network;
      row.dataset.runtime = l.runtime;
      row.append(
        cell(l.runtime, 'case'),
        l.cpu ? twoLines(baselineLabel(l.cpu), formatMs(l.cpu.medianMs)) : cell('—'),
        formatCell(l),
        l.gpu?.gain === undefined ? cell('—') : twoLines(l.gpu.backend, formatRatio(l.gpu.gain)),
      );
      body.append(row);
    }
  }
  return all.length;
}
