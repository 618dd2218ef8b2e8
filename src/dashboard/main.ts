/**
 * The dashboard (/dashboard): counts, filters, a heatmap of the fastest runtime/backend per model
 * and device group, the libraries side by side per network, whether the fastest library changes
 * with the browser on one device group, the time to first answer and peak memory beside the warm
 * median, the multi-backend scenarios per
 * device group, a per-model chart (Observable Plot, loaded when the chart comes into view), a
 * sortable table, the median score per device group and the latest runs, all from
 * `GET /api/summary` (and `/api/scenarios/summary`, `/api/scores`, `/api/runs`). Everything a client sent is written as text.
 */
import type { ScenarioSummary, ScoreGroups, Summary } from '../schema/api.ts';
import { factorEntry, networkOf } from '../suite/catalog.ts';
import { apiBase, getJson } from './api.ts';
import { renderBrowserWinners } from './browser-winner-view.ts';
import { browserComparisons } from './browser-winners.ts';
import { renderChart } from './chart.ts';
import { coldCards } from './cold-start.ts';
import { renderColdStart } from './cold-start-view.ts';
import { byId, el, setOptions, showBanner } from './dom.ts';
import { factorColumns } from './factors.ts';
import { renderFactors } from './factors-view.ts';
import { FilterControls } from './filters.ts';
import { renderHeatmap, renderLegend } from './heatmap.ts';
import { choices, filterGroups, heatmapOf, rowsOf } from './model.ts';
import { renderNetworks } from './network-view.ts';
import { networkComparisons } from './networks.ts';
import { renderLatestRuns } from './runs-list.ts';
import { renderScenarios } from './scenario-view.ts';
import { scenarioCards } from './scenarios.ts';
import { renderScores } from './scores-view.ts';
import { SortableTable } from './table.ts';

const errorBanner = byId('error');
const status = byId('status');
const content = byId('content');
const chartModel = byId<HTMLSelectElement>('chart-model');
const chartTarget = byId('chart');

let summary: Summary | undefined;
/** The scenario summary, or why it could not be loaded. */
let scenarios: ScenarioSummary | string = 'Loading…';
/** The median score per device group, or why it could not be loaded. */
let scores: ScoreGroups | string = 'Loading…';
/** The chart is drawn once its section has come into view, and redrawn on changes after that. */
let chartVisible = false;
let chartWidth = 0;
let shownLatest = '';

const table = new SortableTable(byId<HTMLTableElement>('results-table'), byId('table-note'));
const filters = new FilterControls(() => {
  if (filters.model.value) chartModel.value = filters.model.value;
  update();
});

function counts(s: Summary): void {
  const c = choices(s);
  const items: [string, number][] = [
    ['runs', s.totals.runs],
    ['cases', s.totals.cases],
    ['devices', s.totals.devices],
    ['device groups', s.totals.deviceGroups],
    ['models', c.models.length],
  ];
  byId('counts').replaceChildren(
    ...items.map(([what, n]) =>
      el(
        'div',
        { className: 'count' },
        el('span', { className: 'count-n', text: n.toLocaleString() }),
        el('span', { className: 'count-what', text: what }),
      ),
    ),
  );
}

function drawChart(): void {
  if (!summary || !chartVisible) return;
  const groups = filterGroups(summary, filters.value, true);
  chartWidth = chartTarget.clientWidth;
  renderChart(chartTarget, chartModel.value, groups).catch((error: unknown) => {
    chartTarget.replaceChildren(
      el('p', { className: 'banner banner-error', text: `The chart failed: ${(error as Error).message}` }),
    );
  });
}

function pickModel(model: string): void {
  chartModel.value = model;
  drawChart();
  byId('chart-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function update(): void {
  if (!summary) return;
  const f = filters.value;
  const groups = filterGroups(summary, f);
  const heatmap = heatmapOf(groups, f.compare);
  const heatmapTarget = byId('heatmap');
  if (heatmap.rows.length === 0) {
    heatmapTarget.replaceChildren(el('p', { className: 'muted', text: 'Nothing matches the filters.' }));
  } else {
    renderHeatmap(heatmapTarget, heatmap, f.compare, pickModel);
  }
  renderLegend(byId('legend'), f.compare);
  // A model filter picks its network: every format of it stays in the comparison.
  const comparisons = networkComparisons(filterGroups(summary, f, true), networkOf, f.model);
  renderNetworks(byId('networks'), comparisons, f.model, networkOf(f.model) !== undefined);
  renderFactors(
    byId('factors'),
    factorColumns(filterGroups(summary, f, true), factorEntry, networkOf(f.model)),
  );
  // Browsers are what this compares: the browser filter keeps the comparisons that include it.
  const acrossBrowsers = filterGroups(summary, { ...f, browser: '' }, true);
  renderBrowserWinners(
    byId('browser-winners'),
    browserComparisons(acrossBrowsers, networkOf, { model: f.model, browser: f.browser }),
  );
  renderColdStart(byId('first-answer'), 'first-answer', coldCards(groups, 'first-answer'));
  renderColdStart(byId('memory'), 'memory', coldCards(groups, 'memory'));
  renderScores(byId('scores'), scores, f);
  if (typeof scenarios === 'string') renderScenarios(byId('scenarios'), [], scenarios);
  else renderScenarios(byId('scenarios'), scenarioCards(scenarios, f));
  table.setRows(rowsOf(groups, f.search));
  drawChart();
  // The text search only narrows the table: the latest runs are fetched again only when they change.
  const latestKey = JSON.stringify([f.model, f.device, f.browser, f.emulated]);
  if (latestKey !== shownLatest) {
    shownLatest = latestKey;
    void renderLatestRuns(byId('latest'), f);
  }
}

function watchChart(): void {
  const section = byId('chart-section');
  if (!('IntersectionObserver' in window)) {
    chartVisible = true;
    return;
  }
  const seen = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      chartVisible = true;
      drawChart();
    },
    { rootMargin: '200px' },
  );
  seen.observe(section);
  let timer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(chartTarget.clientWidth - chartWidth) > 40) drawChart();
    }, 200);
  }).observe(chartTarget);
}

async function main(): Promise<void> {
  const base = apiBase();
  if (base) byId('source').textContent = `Results from ${base}`;
  chartModel.addEventListener('change', drawChart);
  let data: Summary;
  // The scenario summary is not needed for the rest: when it fails, only its section says so.
  const scenarioRequest = getJson<ScenarioSummary>('/api/scenarios/summary').then(
    ({ data: s }) =>
      Array.isArray(s?.groups)
        ? s
        : 'The results server answered with something that is not a scenario summary.',
    (error: unknown) => `Could not load the scenario results: ${(error as Error).message}`,
  );
  const scoreRequest = getJson<ScoreGroups>('/api/scores').then(
    ({ data: s }) =>
      Array.isArray(s?.groups) ? s : 'The results server answered with something that is not a score table.',
    (error: unknown) => `Could not load the scores: ${(error as Error).message}`,
  );
  try {
    data = (await getJson<Summary>('/api/summary')).data;
  } catch (error) {
    status.hidden = true;
    showBanner(errorBanner, `Could not load the results: ${(error as Error).message}`);
    return;
  }
  status.hidden = true;
  if (!Array.isArray(data?.groups) || typeof data.totals?.runs !== 'number') {
    showBanner(errorBanner, 'The results server answered with something that is not a summary.');
    return;
  }
  summary = data;
  scenarios = await scenarioRequest;
  scores = await scoreRequest;
  const scenarioGroups = typeof scenarios === 'string' ? [] : scenarios.groups;
  counts(data);
  if (data.totals.runs === 0 || (data.groups.length === 0 && scenarioGroups.length === 0)) {
    const empty = byId('empty');
    empty.hidden = false;
    if (data.totals.runs > 0) {
      byId('empty-text').textContent =
        `${data.totals.runs} run(s) stored, but none has a successful case yet.`;
    }
    byId('counts').hidden = data.totals.runs === 0;
    return;
  }
  filters.fill(data, {
    devices: scenarioGroups.map((g) => g.deviceGroup),
    browsers: scenarioGroups.map((g) => g.browser),
  });
  const models = choices(data).models;
  setOptions(
    chartModel,
    models.map((m): [string, string] => [m, m]),
  );
  chartModel.value = filters.model.value || models[0] || '';
  content.hidden = false;
  watchChart();
  update();
}

void main();
