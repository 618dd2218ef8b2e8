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
  /** A latency statistic, or one of the configuration's metrics (configurations without it are left out). */
  y: 'medianMs' | 'p99Ms' | { metric: string };
  yLabel: string;
  /** Points of a configuration other than its latency figure (e.g. measured and predicted makespan). */
  points?: (c: ScenarioConfig) => { series: string; y: number }[];
  /** A log scale, for figures spanning orders of magnitude (queueing tails). */
  yLog?: boolean;
  /**
   * The metrics the table shows, in order (a name ending in `_` takes every metric it starts);
   * all of them when absent. The record keeps every metric either way.
   */
  tableMetrics?: readonly string[];
  /** Unit of y in the tooltip; ms when absent. */
  unit?: string;
  /** Dots even when x is numeric (one point per series: a line would draw nothing). */
  dots?: boolean;
  /** Where the horizontal reference rule goes (0 when absent: the axis then starts at 0). */
  baseline?: number;
}

/** The y value `spec` reads from a configuration, when it has one. */
export function chartY(spec: ChartSpec, c: ScenarioConfig): number | undefined {
  return typeof spec.y === 'string' ? c.latency?.[spec.y] : c.metrics?.[spec.y.metric];
}

/** The chart of each scenario: what it varies on x, what it compares as series. */
export function chartSpec(id: string): ChartSpec {
  const param = (name: string) => (c: ScenarioConfig) => c.params[name] as number;
  const str = (name: string) => (c: ScenarioConfig) => String(c.params[name] ?? '');
  switch (id) {
    case 'split':
      return {
        x: param('ratio'),
        xLabel: 'share of the batch on the gpu session (r)',
        series: () => 'measured',
        y: 'medianMs',
        yLabel: 'makespan of the batch, ms',
        points: (c) =>
          [
            { series: 'measured', y: c.metrics?.makespanMs },
            { series: 'predicted from service times', y: c.metrics?.predictedMakespanMs },
          ].filter((p): p is { series: string; y: number } => p.y !== undefined),
        tableMetrics: ['makespanMs', 'predictedMakespanMs', 'throughputPerS', 'transferMs'],
      };
    case 'concurrent':
      return {
        x: (c) => String(c.params.mode ?? '').replace(', one backend', ' (1 backend)'),
        xLabel: '',
        series: (c) => c.label.slice(c.label.indexOf(' · ') + 3),
        y: { metric: 'slowdown' },
        yLabel: 'median latency vs alone, ×',
        unit: '×',
        baseline: 1,
      };
    case 'pipeline':
      return {
        x: (c) => c.latency?.medianMs ?? 0,
        xLabel: 'median end-to-end latency, ms',
        series: (c) => c.label,
        y: { metric: 'throughputPerS' },
        yLabel: 'steady-state items/s',
        unit: 'items/s',
        dots: true,
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
        yLabel: 'p99 latency, ms (log scale)',
        yLog: true,
        tableMetrics: ['missRate', 'predictedP99Ms', 'throughputPerS', 'share_', 'dispatchLateMaxMs'],
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

/** One point of a scenario's chart. */
export interface ChartPoint {
  x: number | string;
  y: number;
  series: string;
  /** What the tooltip names. */
  label: string;
}

/** The points of `result`'s chart, in configuration order (configurations without the figure are left out). */
export function chartPoints(result: ScenarioResult): ChartPoint[] {
  const spec = chartSpec(result.id);
  return result.configs.flatMap((c) => {
    if (spec.points) {
      return spec
        .points(c)
        .map((p) => ({ x: spec.x(c), y: p.y, series: p.series, label: `${c.label}, ${p.series}` }));
    }
    const y = chartY(spec, c);
    return y === undefined ? [] : [{ x: spec.x(c), y, series: spec.series(c), label: c.label }];
  });
}

async function drawChart(target: HTMLElement, result: ScenarioResult): Promise<void> {
  const spec = chartSpec(result.id);
  const data = chartPoints(result);
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

/** The metrics of `c` the table shows, in `wanted`'s order (see {@link ChartSpec.tableMetrics}). */
export function shownMetrics(c: ScenarioConfig, wanted?: readonly string[]): [string, number][] {
  const all = Object.entries(c.metrics ?? {});
  if (!wanted) return all;
  return wanted.flatMap((w) => all.filter(([k]) => (w.endsWith('_') ? k.startsWith(w) : k === w)));
}

function configTable(result: ScenarioResult): HTMLElement {
  const wanted = chartSpec(result.id).tableMetrics;
  const wrap = el('div', undefined, 'table-scroll');
  const table = el('table');
  const head = el('tr');
  for (const h of ['Configuration', 'Median', 'p95', 'p99', 'n']) head.append(el('th', h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const c of result.configs) {
    const row = el('tr');
    const metrics = shownMetrics(c, wanted)
      .map(([k, v]) => `${k} ${Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)}`)
      .join(', ');
    row.append(
      el('td', c.label),
      el('td', fmt(c.latency?.medianMs), 'num'),
      el('td', fmt(c.latency?.p95Ms), 'num'),
      el('td', fmt(c.latency?.p99Ms), 'num'),
      el('td', c.latency ? String(c.latency.n) : '—', 'num'),
    );
    table.tBodies[0]?.append(row);
    if (metrics) {
      // The other figures on a line of their own under the row: wraps on a phone instead of widening the table.
      row.className = 'has-metrics';
      const sub = el('tr', undefined, 'metrics-row');
      const cell = el('td', metrics, 'metrics');
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
