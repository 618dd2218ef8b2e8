/**
 * Bookkeeping of the split-batch scenario, free of the browser: how many of a batch of K items
 * each backend gets for a ratio r (the share sent to the `gpu` session), the makespan the
 * measured service times predict for a split, the ratio that balances the two sessions, and the
 * headline (the best measured ratio and its gain over the better single backend).
 */

/** Items of one batch per session for a ratio. */
export interface SplitShares {
  cpu: number;
  gpu: number;
}

/**
 * Shares of a batch of `batch` items for `ratio` (0 = all on `cpu`, 1 = all on `gpu`): the
 * `gpu` session gets `Math.round(batch × ratio)` items (halves round up, towards the `gpu`), the
 * `cpu` session the rest, so the shares always add up to the batch.
 */
export function splitShares(batch: number, ratio: number): SplitShares {
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`batch must be a positive whole number, got ${batch}`);
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`ratio must be within 0–1, got ${ratio}`);
  // The product is rounded to 9 decimals first, so 0.1 × 30 = 3.0000000000000004 is 3, not 4 after a
  // further half; only a true half (e.g. 0.5 of 5) rounds up.
  const gpu = Math.round(Math.round(batch * ratio * 1e9) / 1e9);
  return { cpu: batch - gpu, gpu };
}

/**
 * The ratio that makes both sessions finish together: K·r·s_gpu = K·(1 − r)·s_cpu, so
 * r = s_cpu / (s_cpu + s_gpu). Service times in ms, both positive.
 */
export function balancedRatio(cpuServiceMs: number, gpuServiceMs: number): number {
  if (!(cpuServiceMs > 0) || !(gpuServiceMs > 0) || !Number.isFinite(cpuServiceMs + gpuServiceMs)) {
    throw new Error(`service times must be positive, got ${cpuServiceMs} and ${gpuServiceMs}`);
  }
  return cpuServiceMs / (cpuServiceMs + gpuServiceMs);
}

/** Makespan the service times predict for a split (each session works through its share alone), ms. */
export function predictedMakespanMs(shares: SplitShares, cpuServiceMs: number, gpuServiceMs: number): number {
  return Math.max(shares.cpu * cpuServiceMs, shares.gpu * gpuServiceMs);
}

/** Of `ratios`, the one with the smallest predicted makespan (ties: the first listed). */
export function predictedBestRatio(
  batch: number,
  ratios: readonly number[],
  cpuServiceMs: number,
  gpuServiceMs: number,
): number | undefined {
  let best: { ratio: number; ms: number } | undefined;
  for (const ratio of ratios) {
    const ms = predictedMakespanMs(splitShares(batch, ratio), cpuServiceMs, gpuServiceMs);
    if (!best || ms < best.ms) best = { ratio, ms };
  }
  return best?.ratio;
}

/** One measured ratio: its throughput (items per second, from the median makespan). */
export interface RatioThroughput {
  ratio: number;
  throughputPerS: number;
}

/** The best ratio, its throughput, the better single backend's, and the gain (best / single). */
export interface SplitVerdict {
  bestRatio: number;
  bestThroughputPerS: number;
  singleRatio: number;
  singleThroughputPerS: number;
  /** Best throughput over the better single backend's; 1 when a single backend is best, below 1 never. */
  gain: number;
  /** The best split ratio strictly between 0 and 1, and its throughput over the better single backend's (may be < 1). */
  bestSplitRatio?: number;
  splitGain?: number;
}

/**
 * The verdict of a split run: the best ratio overall, and the best true split (0 < r < 1) against
 * the better of r = 0 and r = 1. Undefined without both single-backend baselines.
 */
export function splitVerdict(measured: readonly RatioThroughput[]): SplitVerdict | undefined {
  const single = measured
    .filter((m) => m.ratio === 0 || m.ratio === 1)
    .reduce<RatioThroughput | undefined>(
      (a, b) => (!a || b.throughputPerS > a.throughputPerS ? b : a),
      undefined,
    );
  if (!single || measured.filter((m) => m.ratio === 0 || m.ratio === 1).length < 2) return undefined;
  const best = measured.reduce((a, b) => (b.throughputPerS > a.throughputPerS ? b : a));
  const split = measured
    .filter((m) => m.ratio > 0 && m.ratio < 1)
    .reduce<RatioThroughput | undefined>(
      (a, b) => (!a || b.throughputPerS > a.throughputPerS ? b : a),
      undefined,
    );
  return {
    bestRatio: best.ratio,
    bestThroughputPerS: best.throughputPerS,
    singleRatio: single.ratio,
    singleThroughputPerS: single.throughputPerS,
    gain: best.throughputPerS / single.throughputPerS,
    ...(split
      ? { bestSplitRatio: split.ratio, splitGain: split.throughputPerS / single.throughputPerS }
      : {}),
  };
}
