/**
 * The results table's rows: one row per case, with the reason under every case that is not ok —
 * the page's live table and the dashboard's page of one stored run alike. Everything is written
 * with textContent, never as markup.
 */

import type { Case } from '../schema/run.ts';
import { cachingDetail, cachingText } from './caching.ts';
import {
  checkText,
  firstAnswerText,
  formatBytes,
  formatMs,
  medianCiText,
  optionsLabel,
  peakHeapText,
} from './format.ts';

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

/** Columns of a result row (the header in index.html and run.html has as many). */
export const RESULT_COLUMNS = 8;

/**
 * Time to first answer, with what caching did for it on this visit under it ("from cache",
 * "downloaded 23.6 MB") and its parts on hover (the record's coldStart and modelFiles).
 */
function firstAnswerCell(result: Case): HTMLTableCellElement {
  const text = firstAnswerText(result);
  const td = cell('td', text ? `${text} ms` : '—', 'num');
  const caching = text ? cachingText(result) : undefined;
  if (caching) {
    const line = document.createElement('span');
    line.className = `first-answer-caching${caching === 'from cache' ? ' is-cached' : ''}`;
    line.textContent = caching;
    td.append(line);
  }
  const cs = result.coldStart;
  if (cs) {
    const lib = cs.library;
    const code = lib && (lib.jsBytes !== undefined || lib.wasmBytes !== undefined);
    const sent = cs.model?.transferBytes;
    const parts = [
      code ? `library ${formatBytes((lib.jsBytes ?? 0) + (lib.wasmBytes ?? 0))} code` : undefined,
      cs.model
        ? `model ${formatBytes(cs.model.bytes)}${sent === undefined ? '' : `, ${formatBytes(sent)} downloaded`}`
        : undefined,
      result.timings ? `session ${formatMs(result.timings.initMs)} ms` : undefined,
    ];
    td.title = [...parts, cachingDetail(result)].filter(Boolean).join(' · ');
  }
  return td;
}

/** Peak WASM heap and its multiple of the model's size; a dash where no heap could be seen. */
function peakHeapCell(result: Case): HTMLTableCellElement {
  return cell('td', peakHeapText(result) ?? '—', 'num');
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
    firstAnswerCell(result),
    peakHeapCell(result),
    cell('td', result.timings ? String(result.timings.warm.n) : '—', 'num'),
    check,
  );
  body.append(row);
  const why = reasonOf(result);
  if (why) {
    const reason = document.createElement('tr');
    reason.className = 'reason';
    const td = document.createElement('td');
    td.colSpan = RESULT_COLUMNS;
    // The text sits in a box as wide as the screen, so it stays readable when the table scrolls.
    const text = document.createElement('div');
    text.className = 'reason-text';
    text.textContent = why;
    td.append(text);
    reason.append(td);
    body.append(reason);
  }
}
