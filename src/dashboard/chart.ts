/**
 * The per-model chart: for each device group (and browser), every runtime/backend's median of run
 * medians (dot) and its 95% CI (bar), one row per runtime/backend, coloured by
 * backend. Observable Plot is imported only when a chart is first drawn, so the dashboard's first
 * paint does not wait for it. Plot writes all text as SVG text nodes, never as markup.
 */
import type { SummaryGroup } from '../schema/api.ts';
import { el } from './dom.ts';
import { browserLabel } from './model.ts';

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

/** The charting library, loaded once on first use. */
export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

/** Facets drawn at most: beyond that the device filter narrows them. */
export const MAX_FACETS = 24;

interface Datum {
  label: string;
  backend: string;
  medianMs: number;
  ciLo: number;
  ciHi: number;
  ci: string;
  runs: number;
  ratio: string;
}

function facetTitle(group: SummaryGroup): HTMLElement {
  const title = el(
    'h3',
    { className: 'facet-title' },
    el('span', { text: group.deviceGroup }),
    el('span', { className: 'muted', text: ` · ${browserLabel(group)}` }),
  );
  if (group.emulated) title.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  title.append(
    el('span', {
      className: 'muted facet-counts',
      text: ` ${group.runs} run${group.runs === 1 ? '' : 's'}, ${group.devices} device${group.devices === 1 ? '' : 's'}`,
    }),
  );
  return title;
}

/** Tick values of a log axis: 1-2-5 per decade, or only the decades when space is short. */
export function logTicks(lo: number, hi: number, narrow: boolean): number[] {
  const ticks = (steps: readonly number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
      for (const s of steps) {
        const v = s * 10 ** k;
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    return out;
  };
  const decades = ticks([1]);
  if (narrow && decades.length >= 3) return decades;
  const some = ticks(narrow ? [1, 3] : [1, 2, 5]);
  return some.length >= 3 ? some : ticks([1, 1.5, 2, 3, 5, 7]);
}

/** 0.5, 20, 1k, 1.5k: tick labels of milliseconds. */
const msTick = (ms: number): string =>
  ms >= 1000 ? `${+(ms / 1000).toPrecision(3)}k` : `${+ms.toPrecision(3)}`;

const X_LABEL = 'median ms (bar: 95% CI)';

let drawing = 0;

/**
 * Draws the chart of `model` into `target` from its groups (already filtered). Resolves when drawn;
 * a newer call makes an older one give up quietly.
 */
export async function renderChart(
  target: HTMLElement,
  model: string,
  groups: readonly SummaryGroup[],
): Promise<void> {
  const token = ++drawing;
  const facets = groups.filter((g) => g.model === model && g.entries.length > 0);
  if (facets.length === 0) {
    target.replaceChildren(
      el('p', { className: 'muted', text: 'No results for this model with these filters.' }),
    );
    return;
  }
  target.setAttribute('aria-busy', 'true');
  const Plot = await loadPlot();
  if (token !== drawing) return;
  const shown = facets.slice(0, MAX_FACETS);
  const all = shown.flatMap((g) => g.entries);
  const lo = Math.min(...all.map((e) => Math.min(e.ciMs[0], e.medianMs)));
  const hi = Math.max(...all.map((e) => Math.max(e.ciMs[1], e.medianMs)));
  const log = lo > 0 && hi / lo > 10;
  const backends = [...new Set(all.map((e) => e.backend))].sort();
  const color = { type: 'categorical', domain: backends, scheme: 'observable10' } as const;
  const width = Math.max(280, Math.min(target.clientWidth || 640, 960));
  // Narrow screens write each row's label above its bar instead of beside it.
  const narrow = width < 560;
  const labelWidth = narrow ? 8 : Math.min(190, Math.max(...all.map((e) => e.label.length)) * 6.5 + 12);
  const domain: [number, number] = log ? [lo / 1.2, hi * 1.2] : [0, hi * 1.05];
  const xTicks = log ? logTicks(domain[0], domain[1], narrow) : undefined;
  const nodes: Node[] = [Plot.legend({ color, className: 'chart-legend' })];
  for (const group of shown) {
    const data: Datum[] = group.entries.map((e) => ({
      label: e.label,
      backend: e.backend,
      medianMs: e.medianMs,
      ciLo: e.ciMs[0],
      ciHi: e.ciMs[1],
      ci: `${msTick(e.ciMs[0])}–${msTick(e.ciMs[1])} ms`,
      runs: e.runs,
      ratio: e.ratioToBest === 1 ? 'fastest' : `${e.ratioToBest.toFixed(2)}× the fastest`,
    }));
    const rowHeight = narrow ? 36 : 24;
    const svg = Plot.plot({
      width,
      height: 56 + data.length * rowHeight,
      marginTop: narrow ? 24 : 14,
      marginLeft: labelWidth,
      marginRight: 16,
      ariaLabel: `Median latency of ${model} on ${group.deviceGroup} · ${browserLabel(group)}`,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: {
        type: log ? 'log' : 'linear',
        domain,
        ...(xTicks ? {} : { grid: true, ticks: narrow ? 4 : 8, label: X_LABEL, labelAnchor: 'left' }),
      },
      y: { domain: data.map((d) => d.label), label: null, ...(narrow ? { axis: null, padding: 0.1 } : {}) },
      color,
      marks: [
        // Log axes are drawn as marks: Plot's own log axis leaves some tick labels blank.
        ...(xTicks
          ? [
              Plot.gridX(xTicks),
              Plot.axisX(xTicks, { text: (d: number) => msTick(d), label: X_LABEL, labelAnchor: 'left' }),
            ]
          : []),
        ...(narrow
          ? [
              Plot.text(data, {
                y: 'label',
                text: 'label',
                frameAnchor: 'left',
                textAnchor: 'start',
                dy: -11,
              }),
            ]
          : []),
        Plot.ruleY(data, {
          y: 'label',
          x1: 'ciLo',
          x2: 'ciHi',
          stroke: 'backend',
          strokeWidth: 3,
          strokeOpacity: 0.45,
        }),
        Plot.dot(data, {
          x: 'medianMs',
          y: 'label',
          fill: 'backend',
          r: 4.5,
          tip: true,
          channels: {
            ci: { value: 'ci', label: '95% CI' },
            runs: { value: 'runs', label: 'runs' },
            vs: { value: 'ratio', label: 'vs best' },
          },
        }),
      ],
    });
    nodes.push(el('figure', { className: 'facet' }, facetTitle(group), svg));
  }
  if (facets.length > shown.length) {
    nodes.push(
      el('p', {
        className: 'muted',
        text: `Showing ${shown.length} of ${facets.length} device groups: pick a device group to see another.`,
      }),
    );
  }
  target.replaceChildren(...nodes);
  target.removeAttribute('aria-busy');
}
