/**
 * "What matters most here: library, number format or GPU?" on the dashboard, pure (no DOM): the
 * summary's entries of each device group and browser as three-factor inputs (each model entry's
 * network and number format from the catalog), and per network the factors in that column
 * (src/report/three-factors.ts). The summary holds only ok cases whose checks passed.
 */
import { factorInput, type VariantInfo } from '../report/factor-inputs.ts';
import { allThreeFactors, type FactorInput, type ThreeFactors } from '../report/three-factors.ts';
import type { SummaryGroup } from '../schema/api.ts';
import { type Column, columnKey } from './model.ts';

/** One network's factors on one device group and browser. */
export interface FactorColumn extends Column {
  factors: ThreeFactors;
}

/**
 * The factors of every network in every column of `groups` (already filtered), sorted by network,
 * then real devices before emulated ones, device group and browser. With `network` set, only it.
 */
export function factorColumns(
  groups: readonly SummaryGroup[],
  lookup: (model: string) => VariantInfo | undefined,
  network = '',
): FactorColumn[] {
  const columns = new Map<string, { column: Column; inputs: FactorInput[] }>();
  for (const g of groups) {
    const entry = lookup(g.model);
    const entryNetwork = entry?.network;
    if (!entryNetwork || (network && entryNetwork !== network)) continue;
    const key = columnKey(g);
    let column = columns.get(key);
    if (!column) {
      const { deviceGroup, browser, engine, emulated } = g;
      column = { column: { key, deviceGroup, browser, engine, emulated }, inputs: [] };
      columns.set(key, column);
    }
    for (const e of g.entries) {
      column.inputs.push(
        factorInput({ ...entry, network: entryNetwork }, e.runtime, e.backend, e.medianMs, e.options),
      );
    }
  }
  const out: FactorColumn[] = [];
  for (const { column, inputs } of columns.values()) {
    for (const factors of allThreeFactors(inputs)) {
      // A column with nothing but a library spread is the "same network" section's business.
      if (factors.bestFormat || factors.bestGpu) out.push({ ...column, factors });
    }
  }
  return out.sort(
    (a, b) =>
      a.factors.network.localeCompare(b.factors.network) ||
      Number(a.emulated) - Number(b.emulated) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser),
  );
}
