/**
 * Two-stage pipeline: face detection (stage 1) then face landmarks (stage 2), each stage in its
 * own session worker on WASM or WebGPU, every placement this browser can run (up to four). Items
 * stream through as in a camera app: stage 1 works on item i+1 while stage 2 works on item i, at
 * most one item in each stage (see `streamPipeline`).
 *
 * Data moves as a real app's would: stage 1's outputs come back to the page as transferred
 * ArrayBuffers (`infer(undefined, true)`), and stage 2 is sent its input as transferred buffers.
 * Stage 2's input is NOT a crop of stage 1's output — the models run on synthetic inputs, so the
 * detections mean nothing — but the model's own deterministic input, copied fresh for every item
 * (params: `stage2Input: 'deterministic'`). The bytes and the page-side time are those of an app
 * that would crop; only the crop arithmetic itself is missing.
 *
 * Latencies are on the page's clock: an item's end-to-end latency runs from stage 1's request to
 * stage 2's reply.
 */
import * as Comlink from 'comlink';
import type { ScenarioContext, ScenarioRunner } from '../../app/scenarios/context.ts';
import { pageClock, ScenarioUnsupported, type SessionHandle } from '../../app/scenarios/session.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import { median } from '../../measure/stats.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import { modelById } from '../../suite/catalog.ts';
import { makeInputs } from '../../suite/inputs.ts';
import type { RoleSpec } from '../types.ts';
import {
  type PlacementOutcome,
  pipelineFigures,
  pipelineHeadline,
  placementLabel,
  placementsOf,
  scheduleViolations,
  streamPipeline,
} from './stream.ts';

/** One session per backend of a stage that opens; the others' reasons go to `skipped`. */
async function openStage(
  ctx: ScenarioContext,
  stage: RoleSpec,
  skipped: string[],
): Promise<Map<string, SessionHandle>> {
  const sessions = new Map<string, SessionHandle>();
  for (const backend of stage.backends) {
    ctx.progress(`opening ${stage.model} on ${stage.runtime}/${backend}`, 0.02 * sessions.size);
    try {
      sessions.set(backend, await ctx.open({ ...stage, role: `${stage.role}-${backend}` }, [backend]));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      skipped.push(
        error instanceof ScenarioUnsupported ? reason : `${stage.role} on ${backend} failed: ${reason}`,
      );
    }
  }
  return sessions;
}

export const runPipeline: ScenarioRunner<'pipeline'> = async (def, ctx) => {
  const { items } = def.sizes[ctx.size];
  const [detect, landmarks] = def.stages;
  const skipped: string[] = [];
  const first = await openStage(ctx, detect, skipped);
  const second = await openStage(ctx, landmarks, skipped);
  const placements = placementsOf([...first.keys()], [...second.keys()]);
  if (placements.length === 0) {
    throw new ScenarioUnsupported(`no placement of both stages can run: ${skipped.join('; ')}`);
  }

  // Stage 2's deterministic input, copied for every item (the copy is what gets transferred).
  const template = makeInputs(modelById(landmarks.model).inputs).map((t) => t.data);
  const prepare2 = () => {
    const buffers = template.map((data) => data.slice().buffer as ArrayBuffer);
    return { payload: buffers, bytes: buffers.reduce((sum, b) => sum + b.byteLength, 0) };
  };

  const configs: ScenarioConfigOf<'pipeline'>[] = [];
  const outcomes: PlacementOutcome[] = [];
  for (const [index, placement] of placements.entries()) {
    const label = placementLabel(placement);
    ctx.progress(`${label}: ${items} items`, 0.1 + (0.9 * index) / placements.length);
    const s1 = first.get(placement[0]) as SessionHandle;
    const s2 = second.get(placement[1]) as SessionHandle;
    const times = await streamPipeline(
      items,
      {
        stage1: async () => {
          const r = await s1.call((api) => api.infer(undefined, true));
          const bytes = (r.outputs ?? []).reduce((sum, b) => sum + b.byteLength, 0);
          return { serviceMs: r.serviceMs, bytes };
        },
        prepare2,
        stage2: (payload) => s2.call((api) => api.infer(Comlink.transfer(payload, payload))),
      },
      pageClock,
    );
    const violations = scheduleViolations(times);
    if (violations.length) throw new Error(`${label}: the pipeline broke its schedule: ${violations[0]}`);
    const f = pipelineFigures(times);
    const stage1Ms = median(times.map((t) => t.s1ServiceMs));
    const stage2Ms = median(times.map((t) => t.s2ServiceMs));
    configs.push(
      makeConfig<'pipeline'>(label, { stage1: placement[0], stage2: placement[1], items }, f.endToEndMs, {
        throughputPerS: f.steadyThroughputPerS,
        // What the slower stage allows, from the medians of the service times.
        boundThroughputPerS: 1000 / Math.max(stage1Ms, stage2Ms),
        stage1Ms,
        stage2Ms,
        transferGapMs: median(times.map((t) => t.s2Request - t.s1Reply)),
        handoffMs: median(f.handoffMs),
        messagingMs: median(f.messagingMs),
        bytesPerItem: f.bytesPerItem,
      }),
    );
    outcomes.push({ placement, throughputPerS: f.steadyThroughputPerS, latencyMs: median(f.endToEndMs) });
  }
  ctx.progress('done', 1);
  const headline = pipelineHeadline(outcomes);
  return {
    params: {
      items,
      stage2Input: 'deterministic',
      placements: placements.map(placementLabel).join(', '),
      ...(skipped.length ? { skipped: skipped.join('; ').slice(0, 200) } : {}),
    },
    placements: [...first.values(), ...second.values()].map((s) => s.placement),
    configs,
    ...(headline
      ? {
          headline: {
            metric: 'bestOverBestSingleBackendThroughput',
            value: headline.value,
            text: headline.text,
          },
        }
      : {}),
  };
};
