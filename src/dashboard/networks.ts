/**
 * "Same network, different libraries", pure (no DOM): for each network the catalog ships in
 * several formats and each device group and browser, every library's fastest runtime/backend on
 * that network, fastest first, with its multiple of the winner. The ranking itself is the run
 * page's (`rankLibraries`); this only feeds it the summary's entries, one column at a time.
 */
import { rankLibraries } from '../report/ranking.ts';
import type { SummaryEntry, SummaryGroup } from '../schema/api.ts';
import { type Column, columnKey } from './model.ts';

/** One library's best on a network in one column. */
export interface NetworkStanding {
  /** The library. */
  runtime: string;
  /** The model entry (format) it ran. */
  model: string;
  backend: string;
  options: SummaryEntry['options'];
  /** e.g. "ort · wasm (2 threads)". */
  label: string;
  medianMs: number;
  ciMs: [number, number];
  runs: number;
  /** medianMs ÷ the fastest library's medianMs here (1 for the winner). */
  ratio: number;
}

/** One network in one device group and browser, measured on two or more libraries. */
export interface NetworkComparison extends Column {
  network: string;
  /** Fastest first; one per library. */
  standings: NetworkStanding[];
}

/**
 * The comparisons in `groups` (already narrowed by the device, browser and emulated filters),
 * sorted by network, then real devices before emulated ones, then device group and browser.
 * `networkOf` maps a model id to its network. With `model` set, only that model's network is
 * kept (none when the model has no network).
 */
export function networkComparisons(
  groups: readonly SummaryGroup[],
  networkOf: (model: string) => string | undefined,
  model = '',
): NetworkComparison[] {
  const wanted = model ? networkOf(model) : undefined;
  if (model && wanted === undefined) return [];
  const columns = new Map<string, { column: Column; entries: (SummaryEntry & { model: string })[] }>();
  for (const g of groups) {
    const network = networkOf(g.model);
    if (network === undefined || (wanted !== undefined && network !== wanted)) continue;
    const key = columnKey(g);
    let column = columns.get(key);
    if (!column) {
      column = {
        column: {
          key,
          deviceGroup: g.deviceGroup,
          browser: g.browser,
          engine: g.engine,
          emulated: g.emulated,
        },
        entries: [],
      };
      columns.set(key, column);
    }
    // Entries come fastest first, so a runtime's tie between two backends keeps the first listed.
    column.entries.push(...g.entries.map((e) => ({ ...e, model: g.model })));
  }
  const comparisons: NetworkComparison[] = [];
  for (const { column, entries } of columns.values()) {
    for (const ranking of rankLibraries(entries, networkOf)) {
      comparisons.push({
        ...column,
        network: ranking.network,
        standings: ranking.standings.map((s) => ({
          runtime: s.runtime,
          model: s.model,
          backend: s.backend,
          options: s.options,
          label: s.label,
          medianMs: s.medianMs,
          ciMs: s.ciMs,
          runs: s.runs,
          ratio: s.ratio,
        })),
      });
    }
  }
  return comparisons.sort(
    (a, b) =>
      a.network.localeCompare(b.network) ||
      Number(a.emulated) - Number(b.emulated) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser),
  );
}
