/**
 * The page's view of scenario results: one card per scenario with its headline, a chart of its
 * configurations (latency against what the scenario varies: split ratio, load level, arrival
 * rate per policy, time) and a table of every configuration. Observable Plot is loaded on the
 * first chart; all text goes in as text.
 */
import type { ScenarioDefinition } from '../measure/scenarios/catalog.ts';
import type { ScenarioConfig, ScenarioResult } from '../schema/scenario.ts';

type PlotModule = typeof import('@observablehq/plot');
let plot: Promise<PlotModule> | undefined;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** What the chart puts on x, which series it draws, and which latency figure on y. */
export interface ChartSpec {
  x: (c: ScenarioConfig) => number | string;
  xLabel: string;
  series: (c: ScenarioConfig) => string;
  y: 'medianMs' | 'p99Ms';
  yLabel: string;
}

/** The chart of each scenario: what it varies on x, what it compares as series. */
export function chartSpec(id: string): ChartSpec {
  const param = (name: string) => (c: ScenarioConfig) => c.params[name] as number;
  const str = (name: string) => (c: ScenarioConfig) => String(c.params[name] ?? '');
  switch (id) {
    case 'split':
      return {
        x: param('ratio'),
        xLabel: 'share of the batch on the second backend',
        series: () => 'makespan',
        y: 'medianMs',
        yLabel: 'ms per inference (makespan / batch)',
      };
    case 'interference':
      return {
        x: (c) => (c.params.gpuLoad === true ? 'GPU loop' : `${c.params.busyWorkers} busy`),
        xLabel: 'background load',
        series: str('backend'),
        y: 'medianMs',
        yLabel: 'median latency, ms',
      };
    case 'dynamic':
      return {
        x: param('load'),
        xLabel: 'offered load (fraction of capacity)',
        series: str('policy'),
        y: 'p99Ms',
        yLabel: 'p99 latency, ms',
      };
    case 'sustained':
      return {
        x: (c) => (c.params.startMs as number) / 1000,
        xLabel: 'time, s',
        series: () => 'median',
        y: 'medianMs',
        yLabel: 'median latency, ms',
      };
    default:
      return {
        x: (c) => c.label,
        xLabel: '',
        series: (c) => String(c.params.model ?? c.params.role ?? ''),
        y: 'medianMs',
        yLabel: 'median latency, ms',
      };
  }
}

async function drawChart(target: HTMLElement, result: ScenarioResult): Promise<void> {
  const spec = chartSpec(result.id);
  const data = result.configs
    .filter((c) => c.latency)
    .map((c) => ({ x: spec.x(c), y: c.latency?.[spec.y] ?? 0, series: spec.series(c), label: c.label }));
  if (data.length === 0) return;
  plot ??= import('@observablehq/plot');
  const Plot = await plot;
  const numericX = data.every((d) => typeof d.x === 'number');
  const width = Math.max(280, Math.min(720, target.clientWidth || 640));
  const marks = numericX
    ? [Plot.line(data, { x: 'x', y: 'y', stroke: 'series', marker: 'circle' }), Plot.ruleY([0])]
    : [Plot.dot(data, { x: 'x', y: 'y', stroke: 'series', fill: 'series', r: 4 }), Plot.ruleY([0])];
  const chart = Plot.plot({
    width,
    height: 220,
    marginLeft: 50,
    x: { label: spec.xLabel, ...(numericX ? {} : { type: 'point' as const }) },
    y: { label: spec.yLabel, grid: true },
    color: { legend: new Set(data.map((d) => d.series)).size > 1 },
    marks: [
      ...marks,
      Plot.tip(
        data,
        Plot.pointer({
          x: 'x',
          y: 'y',
          title: (d: { label: string; y: number }) => `${d.label}: ${fmt(d.y)} ms`,
        }),
      ),
    ],
  });
  target.replaceChildren(chart);
}

function configTable(result: ScenarioResult): HTMLElement {
  const wrap = el('div', undefined, 'table-scroll');
  const table = el('table');
  const head = el('tr');
  for (const h of ['Configuration', 'Median', 'p95', 'p99', 'n', 'Other']) head.append(el('th', h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const c of result.configs) {
    const row = el('tr');
    const metrics = Object.entries(c.metrics ?? {})
      .map(([k, v]) => `${k} ${Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)}`)
      .join(', ');
    row.append(
      el('td', c.label),
      el('td', fmt(c.latency?.medianMs), 'num'),
      el('td', fmt(c.latency?.p95Ms), 'num'),
      el('td', fmt(c.latency?.p99Ms), 'num'),
      el('td', c.latency ? String(c.latency.n) : '—', 'num'),
      el('td', metrics, 'metrics'),
    );
    table.tBodies[0]?.append(row);
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
  const card = el('article', undefined, 'scenario-card');
  card.append(el('h3', `${def.title} (${def.id} v${def.version})`));
  if (result.status !== 'ok') {
    card.append(el('p', `${result.status}: ${result.error ?? ''}`, 'banner banner-warn'));
  }
  if (result.headline) card.append(el('p', result.headline.text, 'scenario-headline'));
  const placements = result.placements
    .map(
      (p) =>
        `${p.role}: ${p.model} on ${p.runtime}/${p.backend}${p.serviceMs ? ` (${fmt(p.serviceMs)} ms alone)` : ''}`,
    )
    .join(' · ');
  if (placements) card.append(el('p', placements, 'section-note'));
  if (result.configs.length) {
    const chart = el('div', undefined, 'scenario-chart');
    card.append(chart, configTable(result));
    container.append(card);
    void drawChart(chart, result).catch((error: unknown) => {
      chart.textContent = `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    });
    return;
  }
  container.append(card);
}
