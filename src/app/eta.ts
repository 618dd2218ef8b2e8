/**
 * The ETA of a run: each remaining case is expected to take as long as the average finished case
 * of the same backend (GPU cases on a software GPU take ten times longer than WASM ones), or the
 * average of all finished cases when none of its backend has finished yet.
 */

export interface FinishedCase {
  backend: string;
  ms: number;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Milliseconds left: the current case's expected rest plus every case still to start.
 * Undefined until one case has finished (nothing to estimate from).
 */
export function estimateRemainingMs(
  finished: readonly FinishedCase[],
  current: { backend: string; elapsedMs: number },
  upcomingBackends: readonly string[],
): number | undefined {
  if (finished.length === 0) return undefined;
  const overall = mean(finished.map((f) => f.ms));
  const expected = (backend: string) => {
    const same = finished.filter((f) => f.backend === backend).map((f) => f.ms);
    return same.length ? mean(same) : overall;
  };
  const currentRest = Math.max(0, expected(current.backend) - current.elapsedMs);
  return upcomingBackends.reduce((total, backend) => total + expected(backend), currentRest);
}
