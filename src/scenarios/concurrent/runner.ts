/**
 * Two models at once: a face detector (WebGPU, or WASM when the browser has no WebGPU) and a
 * voice-activity detector (ORT WASM, one thread), each run alone, taking turns (one inference of
 * one, then of the other, as one loop of an app would), and at the same time; then the same with
 * the face detector on WASM too (both models on one backend).
 *
 * Timing: every per-inference latency here is the worker's service time (`infer()`'s
 * `serviceMs`: run + readback, on the worker's clock) in every configuration, so the page's
 * messaging is never in a latency; wall times (for throughput) are measured on the page, from the
 * first request to the last reply. Each model runs its own number of inferences, chosen from the
 * page round trips (`balancedCounts`) so that the runs take about as long alone: the slowest runs
 * `inferences`, a model k× faster 1.5·k× as many (STRETCH; at most COUNT_CAP×) — with equal
 * counts the fast one would be done before the slow one's second inference and "at the same time"
 * would barely overlap. Under co-run a model's latency counts only its inferences that started
 * while the other model was still running (`overlapped` in the metrics).
 */
import type { ScenarioRunner } from '../../app/scenarios/context.ts';
import { pageClock, type SessionHandle } from '../../app/scenarios/session.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import { median } from '../../measure/stats.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import {
  balancedCounts,
  concurrentHeadline,
  endOf,
  interleave,
  overlapped,
  type PairOutcome,
  slowdown,
  type TimedSample,
  throughputPerS,
} from './co-run.ts';

type Config = ScenarioConfigOf<'concurrent'>;

const NAMES: Readonly<Record<string, string>> = {
  faces: 'face detector',
  'faces-cpu': 'face detector',
  voice: 'VAD',
};

/** `face detector (webgpu)`. */
const nameOf = (s: SessionHandle) =>
  `${NAMES[s.placement.role] ?? s.placement.role} (${s.placement.backend})`;

/** `count` inferences back to back, each sample's start on the page's clock. */
async function timedLoop(session: SessionHandle, count: number): Promise<TimedSample[]> {
  const offset = session.placement.clock?.offsetMs ?? 0;
  const out: TimedSample[] = [];
  for (let i = 0; i < count; i++) {
    const r = await session.call((api) => api.infer());
    out.push({ startMs: r.startedAt - offset, serviceMs: r.serviceMs });
  }
  return out;
}

/** Inferences timed (page round trips) to choose the counts, per model. */
const CALIBRATION_RUNS = 5;
/** A fast model runs at most this many times the slowest one's count. */
const COUNT_CAP = 200;
/** Faster models run this much longer than the slowest alone, to keep it company to its end in a co-run. */
const STRETCH = 1.5;

const serviceOf = (samples: readonly TimedSample[]) => samples.map((s) => s.serviceMs);

export const runConcurrent: ScenarioRunner<'concurrent'> = async (def, ctx) => {
  const { inferences } = def.sizes[ctx.size];
  const sessions: SessionHandle[] = [];
  for (const role of def.roles) {
    ctx.progress(`opening ${role.model} on ${role.runtime}`, sessions.length * 0.03);
    sessions.push(await ctx.open(role));
  }
  const [faces, voice, facesCpu] = sessions as [SessionHandle, SessionHandle, SessionHandle];
  // Counts from the median page round trip of a few more inferences: what a run's wall time is
  // made of (for a sub-millisecond model the messaging outweighs the service time), and free of
  // the first runs' cost that the warm-up's mean (placement.serviceMs) still carries.
  const calibrationMs: number[] = [];
  for (const s of sessions) {
    ctx.progress(`timing ${nameOf(s)}`, 0.1);
    const trips: number[] = [];
    for (let i = 0; i < CALIBRATION_RUNS; i++) {
      const t0 = pageClock();
      await s.call((api) => api.infer());
      trips.push(pageClock() - t0);
    }
    calibrationMs.push(median(trips));
  }
  const counts = balancedCounts(inferences, calibrationMs, COUNT_CAP, STRETCH);
  const countOf = new Map(sessions.map((s, i) => [s, counts[i] as number]));
  const n = (s: SessionHandle) => countOf.get(s) as number;

  const configs: Config[] = [];
  const steps = 8;
  let step = 0;
  const progress = (text: string) => ctx.progress(text, 0.1 + (0.9 * step++) / steps);

  /** Each model alone; its median service time. */
  async function alone(s: SessionHandle, mode: string): Promise<number> {
    const t0 = pageClock();
    const samples = serviceOf(await timedLoop(s, n(s)));
    const wallMs = pageClock() - t0;
    configs.push(
      makeConfig<'concurrent'>(`${mode} · ${nameOf(s)}`, { mode, ...who(s) }, samples, {
        slowdown: 1,
        wallMs,
        throughputPerS: throughputPerS(n(s), wallMs),
      }),
    );
    return median(samples);
  }

  /**
   * One pair: each model alone (the baselines, measured right before the rest so that a drift of
   * the machine's load does not land between them), then taking turns, then at the same time.
   */
  async function pair(a: SessionHandle, b: SessionHandle, suffix: string, label: string) {
    const both = `${nameOf(a)} + ${nameOf(b)}`;
    progress(`${both}: each alone`);
    const baseline = new Map([
      [a, await alone(a, `alone${suffix}`)],
      [b, await alone(b, `alone${suffix}`)],
    ]);
    const perModel = (
      mode: string,
      s: SessionHandle,
      list: number[],
      extra: { overlapped?: number } = {},
    ) => {
      const factor = slowdown(median(list), baseline.get(s) as number);
      configs.push(
        makeConfig<'concurrent'>(`${mode} · ${nameOf(s)}`, { mode, ...who(s) }, list, {
          slowdown: factor,
          ...extra,
        }),
      );
      return { name: nameOf(s), factor };
    };

    progress(`${both}: taking turns`);
    const seq: [TimedSample[], TimedSample[]] = [[], []];
    const t0 = pageClock();
    for (const turn of interleave(n(a), n(b))) seq[turn].push(...(await timedLoop(turn ? b : a, 1)));
    const seqWall = pageClock() - t0;
    const mode = `sequential${suffix}`;
    perModel(mode, a, serviceOf(seq[0]));
    perModel(mode, b, serviceOf(seq[1]));
    configs.push(total(mode, both, n(a) + n(b), seqWall));

    progress(`${both}: at the same time`);
    const t1 = pageClock();
    const [coA, coB] = await Promise.all([timedLoop(a, n(a)), timedLoop(b, n(b))]);
    const coWall = pageClock() - t1;
    const coMode = `co-run${suffix}`;
    const slowdowns = [coA, coB].map((mine, i) => {
      const list = overlapped(mine, endOf(i ? coA : coB));
      return perModel(coMode, i ? b : a, list, { overlapped: list.length });
    });
    const speedup = seqWall / coWall;
    configs.push({
      ...total(coMode, both, n(a) + n(b), coWall),
      metrics: {
        wallMs: coWall,
        throughputPerS: throughputPerS(n(a) + n(b), coWall),
        speedupVsSequential: speedup,
      },
    });
    return { label, speedup, slowdowns } satisfies PairOutcome;
  }

  const mixed = await pair(faces, voice, '', `co-run on ${faces.placement.backend}+wasm`);
  const oneBackend = await pair(facesCpu, voice, ', one backend', 'co-run on one backend (wasm)');
  ctx.progress('done', 1);
  return {
    params: {
      inferences,
      inferencesFaces: n(faces),
      inferencesVoice: n(voice),
      inferencesFacesCpu: n(facesCpu),
      latency: 'worker service time',
      countCap: COUNT_CAP,
      countStretch: STRETCH,
      facesBackend: faces.placement.backend,
    },
    placements: sessions.map((s) => s.placement),
    configs,
    headline: {
      metric: 'coRunSpeedupVsSequential',
      value: mixed.speedup,
      text: concurrentHeadline([mixed, oneBackend]),
    },
  };
};

function who(s: SessionHandle): Omit<Config['params'], 'mode'> {
  return { role: s.placement.role, model: s.placement.model, backend: s.placement.backend };
}

function total(mode: string, both: string, count: number, wallMs: number): Config {
  return makeConfig<'concurrent'>(`${mode} · both`, { mode, models: both, inferences: count }, [], {
    wallMs,
    throughputPerS: throughputPerS(count, wallMs),
  });
}
