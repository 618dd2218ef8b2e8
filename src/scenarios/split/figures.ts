/**
 * The split scenario's figure across runs: the gain of the best split over the best single
 * backend. The runner's headline value is that gain; without a headline it is derived from the
 * configurations (ratio 0 or 1 = one backend alone, in between = split; figure: the makespan,
 * else the median latency).
 */

import { median } from '../../measure/stats.ts';
import type { MultiBackendGain } from '../../schema/api.ts';
import type { ScenarioConfigOf, SplitResult } from '../../schema/scenario.ts';
import { finiteOr } from '../figures.ts';

/** A configuration's completion time: its makespan when it has one, else its median latency. */
function completionMs(c: ScenarioConfigOf<'split'>): number | undefined {
  const figure = finiteOr(c.metrics?.makespanMs) ?? finiteOr(c.latency?.medianMs);
  return figure !== undefined && figure > 0 ? figure : undefined;
}

/** Best split over best single backend (the headline value, else from the configurations). */
export function splitGain(result: SplitResult): MultiBackendGain | undefined {
  const headline = finiteOr(result.headline?.value);
  const byRatio = new Map<number, number[]>();
  for (const c of result.configs) {
    const figure = completionMs(c);
    if (figure === undefined) continue;
    byRatio.set(c.params.ratio, [...(byRatio.get(c.params.ratio) ?? []), figure]);
  }
  const perRatio = [...byRatio].map(([ratio, figures]) => ({ ratio, figure: median(figures) }));
  const single = perRatio.filter((r) => r.ratio <= 0 || r.ratio >= 1);
  const split = perRatio.filter((r) => r.ratio > 0 && r.ratio < 1);
  const bestOf = (list: typeof perRatio) =>
    list.reduce<(typeof perRatio)[number] | undefined>(
      (a, b) => (!a || b.figure < a.figure ? b : a),
      undefined,
    );
  const bestSplit = bestOf(split);
  const bestSingle = bestOf(single);
  if (headline !== undefined && headline > 0)
    return {
      gain: headline,
      detail: bestSplit
        ? `best split at ratio ${bestSplit.ratio} vs the best single backend`
        : 'best split vs the best single backend',
    };
  if (!bestSplit || !bestSingle) return undefined;
  return {
    gain: bestSingle.figure / bestSplit.figure,
    detail: `best split at ratio ${bestSplit.ratio} vs the best single backend`,
  };
}
