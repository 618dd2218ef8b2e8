/**
 * The "Several backends at once" section's data, pure (no DOM): the scenario summary's groups
 * kept by the dashboard's filters (device group, browser, emulated), gathered into one card per
 * device group and browser with one line per scenario, and the words for its figures — the
 * multi-backend gain ("1.18× faster" / "0.85× — slower") and the interference flips.
 */

import { SCENARIOS } from '../scenarios/index.ts';
import type { ScenarioSummary, ScenarioSummaryGroup } from '../schema/api.ts';
import type { Filters } from './model.ts';

/** One device group in one browser, with its scenarios in catalog order. */
export interface ScenarioCard {
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  scenarios: ScenarioSummaryGroup[];
}

const ORDER = new Map<string, number>(SCENARIOS.map((s, i) => [s.id, i]));

/** The scenario's title from the catalog (its id when the catalog does not know it). */
export function scenarioTitle(id: string): string {
  return SCENARIOS.find((s) => s.id === id)?.title ?? id;
}

/** The summary's groups that pass the device, browser and emulated filters, as cards. */
export function scenarioCards(
  summary: ScenarioSummary,
  f: Pick<Filters, 'device' | 'browser' | 'emulated'>,
): ScenarioCard[] {
  const cards = new Map<string, ScenarioCard>();
  for (const g of summary.groups) {
    if (f.device && g.deviceGroup !== f.device) continue;
    if (f.browser && g.browser !== f.browser) continue;
    if (!f.emulated && g.emulated) continue;
    const key = JSON.stringify([g.deviceGroup, g.browser, g.emulated]);
    const card = cards.get(key) ?? {
      deviceGroup: g.deviceGroup,
      browser: g.browser,
      emulated: g.emulated,
      scenarios: [],
    };
    card.scenarios.push(g);
    cards.set(key, card);
  }
  const rank = (id: string) => ORDER.get(id) ?? ORDER.size;
  for (const card of cards.values())
    card.scenarios.sort(
      (a, b) => rank(a.scenario) - rank(b.scenario) || a.scenario.localeCompare(b.scenario),
    );
  return [...cards.values()].sort(
    (a, b) =>
      Number(a.emulated) - Number(b.emulated) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser),
  );
}

/** A gain as words: "1.18× faster", "0.85× — slower", "1.00× — no faster". */
export function gainText(gain: number): string {
  const x = `${gain.toFixed(2)}×`;
  if (x === '1.00×') return `${x} — no faster`;
  return gain > 1 ? `${x} faster` : `${x} — slower`;
}

/** A headline figure with three significant digits at most (never exponent notation). */
export function figureText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

/** The interference flips as words, or undefined when none was read. */
export function flipText(flips: ScenarioSummaryGroup['flips']): string | undefined {
  if (!flips || flips.results === 0) return undefined;
  const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;
  if (flips.flipped === 0) return `the fastest backend never flips (${runs(flips.results)})`;
  const where = flips.levels
    .map((l) => `at ${l.level}: ${l.from} → ${l.to}${flips.levels.length > 1 ? ` (${l.count})` : ''}`)
    .join('; ');
  return `the fastest backend flips ${where} — in ${flips.flipped} of ${runs(flips.results)}`;
}

/** A camelCase metric name as words: `wasmSlowdownAllCoresBusy` → "wasm slowdown all cores busy". */
export function metricText(metric: string): string {
  return metric.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
