/**
 * Dispatcher policies of the dynamic-workload scenario: each arriving request goes to one backend
 * session, chosen from what the page knows — each session's queue, whether it is busy and since
 * when, and its mean service time measured alone before the scenario.
 * - `fixed`: always the backend that was fastest alone (what a single-backend app does);
 * - `round-robin`: backends in turn, blind to load;
 * - `least-loaded`: the fewest requests queued or in service (ties: the faster backend);
 * - `shortest-expected`: the earliest expected completion — the rest of the request in service,
 *   plus the queue, plus this request, each at the backend's mean service time.
 * Also a discrete-event simulation of the same queues (FIFO per backend, one request at a time),
 * used to test the policies and to compare measured latencies with what the policy predicts.
 */

import { DISPATCH_POLICIES } from '../../schema/scenario.ts';

/** The policies, as the record names them. */
export const POLICIES = DISPATCH_POLICIES;
export type PolicyId = (typeof POLICIES)[number];

/** What the dispatcher sees of one backend session when a request arrives. */
export interface BackendLoad {
  /** Requests waiting, not started. */
  queued: number;
  /** When the request in service started (page clock, ms); undefined when idle. */
  serviceStartedAtMs: number | undefined;
  /** Mean service time measured alone, ms. */
  meanServiceMs: number;
}

/** Picks a backend index for a request arriving at `nowMs`. */
export type Dispatcher = (loads: readonly BackendLoad[], nowMs: number) => number;

function argmin(values: readonly number[], tieBreak: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    const v = values[i] as number;
    const b = values[best] as number;
    if (v < b || (v === b && (tieBreak[i] as number) < (tieBreak[best] as number))) best = i;
  }
  return best;
}

/** Expected completion of a new request on one backend, ms from now. */
export function expectedCompletionMs(load: BackendLoad, nowMs: number): number {
  const rest =
    load.serviceStartedAtMs === undefined
      ? 0
      : Math.max(0, load.serviceStartedAtMs + load.meanServiceMs - nowMs);
  return rest + (load.queued + 1) * load.meanServiceMs;
}

/** A dispatcher for `policy` (stateful for round-robin: make one per configuration). */
export function makeDispatcher(policy: PolicyId): Dispatcher {
  let turn = 0;
  switch (policy) {
    case 'fixed':
      return (loads) =>
        argmin(
          loads.map((l) => l.meanServiceMs),
          loads.map((_, i) => i),
        );
    case 'round-robin':
      return (loads) => turn++ % loads.length;
    case 'least-loaded':
      return (loads) =>
        argmin(
          loads.map((l) => l.queued + (l.serviceStartedAtMs === undefined ? 0 : 1)),
          loads.map((l) => l.meanServiceMs),
        );
    case 'shortest-expected':
      return (loads, now) =>
        argmin(
          loads.map((l) => expectedCompletionMs(l, now)),
          loads.map((l) => l.meanServiceMs),
        );
  }
}

/** Outcome of one request in the simulation. */
export interface SimulatedRequest {
  backend: number;
  arrivalMs: number;
  latencyMs: number;
}

/**
 * Simulates FIFO queues, one per backend with fixed service times `serviceMs[i]`, fed by
 * `arrivalsMs` (ascending) through `policy`. The dispatcher is told the same means.
 */
export function simulateDispatch(
  policy: PolicyId,
  serviceMs: readonly number[],
  arrivalsMs: readonly number[],
): SimulatedRequest[] {
  const dispatch = makeDispatcher(policy);
  // Per backend: start times of the requests not yet finished (the first is in service when started).
  const pending = serviceMs.map(() => [] as { startMs: number }[]);
  const freeAt = serviceMs.map(() => 0);
  const out: SimulatedRequest[] = [];
  for (const arrival of arrivalsMs) {
    const loads: BackendLoad[] = serviceMs.map((mean, i) => {
      const list = (pending[i] ?? []).filter((p) => p.startMs + mean > arrival);
      pending[i] = list;
      const started = list.filter((p) => p.startMs <= arrival);
      return {
        queued: list.length - started.length,
        serviceStartedAtMs: started[0]?.startMs,
        meanServiceMs: mean,
      };
    });
    const b = dispatch(loads, arrival);
    const mean = serviceMs[b] as number;
    const start = Math.max(arrival, freeAt[b] as number);
    freeAt[b] = start + mean;
    pending[b]?.push({ startMs: start });
    out.push({ backend: b, arrivalMs: arrival, latencyMs: start + mean - arrival });
  }
  return out;
}
