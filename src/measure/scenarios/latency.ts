/**
 * Latency statistics of one scenario configuration: the warm-sample statistics of the protocol
 * (median with its distribution-free 95% CI, mean, min, p90, stdev) plus the tail percentiles
 * (p95, p99) and the maximum that queueing scenarios are judged by.
 */
import { quantileSorted } from 'simple-statistics';
import type { LatencyStats, ScenarioConfigOf, ScenarioId } from '../../schema/scenario.ts';
import { computeStatistics, isSamples, sortedCopy } from '../stats.ts';

/** Statistics of `samples` (ms); undefined for no samples. Percentiles interpolate (type 7). */
export function latencyStats(samples: readonly number[]): LatencyStats | undefined {
  if (!isSamples([...samples])) return undefined;
  const base = computeStatistics([...samples] as [number, ...number[]]);
  const sorted = sortedCopy(samples);
  return {
    n: base.n,
    medianMs: base.medianMs,
    meanMs: base.meanMs,
    minMs: base.minMs,
    maxMs: sorted[sorted.length - 1] as number,
    p90Ms: base.p90Ms,
    p95Ms: quantileSorted(sorted, 0.95),
    p99Ms: quantileSorted(sorted, 0.99),
    stdevMs: base.stdevMs,
    ci95Ms: base.ci95Ms,
  };
}

/** At most `max` evenly spaced samples (all of them when there are fewer), for the record. */
export function thinSamples(samples: readonly number[], max = 500): number[] {
  if (samples.length <= max) return [...samples];
  return Array.from({ length: max }, (_, i) => samples[Math.floor((i * samples.length) / max)] as number);
}

/**
 * A configuration of scenario `Id` (`makeConfig<'split'>(…)`): its latency statistics and thinned
 * samples (when there are any) and its metrics, those that are not finite left out.
 */
export function makeConfig<Id extends ScenarioId>(
  label: string,
  params: ScenarioConfigOf<Id>['params'],
  samplesMs: readonly number[],
  metrics: NonNullable<ScenarioConfigOf<Id>['metrics']> = {},
): ScenarioConfigOf<Id> {
  const latency = latencyStats(samplesMs);
  const finite = Object.fromEntries(
    Object.entries(metrics as Record<string, number>).filter(([, v]) => Number.isFinite(v)),
  );
  const config = {
    label,
    params,
    ...(latency ? { latency, samplesMs: thinSamples(samplesMs) } : {}),
    ...(Object.keys(finite).length ? { metrics: finite } : {}),
  };
  return config as ScenarioConfigOf<Id>;
}
