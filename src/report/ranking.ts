/**
 * Which library and backend is fastest, from one run: each case's median as a multiple of the
 * best checked case of its model, and, for every network the catalog has in several formats, the
 * libraries ranked by their best case on it. Only `ok` cases whose output check passed count:
 * a fast wrong answer is not the fastest.
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
  const perNetwork = new Map<string, Map<string, LibraryStanding>>();
  for (const c of cases) {
    const network = networkOf(c.model);
    const median = medianOf(c);
    if (network === undefined || median === undefined) continue;
    let libraries = perNetwork.get(network);
    if (!libraries) {
      libraries = new Map();
      perNetwork.set(network, libraries);
    }
    const current = libraries.get(c.runtime);
    if (!current || median < current.medianMs) {
      libraries.set(c.runtime, {
        runtime: c.runtime,
        model: c.model,
        backend: c.backend,
        options: c.options,
        medianMs: median,
        ratio: 1,
      });
    }
  }
  const rankings: NetworkRanking[] = [];
  for (const [network, libraries] of perNetwork) {
    if (libraries.size < 2) continue;
    const standings = [...libraries.values()].sort((a, b) => a.medianMs - b.medianMs);
    const winner = standings[0]?.medianMs ?? 1;
    rankings.push({ network, standings: standings.map((s) => ({ ...s, ratio: s.medianMs / winner })) });
  }
  return rankings.sort((a, b) => a.network.localeCompare(b.network));
}

/** "1.00×", "3.4×", "120×": a ratio to the best, short. */
export function formatRatio(ratio: number): string {
  if (ratio < 10) return `${ratio.toFixed(2)}×`;
  if (ratio < 100) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(0)}×`;
}
