/**
 * One synthetic measured case for the generated stores (server-records.ts, phone-records.ts): ok,
 * checked, ten samples spread evenly around a median, timings made from a few numbers.
 */
import type { Case } from '../../src/schema/run.ts';

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** What a synthetic measured case is made of; the timings around the median follow from it. */
export interface SyntheticTiming {
  medianMs: number;
  /** Half-width of the samples' spread as a fraction of the median. */
  spread: number;
  loadMs: number;
  initMs: number;
  /** The first inference as a multiple of the median. */
  firstFactor: number;
  warmupRuns: number;
  /** The output check's maxAbsDiff. */
  checkValue: number;
}

/** An ok, checked case with ten samples spread evenly around `medianMs`. */
export function syntheticCase(
  header: Pick<Case, 'model' | 'runtime' | 'backend' | 'options'>,
  t: SyntheticTiming,
): Case & { status: 'ok' } {
  const median = t.medianMs;
  const samplesMs = Array.from({ length: 10 }, (_, i) =>
    round(median * (1 - t.spread + (2 * t.spread * i) / 9)),
  );
  return {
    ...header,
    status: 'ok',
    timings: {
      loadMs: round(t.loadMs),
      initMs: round(t.initMs),
      firstMs: round(median * t.firstFactor),
      warm: {
        n: samplesMs.length,
        medianMs: round(median),
        meanMs: round(median * (1 + t.spread / 4)),
        minMs: samplesMs[0] as number,
        p90Ms: samplesMs[8] as number,
        stdevMs: round(median * t.spread * 0.6),
        ci95Ms: [round(median * (1 - t.spread / 3)), round(median * (1 + t.spread / 3))],
        samplesMs,
        stop: 'converged',
      },
      warmupRuns: t.warmupRuns,
    },
    check: { ok: true, metric: 'maxAbsDiff', value: round(t.checkValue), tolerance: 0.001 },
  };
}
