/**
 * The results table's rows: one row per case, with the reason under every case that is not ok —
 * the page's live table and the dashboard's page of one stored run alike. Everything is written
 * with textContent, never as markup.
 */

import type { Case } from '../schema/run.ts';
import { checkText, formatMs, medianCiText, optionsLabel } from './format.ts';

function cell(tag: 'td' | 'th', text: string, className?: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** "12.3 ± 0.4 ms", or a dash when the case has no timings. */
export function medianText(result: Case): string {
  const text = medianCiText(result);
  return text ? `${text} ms` : '—';
}

function caseCell(result: Case): HTMLTableCellElement {
  const td = document.createElement('td');
  td.className = 'case';
  const model = document.createElement('span');
  model.className = 'case-model';
  model.textContent = result.model;
  const runtime = document.createElement('span');
  runtime.className = 'case-runtime';
  const opts = optionsLabel(result.options);
  const label = `${result.runtime} · ${result.backend}`;
  runtime.textContent = opts ? `${label} (${opts})` : label;
  td.append(model, runtime);
  return td;
}

/** What a row needs said under it: why it is not ok, or that its timings are not comparable. */
export function reasonOf(result: Case): string | undefined {
  if (result.status !== 'ok' && result.error) return result.error;
  if (result.visibilityLost)
    return 'the page was hidden during this case, also after measuring it again: its timings are not comparable';
  return undefined;
}

export function appendResultRow(body: HTMLTableSectionElement, result: Case): void {
  const row = document.createElement('tr');
  row.dataset.status = result.status;
  const check = cell('td', checkText(result) ?? '—', 'num');
  // The task check's detail (e.g. the text the OCR model read) on hover.
  if (result.taskCheck) check.title = result.taskCheck.detail;
  row.append(
    caseCell(result),
    cell('td', medianText(result), 'num'),
    cell('td', result.status, `status status-${result.status}`),
    cell('td', result.timings ? `${formatMs(result.timings.firstMs)} ms` : '—', 'num'),
    cell('td', result.timings ? String(result.timings.warm.n) : '—', 'num'),
    check,
  );
  body.append(row);
  const why = reasonOf(result);
  if (why) {
    const reason = document.createElement('tr');
    reason.className = 'reason';
    const td = document.createElement('td');
    td.colSpan = 6;
    // The text sits in a box as wide as the screen, so it stays readable when the table scrolls.
    const text = document.createElement('div');
    text.className = 'reason-text';
    text.textContent = why;
    td.append(text);
    reason.append(td);
    body.append(reason);
  }
}
