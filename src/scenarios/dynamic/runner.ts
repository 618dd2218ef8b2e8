/**
 * Dynamic workload: requests arrive as a seeded Poisson process and a dispatcher on the page
 * sends each to one of two backend sessions (`wasm`, and `webgpu` or WASM again without WebGPU)
 * by a policy; each session works through its FIFO queue one request at a time. Capacity is
 * Σ 1/sᵢ from the service times measured alone; for each load fraction the arrival rate is that
 * fraction of it, and every policy sees the same arrival times. Per (policy, load): latency
 * (completion − scheduled arrival, page clock) percentiles, deadline-miss rate, throughput, the
 * share per backend, how late the page's timers fired, and what `simulateDispatch` predicts for
 * the same arrivals and service times. Headline: each policy's p99 at the highest load ≤ 0.8.
 */
import { calibrate } from '../../app/scenarios/calibrate.ts';
import type { ScenarioOutcome, ScenarioRunner } from '../../app/scenarios/context.ts';
import { openAvailable } from '../../app/scenarios/open-available.ts';
import { pageClock, type SessionHandle } from '../../app/scenarios/session.ts';
import { latencyStats, makeConfig } from '../../measure/scenarios/latency.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import { type BackendLoad, makeDispatcher, POLICIES, type PolicyId, simulateDispatch } from './dispatch.ts';
import { poissonArrivals } from './poisson.ts';
import {
  arrivalRatePerS,
  deadlineMs,
  headlineLoad,
  type RequestOutcome,
  summarizeRequests,
} from './requests.ts';

type Config = ScenarioConfigOf<'dynamic'>;

/** Inferences per session, alone, before the configurations: their mean sizes the load. */
const CALIBRATION_RUNS = 10;
/** The first arrival's time is counted from this long after scheduling starts, ms. */
const LEAD_MS = 20;

/** One configuration as it went: every request and how late each dispatch fired, ms. */
interface Played {
  requests: RequestOutcome[];
  lateMs: number[];
  /** The workers' service times, per backend. */
  serviceMs: number[][];
}

/**
 * Plays `arrivalsMs` (from the start, ascending) against `sessions` with `policy`: a timer per
 * request dispatches it when it arrives, each session takes the next of its queue when the
 * previous returns. Resolves when every request completed.
 */
function play(
  sessions: readonly SessionHandle[],
  serviceMs: readonly number[],
  policy: PolicyId,
  arrivalsMs: readonly number[],
): Promise<Played> {
  const dispatch = makeDispatcher(policy);
  const queues = sessions.map(() => [] as number[]);
  const busySince: (number | undefined)[] = sessions.map(() => undefined);
  const requests: RequestOutcome[] = [];
  const lateMs: number[] = [];
  const served = sessions.map(() => [] as number[]);
  const timers: ReturnType<typeof setTimeout>[] = [];
  const t0 = pageClock() + LEAD_MS;
  return new Promise<Played>((resolve, reject) => {
    let done = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const t of timers) clearTimeout(t);
      reject(error);
    };
    const pump = (b: number) => {
      const session = sessions[b] as SessionHandle;
      const queue = queues[b] as number[];
      if (failed || busySince[b] !== undefined || queue.length === 0) return;
      const index = queue.shift() as number;
      busySince[b] = pageClock();
      session
        .call((api) => api.infer())
        .then((result) => {
          served[b]?.push(result.serviceMs);
          requests[index] = {
            backend: b,
            arrivalMs: t0 + (arrivalsMs[index] as number),
            completionMs: pageClock(),
          };
          busySince[b] = undefined;
          if (++done === arrivalsMs.length) resolve({ requests, lateMs, serviceMs: served });
          else pump(b);
        }, fail);
    };
    for (const [index, at] of arrivalsMs.entries()) {
      const due = t0 + at;
      const fire = () => {
        const now = pageClock();
        lateMs.push(Math.max(0, now - due));
        const loads: BackendLoad[] = sessions.map((_, b) => ({
          queued: queues[b]?.length ?? 0,
          serviceStartedAtMs: busySince[b],
          meanServiceMs: serviceMs[b] as number,
        }));
        const b = dispatch(loads, now);
        queues[b]?.push(index);
        pump(b);
      };
      timers.push(setTimeout(fire, Math.max(0, due - pageClock())));
    }
    if (arrivalsMs.length === 0) resolve({ requests, lateMs, serviceMs: served });
  });
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export const runDynamic: ScenarioRunner<'dynamic'> = async (def, ctx) => {
  const { requests: count, loads, deadlineFactor, seed } = def.sizes[ctx.size];
  const { sessions, skipped } = await openAvailable(ctx, def.roles, 2);
  ctx.progress('measuring each session alone', 0);
  for (const s of sessions) s.placement = await calibrate(s, CALIBRATION_RUNS);
  const serviceMs = sessions.map((s) => s.placement.serviceMs as number);
  const roles = sessions.map((s) => s.placement.role);
  const deadline = deadlineMs(deadlineFactor, serviceMs);

  const configs: Config[] = [];
  const steps = loads.length * POLICIES.length;
  for (const [li, load] of loads.entries()) {
    const ratePerS = arrivalRatePerS(load, serviceMs);
    const arrivals = poissonArrivals(ratePerS, count, seed);
    // The policies' order turns with each load, so drift does not always land on the same one.
    const order = POLICIES.map((_, i) => POLICIES[(i + li) % POLICIES.length] as PolicyId);
    for (const policy of order) {
      ctx.progress(
        `${policy} at ${Math.round(load * 100)}% of capacity (${ratePerS.toFixed(1)} requests/s)`,
        configs.length / steps,
      );
      const played = await play(sessions, serviceMs, policy, arrivals);
      const figures = summarizeRequests(played.requests, sessions.length, deadline);
      const simulated = simulateDispatch(policy, serviceMs, arrivals);
      const predicted = latencyStats(simulated.map((r) => r.latencyMs));
      const shareMetrics = Object.fromEntries(roles.map((r, b) => [`share_${r}`, figures.shares[b] ?? 0]));
      // Mean service time of each backend during this configuration (absent when it got nothing).
      const servedMetrics = Object.fromEntries(
        roles.map((r, b) => {
          const list = played.serviceMs[b] ?? [];
          return [`service_${r}Ms`, list.length ? list.reduce((x, y) => x + y, 0) / list.length : Number.NaN];
        }),
      );
      configs.push(
        makeConfig<'dynamic'>(
          `${policy} · load ${load}`,
          { policy, load, ratePerS: round(ratePerS) },
          figures.latenciesMs,
          {
            missRate: figures.missRate,
            throughputPerS: figures.throughputPerS,
            ...shareMetrics,
            ...servedMetrics,
            predictedP50Ms: predicted?.medianMs ?? Number.NaN,
            predictedP95Ms: predicted?.p95Ms ?? Number.NaN,
            predictedP99Ms: predicted?.p99Ms ?? Number.NaN,
            predictedMissRate: simulated.filter((r) => r.latencyMs > deadline).length / simulated.length,
            dispatchLateMeanMs: played.lateMs.reduce((a, b) => a + b, 0) / played.lateMs.length,
            dispatchLateMaxMs: Math.max(...played.lateMs),
          },
        ),
      );
    }
  }
  const bothWasm = new Set(sessions.map((s) => s.placement.backend)).size === 1;
  return {
    params: {
      requests: count,
      loads: loads.join(' '),
      deadlineFactor,
      deadlineMs: round(deadline),
      seed,
      serviceRuns: CALIBRATION_RUNS,
      capacityPerS: round(serviceMs.reduce((s, x) => s + 1000 / x, 0)),
      latency: 'completion minus scheduled arrival, page clock (includes a late timer)',
      ...(bothWasm ? { note: 'no WebGPU in this browser: both sessions ran on wasm' } : {}),
      ...(skipped.length ? { skipped: skipped.join('; ').slice(0, 200) } : {}),
    },
    placements: sessions.map((s) => s.placement),
    configs,
    ...headline(configs, loads),
  };
};

/** Each policy's p99 at the headline load, and the winner (lowest p99). */
function headline(
  configs: readonly Config[],
  loads: readonly number[],
): Pick<ScenarioOutcome<'dynamic'>, 'headline'> {
  const load = headlineLoad(loads);
  const at = configs
    .filter((c) => c.params.load === load && c.latency)
    .map((c) => ({
      policy: String(c.params.policy),
      p99: c.latency?.p99Ms as number,
      miss: c.metrics?.missRate ?? 0,
    }))
    .sort((a, b) => a.p99 - b.p99);
  const best = at[0];
  if (!best || load === undefined) return {};
  return {
    headline: {
      metric: 'bestP99AtHeadlineLoadMs',
      value: best.p99,
      text: `at ${Math.round(load * 100)}% of capacity, ${best.policy} has the lowest p99: ${at
        .map((a) => `${a.policy} ${a.p99.toFixed(1)} ms (${Math.round(a.miss * 100)}% missed)`)
        .join(', ')}`,
    },
  };
}
