/**
 * The page of one stored run (/runs/:id, or run.html?id=…): when and how it was made, its score,
 * the device, how it compares with other devices (`/api/compare`), every case in the live page's
 * table format, and the record itself to download. The id comes from
 * the address; `?results=` points at another results server. All client data is written as text.
 */
import { renderComparison } from '../report/compare-view.ts';
import { renderSummary } from '../report/device-summary.ts';
import { appendResultRow } from '../report/results-table.ts';
import { scoreRun } from '../report/score.ts';
import type { Comparison } from '../schema/api.ts';
import { HOST_DEVICE, type Run, validateRun } from '../schema/run.ts';
import { ApiRequestError, apiBase, dashboardUrl, getJson } from './api.ts';
import { byId, el, showBanner } from './dom.ts';

/** `?id=` wins; otherwise the last segment of `/runs/<id>`. */
export function runIdFromLocation(loc: Pick<Location, 'pathname' | 'search'> = location): string | undefined {
  const fromQuery = new URLSearchParams(loc.search).get('id');
  if (fromQuery) return fromQuery;
  const match = /\/runs\/([^/]+)\/?$/.exec(loc.pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function emulationText(run: Run): string {
  const e = run.emulation;
  if (!e) return 'none: timings are this device’s own';
  const parts = [e.device === HOST_DEVICE ? 'host CPU, no device emulation' : `emulated ${e.device}`];
  if (e.cpuThrottle) parts.push(`CPU slowed ÷${e.cpuThrottle}`);
  if (e.throttle) {
    const measured = e.throttle.measuredFactor ? `, measured ÷${e.throttle.measuredFactor.toFixed(2)}` : '';
    parts.push(`${e.throttle.mechanism}${measured}`);
  }
  return `${parts.join('; ')} (timings are the host’s)`;
}

const WAKE_LOCK_TEXT: Record<NonNullable<Run['wakeLock']>, string> = {
  held: 'held while the run went on',
  refused: 'refused by the browser: the screen could sleep during the run',
  unavailable: 'not available in this browser',
};

/**
 * The score, computed from the record's cases as the server does (never the record's own
 * `score`): one row when the suite is scored.
 */
export function scoreRows(run: Run): [string, string][] {
  const score = scoreRun(run);
  if (!score) return [];
  const value = (scoreClass: 'cpu' | 'gpu') =>
    `${scoreClass.toUpperCase()} ${score[scoreClass] ? Math.round(score[scoreClass].value) : '—'}`;
  const why = (['cpu', 'gpu'] as const)
    .map((c) => score.missing?.[c])
    .filter(Boolean)
    .map((text) => `; ${text}`)
    .join('');
  return [['Score', `${value('cpu')} · ${value('gpu')} (score ${score.version}${why})`]];
}

function metaRows(run: Run): [string, string][] {
  const ok = run.cases.filter((c) => c.status === 'ok').length;
  const rows: [string, string][] = [
    ['Date', when(run.createdAt)],
    ['Suite', `${run.suite.id} (version ${run.suite.version})`],
    ['Cases', `${run.cases.length}, ${ok} ok`],
    ...scoreRows(run),
    ['Source', run.source === 'automation' ? 'automation (headless CLI)' : 'browser (a person tapped Run)'],
    ['Emulation', emulationText(run)],
    ['App version', run.app.version],
    ['Run id', run.id],
  ];
  if (run.resumedAt?.length) {
    const crashed = run.cases.filter((c) => c.status === 'crashed').length;
    const times = run.resumedAt.length === 1 ? 'once' : `${run.resumedAt.length} times`;
    rows.push([
      'Interrupted',
      `the page was closed or crashed and the run continued ${times} (${crashed} case${crashed === 1 ? '' : 's'} crashed, not re-run)`,
    ]);
  }
  if (run.visit)
    rows.push([
      'Visit',
      run.visit === 'first'
        ? 'first: a fresh browser profile, nothing cached'
        : 'repeat: the same plan again in the same browser profile, caches as the first visit left them',
    ]);
  if (run.wakeLock) rows.push(['Screen wake lock', WAKE_LOCK_TEXT[run.wakeLock]]);
  if (run.env.uaData) rows.push(['User agent', run.env.userAgent]);
  return rows;
}

function fillList(list: HTMLElement, rows: readonly [string, string][]): void {
  list.replaceChildren(
    ...rows.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })]),
  );
}

function show(run: Run, text: string, base: string): void {
  document.title = `WebML Atlas — run of ${when(run.createdAt)}`;
  byId('run-title').textContent = `Run of ${when(run.createdAt)}`;
  fillList(byId('run-meta'), metaRows(run));
  renderSummary(byId('device-list'), run.env);
  const body = byId<HTMLTableSectionElement>('results-body');
  body.replaceChildren();
  for (const result of run.cases) appendResultRow(body, result);
  if (run.cases.length === 0) {
    body.append(el('tr', {}, el('td', { text: 'This run has no cases.', attrs: { colspan: '6' } })));
  }
  // The record exactly as the server sent it, saved under a readable name.
  const download = byId<HTMLAnchorElement>('download');
  download.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  download.download = `atlas-run-${run.id}.json`;
  byId<HTMLAnchorElement>('raw').href = `${base}/api/runs/${encodeURIComponent(run.id)}`;
  byId('run').hidden = false;
  void showComparison(run.id, base);
}

/** How the run compares with other devices; left out quietly if the server cannot say. */
async function showComparison(id: string, base: string): Promise<void> {
  const section = byId('compare-section');
  try {
    const { data } = await getJson<Comparison>(`/api/compare?run=${encodeURIComponent(id)}`, base);
    if (!Array.isArray(data?.models)) return;
    renderComparison(byId('compare'), data);
    section.hidden = false;
  } catch {
    // An older server without /api/compare, or none reachable: the rest of the page stands.
  }
}

async function main(): Promise<void> {
  const base = apiBase();
  byId<HTMLAnchorElement>('dashboard-link').href = dashboardUrl(base);
  const status = byId('status');
  const error = byId('error');
  const id = runIdFromLocation();
  if (!id) {
    status.hidden = true;
    showBanner(error, 'No run id in the address: open /runs/<id>.');
    return;
  }
  try {
    const { data, text } = await getJson<unknown>(`/api/runs/${encodeURIComponent(id)}`, base);
    status.hidden = true;
    const checked = validateRun(data);
    if (!checked.ok) {
      const first = checked.issues[0];
      showBanner(
        error,
        `The server sent something that is not an atlas.run/1 record (${first?.path}: ${first?.message}).`,
      );
      return;
    }
    show(checked.run, text, base);
  } catch (failure) {
    status.hidden = true;
    const notFound = failure instanceof ApiRequestError && failure.status === 404;
    showBanner(
      error,
      notFound ? `No run with this id (${id}).` : `Could not load the run: ${(failure as Error).message}`,
    );
    document.title = notFound ? 'WebML Atlas — no such run' : document.title;
  }
}

void main();
