/**
 * Bookkeeping of the dynamic-workload scenario, free of the browser: the capacity of a set of
 * backend sessions, the arrival rate of a load fraction, the deadline, the figures of one
 * (policy, load) configuration from its requests (deadline-miss rate, throughput, share per
 * backend), and which load level the headline reports.
 */

/** Capacity of sessions with these mean service times: Σ 1/sᵢ, requests per ms. */
export function capacityPerMs(serviceMs: readonly number[]): number {
  if (serviceMs.length === 0 || serviceMs.some((s) => !(s > 0) || !Number.isFinite(s))) {
    throw new Error(`service times must be positive, got ${serviceMs.join(', ')}`);
  }
  return serviceMs.reduce((sum, s) => sum + 1 / s, 0);
}

/** Arrival rate, requests per second, that offers `fraction` of the capacity. */
export function arrivalRatePerS(fraction: number, serviceMs: readonly number[]): number {
  if (!(fraction > 0) || !Number.isFinite(fraction))
    throw new Error(`load must be positive, got ${fraction}`);
  return fraction * capacityPerMs(serviceMs) * 1000;
}

/** Deadline: `factor` × the fastest session's mean service time, ms. */
export function deadlineMs(factor: number, serviceMs: readonly number[]): number {
  return factor * Math.min(...serviceMs);
}

/** One request as it went: times on the page clock, ms (any common origin). */
export interface RequestOutcome {
  backend: number;
  arrivalMs: number;
  completionMs: number;
}

/** Figures of one configuration. */
export interface DynamicFigures {
  latenciesMs: number[];
  /** Requests whose latency exceeded the deadline, as a fraction of all. */
  missRate: number;
  /** Completed requests per second, from the first arrival to the last completion. */
  throughputPerS: number;
  /** Fraction of the requests sent to each backend, by index. */
  shares: number[];
}

/** Summarises requests; `backends` is how many sessions there were. Throws on none. */
export function summarizeRequests(
  requests: readonly RequestOutcome[],
  backends: number,
  deadline: number,
): DynamicFigures {
  if (requests.length === 0) throw new Error('no requests to summarise');
  const latenciesMs = requests.map((r) => r.completionMs - r.arrivalMs);
  const firstArrival = Math.min(...requests.map((r) => r.arrivalMs));
  const lastCompletion = Math.max(...requests.map((r) => r.completionMs));
  const span = lastCompletion - firstArrival;
  const shares = Array.from({ length: backends }, () => 0);
  for (const r of requests) shares[r.backend] = (shares[r.backend] ?? 0) + 1 / requests.length;
  return {
    latenciesMs,
    missRate: latenciesMs.filter((l) => l > deadline).length / requests.length,
    throughputPerS: span > 0 ? (requests.length / span) * 1000 : Number.NaN,
    shares,
  };
}

/** The load the headline reports: the highest at most `cap`, else the one closest to it. */
export function headlineLoad(loads: readonly number[], cap = 0.8): number | undefined {
  const under = loads.filter((l) => l <= cap);
  if (under.length) return Math.max(...under);
  return [...loads].sort((a, b) => Math.abs(a - cap) - Math.abs(b - cap))[0];
}
