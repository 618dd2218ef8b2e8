/**
 * Split batch: the same model on two sessions, `cpu` (WASM, one thread) and `gpu` (WebGPU, or
 * WASM when the browser has none). A batch of K inputs made on the page is split with ratio r
 * (the share sent to `gpu`); both sessions work through their shares at the same time, one item
 * at a time each, every item's buffers transferred to the worker and its outputs transferred
 * back. Per ratio: the makespan (page clock, first dispatch to last output back), throughput,
 * per-item round trips and the transfer overhead (round trip minus the worker's service time).
 * Headline: the best ratio, and the best true split's throughput over the better single backend's
 * (below 1 is a loss), next to the ratio the service times predict.
 */
import * as Comlink from 'comlink';
import { calibrate } from '../../app/scenarios/calibrate.ts';
import type { ScenarioOutcome, ScenarioRunner } from '../../app/scenarios/context.ts';
import { openAvailable } from '../../app/scenarios/open-available.ts';
import { pageClock, type SessionHandle } from '../../app/scenarios/session.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import { median } from '../../measure/stats.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import { modelById } from '../../suite/catalog.ts';
import { makeInputs } from '../../suite/inputs.ts';
import {
  balancedRatio,
  predictedBestRatio,
  predictedMakespanMs,
  type SplitShares,
  splitShares,
  splitVerdict,
} from './plan.ts';

type Config = ScenarioConfigOf<'split'>;

/** One item's round trip as the page saw it, and the worker's service time, ms. */
interface ItemTiming {
  session: 'cpu' | 'gpu';
  roundTripMs: number;
  serviceMs: number;
  outputBytes: number;
}

/** One run of a batch: its makespan and every item's timing. */
interface BatchRun {
  makespanMs: number;
  items: ItemTiming[];
}

/** Works through `inputs` on `session` one item at a time, each transferred in, outputs transferred back. */
async function workThrough(
  session: SessionHandle,
  which: ItemTiming['session'],
  inputs: ArrayBuffer[][],
): Promise<ItemTiming[]> {
  const out: ItemTiming[] = [];
  for (const buffers of inputs) {
    const sent = pageClock();
    const result = await session.call((api) => api.infer(Comlink.transfer(buffers, buffers), true));
    const roundTripMs = pageClock() - sent;
    const outputBytes = (result.outputs ?? []).reduce((n, b) => n + b.byteLength, 0);
    if (outputBytes === 0) throw new Error(`${session.placement.role} returned no output bytes`);
    out.push({ session: which, roundTripMs, serviceMs: result.serviceMs, outputBytes });
  }
  return out;
}

/** One batch split by `shares`: fresh input copies, both sessions at once, the makespan on the page clock. */
async function runBatch(
  cpu: SessionHandle,
  gpu: SessionHandle,
  shares: SplitShares,
  template: readonly ArrayBuffer[],
): Promise<BatchRun> {
  const copies = (n: number) => Array.from({ length: n }, () => template.map((b) => b.slice(0)));
  const cpuInputs = copies(shares.cpu);
  const gpuInputs = copies(shares.gpu);
  const start = pageClock();
  const [a, b] = await Promise.all([workThrough(cpu, 'cpu', cpuInputs), workThrough(gpu, 'gpu', gpuInputs)]);
  return { makespanMs: pageClock() - start, items: [...a, ...b] };
}

/** Inferences per session, alone, before the batches: their mean is the service time the prediction uses. */
const CALIBRATION_RUNS = 8;

export const runSplit: ScenarioRunner<'split'> = async (def, ctx) => {
  const { batch, ratios, repeats } = def.sizes[ctx.size];
  const { sessions } = await openAvailable(ctx, def.roles, 2);
  const [cpu, gpu] = sessions as [SessionHandle, SessionHandle];
  ctx.progress('measuring each session alone', 0);
  for (const s of sessions) s.placement = await calibrate(s, CALIBRATION_RUNS);
  const model = modelById(def.roles[0].model);
  const template = makeInputs(model.inputs).map((t) => t.data.slice().buffer as ArrayBuffer);
  const sCpu = cpu.placement.serviceMs ?? Number.NaN;
  const sGpu = gpu.placement.serviceMs ?? Number.NaN;

  // Repeats outermost, so drift spreads over every ratio instead of landing on one.
  const runs = new Map<number, BatchRun[]>(ratios.map((r) => [r, []]));
  const steps = repeats * ratios.length;
  let step = 0;
  for (let rep = 0; rep < repeats; rep++) {
    for (const ratio of ratios) {
      const shares = splitShares(batch, ratio);
      ctx.progress(
        `batch of ${batch}: ${shares.cpu} on ${cpu.placement.backend}, ${shares.gpu} on ${gpu.placement.backend} (repeat ${rep + 1} of ${repeats})`,
        step++ / steps,
      );
      runs.get(ratio)?.push(await runBatch(cpu, gpu, shares, template));
    }
  }

  const configs: Config[] = ratios.map((ratio) => {
    const list = runs.get(ratio) ?? [];
    const shares = splitShares(batch, ratio);
    const makespanMs = median(list.map((r) => r.makespanMs));
    const items = list.flatMap((r) => r.items);
    return makeConfig<'split'>(
      `r = ${ratio} (${shares.cpu} ${cpu.placement.backend} + ${shares.gpu} ${gpu.placement.backend})`,
      { ratio, cpuItems: shares.cpu, gpuItems: shares.gpu },
      items.map((i) => i.roundTripMs),
      {
        makespanMs,
        throughputPerS: (batch / makespanMs) * 1000,
        transferMs: median(items.map((i) => i.roundTripMs - i.serviceMs)),
        predictedMakespanMs: predictedMakespanMs(shares, sCpu, sGpu),
        // Service times while both worked: how far co-running moved them from the ones alone.
        cpuServiceMs: median(items.filter((i) => i.session === 'cpu').map((i) => i.serviceMs)),
        gpuServiceMs: median(items.filter((i) => i.session === 'gpu').map((i) => i.serviceMs)),
      },
    );
  });
  const bothWasm = gpu.placement.backend === cpu.placement.backend;
  return {
    params: {
      batch,
      repeats,
      serviceRuns: CALIBRATION_RUNS,
      ratios: ratios.join(' '),
      rounding: 'gpu items = round(batch × r), halves up; cpu items = the rest',
      itemLatency: 'page round trip of one item: send (inputs transferred) to outputs back',
      cpuBackend: cpu.placement.backend,
      gpuBackend: gpu.placement.backend,
      outputBytesPerItem: runs.get(ratios[0] ?? 0)?.[0]?.items[0]?.outputBytes ?? 0,
      ...(bothWasm ? { note: 'no WebGPU in this browser: both sessions ran on wasm' } : {}),
      ...(Number.isFinite(sCpu + sGpu)
        ? {
            predictedRatio: Number(balancedRatio(sCpu, sGpu).toFixed(4)),
            predictedBestTestedRatio: predictedBestRatio(batch, ratios, sCpu, sGpu) ?? -1,
          }
        : {}),
    },
    placements: sessions.map((s) => s.placement),
    configs,
    ...headline(configs, cpu, gpu),
  };
};

function headline(
  configs: readonly Config[],
  cpu: SessionHandle,
  gpu: SessionHandle,
): Pick<ScenarioOutcome<'split'>, 'headline'> {
  const measured = configs.map((c) => ({
    ratio: c.params.ratio,
    throughputPerS: c.metrics?.throughputPerS ?? 0,
  }));
  const verdict = splitVerdict(measured);
  if (!verdict) return {};
  const sCpu = cpu.placement.serviceMs;
  const sGpu = gpu.placement.serviceMs;
  const where = (r: number) =>
    r === 0 ? `all on ${cpu.placement.backend}` : r === 1 ? `all on ${gpu.placement.backend}` : 'split';
  const parts = [
    `best r = ${verdict.bestRatio} (${where(verdict.bestRatio)}): ${verdict.bestThroughputPerS.toFixed(1)} items/s`,
  ];
  if (verdict.bestSplitRatio !== undefined && verdict.splitGain !== undefined) {
    parts.push(
      `best split r = ${verdict.bestSplitRatio}: ${verdict.splitGain.toFixed(2)}× the better single backend (r = ${verdict.singleRatio}, ${where(verdict.singleRatio)})${verdict.splitGain < 1 ? ', a loss' : ''}`,
    );
  }
  if (sCpu && sGpu) parts.push(`the service times alone predict r ≈ ${balancedRatio(sCpu, sGpu).toFixed(2)}`);
  const result: ScenarioOutcome<'split'>['headline'] = {
    metric: 'bestSplitGainOverBestSingle',
    value: verdict.splitGain ?? verdict.gain,
    text: parts.join('; '),
  };
  return { headline: result };
}
