/**
 * The arithmetic of the concurrent-models scenario, kept pure so it can be tested: how many
 * inferences each model runs so that all of them take about as long alone (otherwise a fast model
 * finishes its share before the slow one has started its second inference, and "co-run" would
 * barely overlap), which samples of a co-run really overlapped the other model, slowdowns and
 * throughputs, and the headline sentence.
 */

/**
 * Inference counts that make every model's run about as long alone: the slowest model (by mean
 * time per inference) runs `base` inferences, each other one `base × slowest / own × stretch`
 * rounded, between `base` and `cap × base`. A `stretch` above 1 makes the faster models run a bit
 * longer than the slowest, so that in a co-run the slowest is accompanied to its end even when
 * the others speed up. Times that are not positive count as the slowest.
 */
export function balancedCounts(
  base: number,
  perInferenceMs: readonly number[],
  cap = 50,
  stretch = 1,
): number[] {
  const valid = perInferenceMs.map((ms) => (Number.isFinite(ms) && ms > 0 ? ms : Number.NaN));
  const slowest = Math.max(...valid.filter((ms) => !Number.isNaN(ms)), 0);
  const slowestAt = valid.indexOf(slowest);
  return valid.map((ms, i) =>
    Number.isNaN(ms) || slowest === 0 || i === slowestAt
      ? base
      : Math.min(cap * base, Math.max(base, Math.round((base * slowest * stretch) / ms))),
  );
}

/**
 * The order of a sequential run that alternates two models as an app taking turns would: `na`
 * 0s and `nb` 1s, spread evenly (model 0 goes whenever its share done is not ahead of model 1's;
 * ties go to model 0).
 */
export function interleave(na: number, nb: number): (0 | 1)[] {
  const order: (0 | 1)[] = [];
  let a = 0;
  let b = 0;
  while (a < na || b < nb) {
    const pickA = b >= nb || (a < na && a * nb <= b * na);
    order.push(pickA ? 0 : 1);
    if (pickA) a++;
    else b++;
  }
  return order;
}

/** One inference of a co-run, on the page's clock: when it started and how long it served, ms. */
export interface TimedSample {
  startMs: number;
  serviceMs: number;
}

/** When the last of `samples` ended (start + service), ms; −∞ for none. */
export function endOf(samples: readonly TimedSample[]): number {
  return samples.reduce((end, s) => Math.max(end, s.startMs + s.serviceMs), Number.NEGATIVE_INFINITY);
}

/**
 * The service times of the samples that started while the other model was still running (before
 * `otherEndMs`): only those measure running side by side. Falls back to all of them when none did.
 */
export function overlapped(samples: readonly TimedSample[], otherEndMs: number): number[] {
  const during = samples.filter((s) => s.startMs < otherEndMs).map((s) => s.serviceMs);
  return during.length ? during : samples.map((s) => s.serviceMs);
}

/** Inferences per second over a wall time, ms. */
export function throughputPerS(inferences: number, wallMs: number): number {
  return wallMs > 0 ? (inferences * 1000) / wallMs : Number.NaN;
}

/** How many times slower than alone (median over median); NaN without a positive baseline. */
export function slowdown(medianMs: number, aloneMedianMs: number): number {
  return aloneMedianMs > 0 ? medianMs / aloneMedianMs : Number.NaN;
}

/** The figures of one pair of models run one way (sequentially or at the same time). */
export interface PairOutcome {
  /** What the pair is, e.g. `co-run on webgpu+wasm`. */
  label: string;
  /** Sequential wall time over co-run wall time for the same inferences (> 1: co-running wins). */
  speedup: number;
  /** Co-run slowdown of each model vs alone, by display name. */
  slowdowns: readonly { name: string; factor: number }[];
}

const times = (x: number) => `${x.toFixed(2)}×`;

/** The headline sentence: each pair's co-run gain over sequential and each model's slowdown. */
export function concurrentHeadline(pairs: readonly PairOutcome[]): string {
  return pairs
    .map((p) => {
      const gain =
        p.speedup >= 1
          ? `${times(p.speedup)} the throughput of running one after the other`
          : `${times(1 / p.speedup)} slower overall than running one after the other`;
      const each = p.slowdowns
        .map((s) =>
          s.factor >= 1 ? `${s.name} ${times(s.factor)} slower` : `${s.name} ${times(1 / s.factor)} faster`,
        )
        .join(', ');
      return `${p.label}: ${gain}; ${each} than alone`;
    })
    .join('; ');
}
