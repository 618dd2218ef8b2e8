/**
 * Which library and backend is fastest, from one run: each case's median as a multiple of the
 * best checked case of its model, and, for every network the catalog has in several formats, the
 * libraries ranked by their best case on it. Only `ok` cases whose output check passed count:
 * a fast wrong answer is not the fastest. The ranking core (`rankLibraries`) takes any kind of
 * measurement, so the dashboard ranks the summary's entries with it too.
 */
import type { Case } from '../schema/run.ts';

/** A case that counts for rankings: ok, checked correct, with warm timings. */
function medianOf(c: Case): number | undefined {
  if (c.status !== 'ok' || c.check?.ok === false) return undefined;
  return c.timings?.warm.medianMs;
}

/** The fastest counting median per model id. */
export function bestPerModel(cases: readonly Case[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const c of cases) {
    const median = medianOf(c);
    if (median === undefined) continue;
    const current = best.get(c.model);
    if (current === undefined || median < current) best.set(c.model, median);
  }
  return best;
}

/** Median of the case ÷ the best median of its model (1 = fastest); undefined when it does not count. */
export function ratioToBest(c: Case, best: ReadonlyMap<string, number>): number | undefined {
  const median = medianOf(c);
  const fastest = best.get(c.model);
  if (median === undefined || fastest === undefined || fastest <= 0) return undefined;
  return median / fastest;
}

/** What a library ranking needs of one measurement: which entry, which library, how fast. */
export interface Measured {
  /** The model entry (format) measured. */
  model: string;
  /** The library. */
  runtime: string;
  medianMs: number;
}

/** One network's libraries, each by its fastest measurement, fastest first. */
export interface Ranked<T extends Measured> {
  network: string;
  /** Each with `ratio`: its medianMs ÷ the winner's medianMs (1 for the winner). */
  standings: (T & { ratio: number })[];
}

/**
 * The ranking core, for any kind of measurement (a run's cases, the summary's entries): per
 * network (`networkOf` maps a model id to its network, or undefined), each library keeps its
 * fastest measurement (the first seen on a tie), and the libraries are sorted fastest first (ties
 * by library name). Networks measured on fewer than two libraries are left out; the rest are
 * sorted by network id. The caller passes only measurements that count (correct, with timings).
 */
export function rankLibraries<T extends Measured>(
  items: readonly T[],
  networkOf: (model: string) => string | undefined,
): Ranked<T>[] {
  const perNetwork = new Map<string, Map<string, T>>();
  for (const item of items) {
    const network = networkOf(item.model);
    if (network === undefined) continue;
    let libraries = perNetwork.get(network);
    if (!libraries) {
      libraries = new Map();
      perNetwork.set(network, libraries);
    }
    const current = libraries.get(item.runtime);
    if (!current || item.medianMs < current.medianMs) libraries.set(item.runtime, item);
  }
  const rankings: Ranked<T>[] = [];
  for (const [network, libraries] of perNetwork) {
    if (libraries.size < 2) continue;
    const standings = [...libraries.values()].sort(
      (a, b) => a.medianMs - b.medianMs || a.runtime.localeCompare(b.runtime),
    );
    const winner = standings[0]?.medianMs ?? 0;
    rankings.push({
      network,
      standings: standings.map((s) => ({ ...s, ratio: winner > 0 ? s.medianMs / winner : 1 })),
    });
  }
  return rankings.sort((a, b) => a.network.localeCompare(b.network));
}

/** One library's best case on a network in one run. */
export interface LibraryStanding {
  runtime: string;
  /** The model entry (format) this library ran. */
  model: string;
  /** Its fastest backend on this network and that case's median. */
  backend: string;
  options: Case['options'];
  medianMs: number;
  /** medianMs ÷ the winner's medianMs. */
  ratio: number;
}

/** A network's libraries from one run, fastest first. */
export interface NetworkRanking {
  network: string;
  standings: LibraryStanding[];
}

/**
 * For every network with counting cases on at least two libraries, the libraries ordered by
 * their best case (fastest first). `networkOf` maps a model id to its network (or undefined).
 */
export function rankNetworks(
  cases: readonly Case[],
  networkOf: (model: string) => string | undefined,
): NetworkRanking[] {
  const counted = cases.flatMap((c) => {
    const medianMs = medianOf(c);
    if (medianMs === undefined) return [];
    const { runtime, model, backend, options } = c;
    return [{ runtime, model, backend, options, medianMs }];
  });
  return rankLibraries(counted, networkOf);
}

/** "1.00×", "3.4×", "120×": a ratio to the best, short. */
export function formatRatio(ratio: number): string {
  if (ratio < 10) return `${ratio.toFixed(2)}×`;
  if (ratio < 100) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(0)}×`;
}
