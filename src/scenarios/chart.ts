/**
 * How a scenario's card on the page charts its configurations, as data (no DOM, no plotting
 * library): what goes on x, which series, which latency figure or metric on y, and which metrics
 * the table shows. `chartPoints` turns a spec and a result's configurations into the points the
 * page draws.
 */
import type { ScenarioConfig } from '../schema/scenario.ts';

/** A configuration's metric names. */
type MetricOf<C extends ScenarioConfig> = keyof NonNullable<C['metrics']> & string;

/** What the chart puts on x, which series it draws, and which latency figure on y. */
export interface ChartSpec<C extends ScenarioConfig = ScenarioConfig> {
  x: (c: C) => number | string;
  xLabel: string;
  series: (c: C) => string;
  /** A latency statistic, or one of the configuration's metrics (configurations without it are left out). */
  y: 'medianMs' | 'p99Ms' | { metric: MetricOf<C> };
  yLabel: string;
  /** Points of a configuration other than its latency figure (e.g. measured and predicted makespan). */
  points?: (c: C) => { series: string; y: number }[];
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
export function chartY<C extends ScenarioConfig>(spec: ChartSpec<C>, c: C): number | undefined {
  if (typeof spec.y === 'string') return c.latency?.[spec.y];
  const metrics: Partial<Record<string, number>> | undefined = c.metrics;
  return metrics?.[spec.y.metric];
}

/** One point of a scenario's chart. */
export interface ChartPoint {
  x: number | string;
  y: number;
  series: string;
  /** What the tooltip names. */
  label: string;
}

/** The points of a chart, in configuration order (configurations without the figure are left out). */
export function chartPoints<C extends ScenarioConfig>(
  spec: ChartSpec<C>,
  configs: readonly C[],
): ChartPoint[] {
  return configs.flatMap((c) => {
    if (spec.points) {
      return spec
        .points(c)
        .map((p) => ({ x: spec.x(c), y: p.y, series: p.series, label: `${c.label}, ${p.series}` }));
    }
    const y = chartY(spec, c);
    return y === undefined ? [] : [{ x: spec.x(c), y, series: spec.series(c), label: c.label }];
  });
}

/** The metrics of `c` the table shows, in `wanted`'s order (see {@link ChartSpec.tableMetrics}). */
export function shownMetrics(c: ScenarioConfig, wanted?: readonly string[]): [string, number][] {
  const all = Object.entries(c.metrics ?? {}) as [string, number][];
  if (!wanted) return all;
  return wanted.flatMap((w) => all.filter(([k]) => (w.endsWith('_') ? k.startsWith(w) : k === w)));
}
