/**
 * The page's view of scenario results: one card per scenario with its headline, a chart of its
 * configurations as the scenario's module says (latency against what the scenario varies: split
 * ratio, load level, arrival rate per policy, time) and a table of every configuration.
 * Observable Plot is loaded on the first chart; all text goes in as text.
 */

import { element } from '../report/element.ts';
import { chartPoints, type ScenarioDefinition, scenarioModule, shownMetrics } from '../scenarios/index.ts';
import type { ScenarioResult } from '../schema/scenario.ts';

type PlotModule = typeof import('@observablehq/plot');
let plot: Promise<PlotModule> | undefined;

const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function drawChart(target: HTMLElement, result: ScenarioResult): Promise<void> {
  const spec = scenarioModule(result.id).chart;
  const data = chartPoints(spec, result.configs);
  if (data.length === 0) return;
  plot ??= import('@observablehq/plot');
  const Plot = await plot;
  const numericX = data.every((d) => typeof d.x === 'number');
  const width = Math.max(280, Math.min(720, target.clientWidth || 640));
  // Categories in the order the scenario measured them, not sorted; slanted when they would collide.
  const domain = [...new Set(data.map((d) => d.x))];
  const longest = Math.max(...domain.map((x) => String(x).length));
  const crowded = !numericX && domain.length * longest * 6.5 > width - 70;
  const rule = spec.yLog ? [] : [Plot.ruleY([spec.baseline ?? 0])];
  const marks =
    numericX && !spec.dots
      ? [Plot.line(data, { x: 'x', y: 'y', stroke: 'series', marker: 'circle' }), ...rule]
      : [Plot.dot(data, { x: 'x', y: 'y', stroke: 'series', fill: 'series', r: 4 }), ...rule];
  if (spec.dots) {
    marks.push(Plot.ruleX([0]));
  }
  const chart = Plot.plot({
    width,
    height: 220,
    marginLeft: 50,
    ...(spec.dots ? { marginRight: 30 } : {}),
    ...(crowded ? { marginBottom: Math.min(110, 24 + longest * 3.5), marginRight: 30 } : {}),
    x: {
      label: spec.xLabel,
      ...(numericX ? { nice: true } : { type: 'point' as const, domain }),
      ...(crowded ? { tickRotate: -30 } : {}),
    },
    y: {
      label: spec.yLabel,
      grid: true,
      ...(spec.yLog ? { type: 'log' as const, ticks: 4, tickFormat: ',' } : { nice: true }),
    },
    color: { legend: new Set(data.map((d) => d.series)).size > 1 },
    marks: [
      ...marks,
      Plot.tip(
        data,
        Plot.pointer({
          x: 'x',
          y: 'y',
          title: (d: { label: string; y: number }) => `${d.label}: ${fmt(d.y)} ${spec.unit ?? 'ms'}`,
        }),
      ),
    ],
  });
  target.replaceChildren(chart);
}

function configTable(result: ScenarioResult): HTMLElement {
  const wanted = scenarioModule(result.id).chart.tableMetrics;
  const wrap = element('div', undefined, 'table-scroll');
  const table = element('table');
  const head = element('tr');
  for (const h of ['Configuration', 'Median', 'p95', 'p99', 'n']) head.append(element('th', h));
  table.append(element('thead'), element('tbody'));
  table.tHead?.append(head);
  for (const c of result.configs) {
    const row = element('tr');
    const metrics = shownMetrics(c, wanted)
      .map(([k, v]) => `${k} ${Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)}`)
      .join(', ');
    row.append(
      element('td', c.label),
      element('td', fmt(c.latency?.medianMs), 'num'),
      element('td', fmt(c.latency?.p95Ms), 'num'),
      element('td', fmt(c.latency?.p99Ms), 'num'),
      element('td', c.latency ? String(c.latency.n) : '—', 'num'),
    );
    table.tBodies[0]?.append(row);
    if (metrics) {
      // The other figures on a line of their own under the row: wraps on a phone instead of widening the table.
      row.className = 'has-metrics';
      const sub = element('tr', undefined, 'metrics-row');
      const cell = element('td', metrics, 'metrics');
      cell.colSpan = 5;
      sub.append(cell);
      table.tBodies[0]?.append(sub);
    }
  }
  wrap.append(table);
  return wrap;
}

/** Appends one scenario's card to `container`. */
export function renderScenario(
  container: HTMLElement,
  def: ScenarioDefinition,
  result: ScenarioResult,
): void {
  const card = element('article', undefined, 'scenario-card');
  card.append(element('h3', `${def.title} (${def.id} v${def.version})`));
  if (result.status !== 'ok') {
    card.append(element('p', `${result.status}: ${result.error ?? ''}`, 'banner banner-warn'));
  }
  if (result.headline) card.append(element('p', result.headline.text, 'scenario-headline'));
  const placements = result.placements
    .map(
      (p) =>
        `${p.role}: ${p.model} on ${p.runtime}/${p.backend}${p.serviceMs ? ` (${fmt(p.serviceMs)} ms alone)` : ''}`,
    )
    .join(' · ');
  if (placements) card.append(element('p', placements, 'section-note'));
  if (result.configs.length) {
    const chart = element('div', undefined, 'scenario-chart');
    card.append(chart, configTable(result));
    container.append(card);
    void drawChart(chart, result).catch((error: unknown) => {
      chart.textContent = `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    });
    return;
  }
  container.append(card);
}
