/**
 * "Does the fastest library change with the browser?", pure (no DOM): for each model, and each
 * network the catalog ships in several formats, on one device group (real or emulated) measured
 * in two or more browsers, every browser's fastest library there (its fastest correct
 * runtime/backend: the summary keeps ok cases only), its margin over the next library, and a
 * verdict: the same library wins everywhere, or it changes — beyond noise, within noise, or only
 * because a browser has no result for another's winner.
 */
import type { SummaryEntry, SummaryGroup } from '../schema/api.ts';
import { browserLabel } from './model.ts';

/** One library's fastest entry in one browser. */
export interface LibraryResult {
  runtime: string;
  /** The model entry (format) it ran: the subject itself for a model, one format for a network. */
  model: string;
  /** e.g. "ort · wasm (2 threads)". */
  label: string;
  medianMs: number;
  ciMs: [number, number];
  runs: number;
}

/** One browser's libraries on the subject, fastest first. */
export interface BrowserStanding {
  browser: string;
  engine: string;
  /** The browser as shown ("Chrome (WebKit)" on an iPhone). */
  name: string;
  /** One per library, fastest first (ties by library name); `libraries[0]` is the winner. */
  libraries: LibraryResult[];
  /** The next library's median over the winner's (1 = a tie); undefined when only one ran. */
  margin: number | undefined;
  /** The winner's 95% CI lies wholly below the next library's; false with one library. */
  clear: boolean;
}

/**
 * `same`: one library wins in every browser. `flip`: two browsers rank the same two libraries in
 * opposite orders, each beyond noise (CIs apart). `uncertain`: winners differ, but where both
 * browsers measured both winners the CIs overlap. `incomplete`: winners differ only where a
 * browser has no result for another browser's winner (it failed or was not run there).
 */
export type Verdict = 'flip' | 'uncertain' | 'incomplete' | 'same';

export interface BrowserComparison {
  kind: 'model' | 'network';
  /** The model id, or the network id. */
  subject: string;
  deviceGroup: string;
  emulated: boolean;
  /** Two or more, ordered by shown name. */
  browsers: BrowserStanding[];
  verdict: Verdict;
  /** The winning libraries, in the browsers' order, each once. */
  winners: string[];
}

const VERDICT_ORDER: Record<Verdict, number> = { flip: 0, uncertain: 1, incomplete: 2, same: 3 };

/** Each library's fastest entry, fastest first; entries arrive with the model they measured. */
function standingOf(
  browser: string,
  engine: string,
  entries: readonly (SummaryEntry & { model: string })[],
): BrowserStanding {
  const fastest = new Map<string, LibraryResult>();
  for (const e of entries) {
    const current = fastest.get(e.runtime);
    if (current && current.medianMs <= e.medianMs) continue;
    fastest.set(e.runtime, {
      runtime: e.runtime,
      model: e.model,
      label: e.label,
      medianMs: e.medianMs,
      ciMs: e.ciMs,
      runs: e.runs,
    });
  }
  const libraries = [...fastest.values()].sort(
    (a, b) => a.medianMs - b.medianMs || a.runtime.localeCompare(b.runtime),
  );
  const [winner, next] = libraries;
  return {
    browser,
    engine,
    name: browserLabel({ browser, engine }),
    libraries,
    margin: winner && next ? (winner.medianMs > 0 ? next.medianMs / winner.medianMs : 1) : undefined,
    clear: winner !== undefined && next !== undefined && winner.ciMs[1] < next.ciMs[0],
  };
}

const resultOf = (s: BrowserStanding, runtime: string) => s.libraries.find((l) => l.runtime === runtime);

/** The verdict over every pair of browsers whose winners differ. */
export function verdictOf(browsers: readonly BrowserStanding[]): Verdict {
  const winners = new Set(browsers.map((b) => b.libraries[0]?.runtime));
  if (winners.size <= 1) return 'same';
  let comparable = false;
  for (const [i, a] of browsers.entries()) {
    for (const b of browsers.slice(i + 1)) {
      const [wa, wb] = [a.libraries[0], b.libraries[0]];
      if (!wa || !wb || wa.runtime === wb.runtime) continue;
      // Each browser's result for the other's winner: both are needed to say the order flips.
      const aOfB = resultOf(a, wb.runtime);
      const bOfA = resultOf(b, wa.runtime);
      if (!aOfB || !bOfA) continue;
      comparable = true;
      if (wa.ciMs[1] < aOfB.ciMs[0] && wb.ciMs[1] < bOfA.ciMs[0]) return 'flip';
    }
  }
  return comparable ? 'uncertain' : 'incomplete';
}

/** One subject (model or network) on one device group in one browser: its entries. */
interface Cell {
  kind: BrowserComparison['kind'];
  subject: string;
  deviceGroup: string;
  emulated: boolean;
  perBrowser: Map<string, { browser: string; engine: string; entries: (SummaryEntry & { model: string })[] }>;
}

export interface WinnerFilters {
  /** A model id: only its own comparison and its network's are kept ('' = all). */
  model?: string;
  /** A browser name: only comparisons that include it are kept ('' = all). */
  browser?: string;
}

/**
 * The comparisons in `groups` (already narrowed by the device and emulated filters, not by the
 * browser one), flips first, then by subject, real devices before emulated ones, device group.
 * A subject is kept on a device group when two or more browsers have results for it there and
 * two or more libraries were measured on it (in any of them): a model that only one library
 * runs cannot answer the question. `networkOf` maps a model id to its network, or undefined.
 */
export function browserComparisons(
  groups: readonly SummaryGroup[],
  networkOf: (model: string) => string | undefined,
  filters: WinnerFilters = {},
): BrowserComparison[] {
  const wantedNetwork = filters.model ? networkOf(filters.model) : undefined;
  const cells = new Map<string, Cell>();
  const add = (kind: Cell['kind'], subject: string, g: SummaryGroup) => {
    const key = JSON.stringify([kind, subject, g.deviceGroup, g.emulated]);
    let cell = cells.get(key);
    if (!cell) {
      cell = { kind, subject, deviceGroup: g.deviceGroup, emulated: g.emulated, perBrowser: new Map() };
      cells.set(key, cell);
    }
    const browserKey = JSON.stringify([g.browser, g.engine]);
    let browser = cell.perBrowser.get(browserKey);
    if (!browser) {
      browser = { browser: g.browser, engine: g.engine, entries: [] };
      cell.perBrowser.set(browserKey, browser);
    }
    browser.entries.push(...g.entries.map((e) => ({ ...e, model: g.model })));
  };
  for (const g of groups) {
    if (g.entries.length === 0) continue;
    if (!filters.model || g.model === filters.model) add('model', g.model, g);
    const network = networkOf(g.model);
    if (network !== undefined && (!filters.model || network === wantedNetwork)) add('network', network, g);
  }
  const comparisons: BrowserComparison[] = [];
  for (const cell of cells.values()) {
    if (cell.perBrowser.size < 2) continue;
    const browsers = [...cell.perBrowser.values()]
      .map((b) => standingOf(b.browser, b.engine, b.entries))
      .sort((a, b) => a.name.localeCompare(b.name));
    const libraries = new Set(browsers.flatMap((b) => b.libraries.map((l) => l.runtime)));
    if (libraries.size < 2) continue;
    if (filters.browser && !browsers.some((b) => b.browser === filters.browser)) continue;
    const winners = [...new Set(browsers.flatMap((b) => b.libraries[0]?.runtime ?? []))];
    const { kind, subject, deviceGroup, emulated } = cell;
    comparisons.push({
      kind,
      subject,
      deviceGroup,
      emulated,
      browsers,
      verdict: verdictOf(browsers),
      winners,
    });
  }
  return comparisons.sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      a.subject.localeCompare(b.subject) ||
      Number(a.emulated) - Number(b.emulated) ||
      a.deviceGroup.localeCompare(b.deviceGroup),
  );
}

/** "a", "a and b", "a, b and c". */
const listText = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** "ort in Chromium; tfjs in Firefox and Safari": each winning library and where it wins. */
export function winnersText(c: Pick<BrowserComparison, 'browsers' | 'winners'>): string {
  return c.winners
    .map(
      (w) =>
        `${w} in ${listText(c.browsers.filter((b) => b.libraries[0]?.runtime === w).map((b) => b.name))}`,
    )
    .join('; ');
}

/** The verdict in words, naming the libraries (and what is missing when data is). */
export function verdictText(c: BrowserComparison): string {
  switch (c.verdict) {
    case 'same':
      return `Same library in every browser: ${c.winners[0] ?? '—'}.`;
    case 'flip':
      return `The fastest library changes with the browser: ${winnersText(c)}.`;
    case 'uncertain':
      return `Different winners, but within noise (the 95% CIs overlap): ${winnersText(c)}.`;
    case 'incomplete': {
      const missing = c.browsers.flatMap((b) =>
        c.winners.filter((w) => !resultOf(b, w)).map((w) => `${b.name} has no ${w} result`),
      );
      return `Different winners, not comparable: ${winnersText(c)}; ${listText(missing)}.`;
    }
  }
}
