/**
 * The dynamic scenario's figure across runs: at the highest load ≤ 0.8 that has both, the
 * `fixed` policy's p99 over the best other policy's p99 (above 1: dispatching over several
 * backends beats always using the single fastest one).
 */

import { median } from '../../measure/stats.ts';
import type { MultiBackendGain } from '../../schema/api.ts';
import type { DynamicResult } from '../../schema/scenario.ts';
import { finiteOr } from '../figures.ts';

/** The highest load the comparison reads (above it the queues need not be stable). */
export const DYNAMIC_MAX_LOAD = 0.8;

/** `fixed`'s p99 over the best other policy's p99 at the highest load ≤ 0.8 that has both. */
export function dynamicGain(result: DynamicResult): MultiBackendGain | undefined {
  const byLoad = new Map<number, { policy: string; p99: number }[]>();
  for (const c of result.configs) {
    const { load, policy } = c.params;
    const p99 = finiteOr(c.latency?.p99Ms);
    if (p99 === undefined || p99 <= 0 || load > DYNAMIC_MAX_LOAD + 1e-9) continue;
    byLoad.set(load, [...(byLoad.get(load) ?? []), { policy, p99 }]);
  }
  for (const load of [...byLoad.keys()].sort((a, b) => b - a)) {
    const entries = byLoad.get(load) ?? [];
    const fixed = entries.filter((e) => e.policy === 'fixed').map((e) => e.p99);
    const others = entries.filter((e) => e.policy !== 'fixed');
    if (!fixed.length || !others.length) continue;
    const best = others.reduce((a, b) => (b.p99 < a.p99 ? b : a));
    return {
      gain: median(fixed) / best.p99,
      detail: `${best.policy} vs fixed, p99 at load ${load}`,
    };
  }
  return undefined;
}
