/**
 * "Library, number format or GPU?" after a run: for every network the run measured in a reduced
 * number format or on several libraries, what each factor changes (src/report/three-factors.ts)
 * and which one buys the most on this device. Written with textContent only.
 */
import { factorInputs } from '../report/factor-inputs.ts';
import { formatMs } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import { allThreeFactors, type LibraryFactors, type ThreeFactors } from '../report/three-factors.ts';
import type { Case } from '../schema/run.ts';
import { MODELS } from '../suite/catalog.ts';

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));

function cell(text: string, className = 'num'): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  td.className = className;
  return td;
}

/** Best reduced-format gain of a library, e.g. "int8 2.10×" (the format computing float32 says so). */
function formatText(l: LibraryFactors): string {
  const best = l.formats.reduce<LibraryFactors['formats'][number] | undefined>(
    (a, b) => (a === undefined || b.gain > a.gain ? b : a),
    undefined,
  );
  if (!best) return '—';
  const weightsOnly = best.computed !== best.stored ? ' (weights)' : '';
  return `${best.stored}${weightsOnly} ${formatRatio(best.gain)}`;
}

function verdictText(t: ThreeFactors, softwareGpu: boolean): string {
  const parts = [
    t.librarySpread ? `library ${formatRatio(t.librarySpread.ratio)}` : undefined,
    t.bestFormat ? `number format ${formatRatio(t.bestFormat.gain)}` : undefined,
    t.bestGpu ? `GPU ${formatRatio(t.bestGpu.gain)}${softwareGpu ? ' (software GPU)' : ''}` : undefined,
  ].filter(Boolean);
  const verdict = t.verdict ? `${t.verdict} matters most here` : 'nothing to weigh yet';
  return `${verdict}: ${parts.join(' · ')}`;
}

/** Fills `body` with the three factors of `cases`; returns how many networks it shows. */
export function renderThreeFactors(
  body: HTMLTableSectionElement,
  cases: readonly Case[],
  softwareGpu: boolean,
): number {
  const all = allThreeFactors(factorInputs(cases, (id) => BY_ID.get(id)));
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
        cell(l.cpu ? `${formatMs(l.cpu.medianMs)} ms` : '—'),
        cell(formatText(l)),
        cell(l.gpu?.gain === undefined ? '—' : `${formatRatio(l.gpu.gain)}`),
      );
      body.append(row);
    }
  }
  return all.length;
}
