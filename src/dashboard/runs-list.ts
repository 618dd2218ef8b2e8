/**
 * "Latest runs": the newest stored runs (narrowed by the model and device filters), each linking
 * to its own page, with its score when its suite is scored. A failure here is shown in the list and does not hide the rest of the dashboard.
 */
import type { RunList, RunListItem } from '../schema/api.ts';
import { getJson, runPageUrl } from './api.ts';
import { el } from './dom.ts';
import { browserLabel, type Filters } from './model.ts';

export const LATEST = 12;

/** "score CPU 142 · GPU —": the server's score of a run (a dash for a class without one). */
export function scoreText(score: NonNullable<RunListItem['score']>): string {
  const value = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
  return `score CPU ${value(score.cpu)} · GPU ${value(score.gpu)}`;
}

function item(run: RunListItem): HTMLLIElement {
  const d = run.device;
  const date = new Date(run.createdAt);
  const link = el('a', {
    text: Number.isNaN(date.getTime()) ? run.createdAt : date.toLocaleString(),
    attrs: { href: runPageUrl(run.id) },
  });
  const li = el(
    'li',
    {},
    link,
    el('span', { className: 'run-device', text: ` ${d.deviceGroup} · ${browserLabel(d, d.browserVersion)}` }),
  );
  if (d.emulated) li.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  li.append(
    el('span', {
      className: 'muted run-meta',
      text: ` ${run.suite.id} suite · ${run.okCases}/${run.cases} ok · ${run.source}`,
    }),
  );
  if (run.score) li.append(' ', el('span', { className: 'run-score', text: scoreText(run.score) }));
  return li;
}

let loading = 0;

export async function renderLatestRuns(target: HTMLElement, filters: Filters): Promise<void> {
  const token = ++loading;
  const query = new URLSearchParams({ limit: String(LATEST) });
  if (filters.model) query.set('model', filters.model);
  if (filters.device) query.set('device', filters.device);
  try {
    const { data } = await getJson<RunList>(`/api/runs?${query}`);
    if (token !== loading) return;
    const runs = data.runs.filter(
      (r) =>
        (filters.emulated || !r.device.emulated) &&
        (!filters.browser || r.device.browser === filters.browser),
    );
    target.replaceChildren(
      runs.length
        ? el('ul', { className: 'run-list' }, ...runs.map(item))
        : el('p', { className: 'muted', text: 'No runs match the filters.' }),
    );
  } catch (error) {
    if (token !== loading) return;
    target.replaceChildren(el('p', { className: 'banner banner-error', text: (error as Error).message }));
  }
}
