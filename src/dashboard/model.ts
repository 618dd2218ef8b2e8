/**
 * The dashboard's data, pure (no DOM): the summary's groups flattened into table rows, the filters,
 * the heatmap cells with the ratio that colours them, and the table's sort order.
 */
import type { Summary, SummaryEntry, SummaryGroup } from '../schema/api.ts';

/** What the filters say. '' means "any". `compare` is '' for the runner-up or an entry label. */
export interface Filters {
  model: string;
  device: string;
  browser: string;
  emulated: boolean;
  compare: string;
  search: string;
}

export const NO_FILTERS: Filters = Object.freeze({
  model: '',
  device: '',
  browser: '',
  emulated: true,
  compare: '',
  search: '',
});

/** One heatmap column: a device group in one browser (emulated groups are separate groups). */
export interface Column {
  key: string;
  deviceGroup: string;
  browser: string;
  engine: string;
  emulated: boolean;
}

export const columnKey = (g: Pick<SummaryGroup, 'deviceGroup' | 'browser' | 'engine' | 'emulated'>): string =>
  JSON.stringify([g.deviceGroup, g.browser, g.engine, g.emulated]);

/** The engine each browser name runs on outside iOS; every other name is Blink. */
const USUAL_ENGINE: readonly (readonly [RegExp, string])[] = [
  [/^firefox/i, 'Gecko'],
  [/safari/i, 'WebKit'],
];

/**
 * A browser's name as shown (with its major version when given): the name alone when it runs on
 * its usual engine, with the engine when not ("Chrome 138 (WebKit)" on an iPhone, whose browsers
 * are all WebKit). A summary from a server that predates engines has none: the name alone.
 */
export function browserLabel(g: Pick<SummaryGroup, 'browser' | 'engine'>, version?: string): string {
  const usual = USUAL_ENGINE.find(([name]) => name.test(g.browser))?.[1] ?? 'Blink';
  const name = version ? `${g.browser} ${version}` : g.browser;
  return !g.engine || g.engine === usual || g.engine === 'unknown' ? name : `${name} (${g.engine})`;
}

/** Sorted distinct values. */
const distinct = (values: Iterable<string>): string[] =>
  [...new Set(values)].sort((a, b) => a.localeCompare(b));

export function choices(summary: Summary): {
  models: string[];
  devices: string[];
  browsers: string[];
  labels: string[];
} {
  const g = summary.groups;
  return {
    models: distinct(g.map((x) => x.model)),
    devices: distinct(g.map((x) => x.deviceGroup)),
    browsers: distinct(g.map((x) => x.browser)),
    labels: distinct(g.flatMap((x) => x.entries.map((e) => e.label))),
  };
}

/** The groups the filters keep (the model filter applies unless `ignoreModel`). */
export function filterGroups(summary: Summary, f: Filters, ignoreModel = false): SummaryGroup[] {
  return summary.groups.filter(
    (g) =>
      g.entries.length > 0 &&
      (ignoreModel || !f.model || g.model === f.model) &&
      (!f.device || g.deviceGroup === f.device) &&
      (!f.browser || g.browser === f.browser) &&
      (f.emulated || !g.emulated),
  );
}

/** A heatmap cell: the best entry and what it is compared with. */
export interface Cell {
  group: SummaryGroup;
  best: SummaryEntry;
  /** The runner-up or the chosen entry; undefined when there is nothing to compare with. */
  other: SummaryEntry | undefined;
  /** other.medianMs / best.medianMs (1 when the chosen entry is the best); undefined without `other`. */
  ratio: number | undefined;
}

export function cellOf(group: SummaryGroup, compare: string): Cell | undefined {
  const best = group.entries[0];
  if (!best) return undefined;
  const other = compare ? group.entries.find((e) => e.label === compare) : group.entries[1];
  const ratio = other && best.medianMs > 0 ? other.medianMs / best.medianMs : other ? 1 : undefined;
  return { group, best, other, ratio };
}

export interface Heatmap {
  rows: string[];
  columns: Column[];
  /** Keyed by `${model}\n${columnKey}`. */
  cells: Map<string, Cell>;
}

export const cellKey = (model: string, column: string): string => `${model}\n${column}`;

export function heatmapOf(groups: readonly SummaryGroup[], compare: string): Heatmap {
  const columns = new Map<string, Column>();
  const cells = new Map<string, Cell>();
  for (const g of groups) {
    const key = columnKey(g);
    if (!columns.has(key))
      columns.set(key, {
        key,
        deviceGroup: g.deviceGroup,
        browser: g.browser,
        engine: g.engine,
        emulated: g.emulated,
      });
    const cell = cellOf(g, compare);
    if (cell) cells.set(cellKey(g.model, key), cell);
  }
  return {
    rows: distinct(groups.map((g) => g.model)),
    // Real devices first, then emulated ones; each alphabetically.
    columns: [...columns.values()].sort(
      (a, b) =>
        Number(a.emulated) - Number(b.emulated) ||
        a.deviceGroup.localeCompare(b.deviceGroup) ||
        a.browser.localeCompare(b.browser),
    ),
    cells,
  };
}

/** One table row: one runtime/backend in one group. */
export interface Row {
  model: string;
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  label: string;
  medianMs: number;
  ciMs: [number, number];
  minMs: number;
  maxMs: number;
  ratioToBest: number;
  runs: number;
  devices: number;
}

export function rowsOf(groups: readonly SummaryGroup[], search = ''): Row[] {
  const needle = search.trim().toLowerCase();
  const rows: Row[] = groups.flatMap((g) =>
    g.entries.map((e) => ({
      model: g.model,
      deviceGroup: g.deviceGroup,
      browser: browserLabel(g),
      emulated: g.emulated,
      label: e.label,
      medianMs: e.medianMs,
      ciMs: e.ciMs,
      minMs: e.minMs,
      maxMs: e.maxMs,
      ratioToBest: e.ratioToBest,
      runs: e.runs,
      devices: g.devices,
    })),
  );
  if (!needle) return rows;
  return rows.filter((r) =>
    [r.model, r.deviceGroup, r.browser, r.label].some((text) => text.toLowerCase().includes(needle)),
  );
}

export type SortKey = 'model' | 'deviceGroup' | 'browser' | 'label' | 'medianMs' | 'ratioToBest' | 'runs';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** Sorted by `sort.key`, ties broken by model, device group, browser, then speed. */
export function sortRows(rows: readonly Row[], sort: Sort): Row[] {
  const sign = sort.descending ? -1 : 1;
  const by = (a: Row, b: Row): number => {
    const x = a[sort.key];
    const y = b[sort.key];
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  };
  return [...rows].sort(
    (a, b) =>
      sign * by(a, b) ||
      a.model.localeCompare(b.model) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser) ||
      a.medianMs - b.medianMs,
  );
}

/** "1.00×", "2.4×", "12×". */
export function ratioText(ratio: number): string {
  if (ratio >= 10) return `${ratio.toFixed(0)}×`;
  if (ratio >= 2) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}
