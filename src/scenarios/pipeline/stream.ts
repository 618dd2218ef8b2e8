/**
 * The two-stage pipeline of the pipeline scenario, independent of workers so it can be tested with
 * fake stages and a fake clock: every placement of the two stages on the backends each can use,
 * the streaming schedule (at most one item in each stage; stage 1 starts item i+1 as soon as it
 * has handed item i to stage 2, and holds a finished item until stage 2 is free), the per-item
 * timestamps it records on the page's clock, the figures derived from them, and a check that a
 * recorded schedule obeys those rules.
 */

/** A placement: stage 1's backend and stage 2's. */
export type StagePlacement = readonly [string, string];

/** Every (stage 1, stage 2) backend pair, stage 1's order first: `[[a, x], [a, y], [b, x], [b, y]]`. */
export function placementsOf(first: readonly string[], second: readonly string[]): StagePlacement[] {
  return first.flatMap((a) => second.map((b) => [a, b] as const));
}

/** `wasm→webgpu`. */
export const placementLabel = (p: StagePlacement): string => `${p[0]}→${p[1]}`;

/** True when both stages run on the same backend. */
export const singleBackend = (p: StagePlacement): boolean => p[0] === p[1];

/** One item's trip through the pipeline, page clock, ms (bytes per item). */
export interface ItemTimes {
  s1Request: number;
  s1Reply: number;
  s1ServiceMs: number;
  /** Bytes of stage 1's outputs that came back to the page. */
  s1Bytes: number;
  /** When stage 2 was free for this item (≥ s1Reply), before its input was made. */
  s2Ready: number;
  s2Request: number;
  s2Reply: number;
  s2ServiceMs: number;
  /** Bytes of stage 2's input sent to its worker. */
  s2Bytes: number;
}

/** What a stage call reports: the worker's service time, and the output bytes it returned (stage 1). */
export interface StageReply {
  serviceMs: number;
  bytes?: number;
}

/** The stages as the schedule drives them. */
export interface PipelineStages<P> {
  stage1(item: number): Promise<StageReply>;
  /** Makes stage 2's input for an item (synchronous, on the page): the payload and its size. */
  prepare2(item: number): { payload: P; bytes: number };
  stage2(payload: P): Promise<StageReply>;
}

/** Streams `items` items through the two stages (see the module comment); their timestamps in order. */
export async function streamPipeline<P>(
  items: number,
  stages: PipelineStages<P>,
  clock: () => number,
): Promise<ItemTimes[]> {
  const out: ItemTimes[] = [];
  let stage2Done: Promise<void> = Promise.resolve();
  for (let i = 0; i < items; i++) {
    const s1Request = clock();
    const r1 = await stages.stage1(i);
    const s1Reply = clock();
    await stage2Done; // hand-off: stage 1 holds its item until stage 2 is free
    const s2Ready = clock();
    const { payload, bytes } = stages.prepare2(i);
    const item: ItemTimes = {
      s1Request,
      s1Reply,
      s1ServiceMs: r1.serviceMs,
      s1Bytes: r1.bytes ?? 0,
      s2Ready,
      s2Request: clock(),
      s2Reply: Number.NaN,
      s2ServiceMs: Number.NaN,
      s2Bytes: bytes,
    };
    out.push(item);
    const done = stages.stage2(payload).then((r2) => {
      item.s2Reply = clock();
      item.s2ServiceMs = r2.serviceMs;
    });
    done.catch(() => {}); // a failure surfaces at the next hand-off or at the end
    stage2Done = done;
  }
  await stage2Done;
  return out;
}

/** Where a recorded schedule breaks the pipeline's rules (empty when it does not). */
export function scheduleViolations(items: readonly ItemTimes[]): string[] {
  const bad: string[] = [];
  items.forEach((t, i) => {
    if (!(t.s1Reply >= t.s1Request)) bad.push(`item ${i}: stage 1 replied before its request`);
    if (!(t.s2Request >= t.s1Reply)) bad.push(`item ${i}: stage 2 started before stage 1 finished`);
    if (!(t.s2Reply >= t.s2Request)) bad.push(`item ${i}: stage 2 has no reply after its request`);
    const prev = items[i - 1];
    if (prev && !(t.s1Request >= prev.s1Reply)) bad.push(`item ${i}: two items in stage 1`);
    if (prev && !(t.s2Request >= prev.s2Reply)) bad.push(`item ${i}: two items in stage 2`);
  });
  return bad;
}

/** The figures of one placement's run. */
export interface PipelineFigures {
  /** From stage 1's request to stage 2's reply, per item, ms. */
  endToEndMs: number[];
  /** Items per second over the items after the first two: (n − 2) over the time from item 1's completion to the last's. */
  steadyThroughputPerS: number;
  /** Page-side hand-off per item: from stage 2 being free (or stage 1's reply) to stage 2's request, ms. */
  handoffMs: number[];
  /** How long a finished stage-1 item waited for stage 2, ms. */
  waitMs: number[];
  /** Messaging and transfer per item: both round trips minus both service times, ms. */
  messagingMs: number[];
  /** From the first request to the last reply, ms. */
  wallMs: number;
  /** Bytes per item: stage 1's outputs back to the page plus stage 2's input to its worker. */
  bytesPerItem: number;
}

/** Figures of a recorded schedule (at least three items for the steady-state throughput). */
export function pipelineFigures(items: readonly ItemTimes[]): PipelineFigures {
  const first = items[0];
  const last = items.at(-1);
  const second = items[1];
  const steady =
    last && second && items.length > 2 && last.s2Reply > second.s2Reply
      ? ((items.length - 2) * 1000) / (last.s2Reply - second.s2Reply)
      : Number.NaN;
  return {
    endToEndMs: items.map((t) => t.s2Reply - t.s1Request),
    steadyThroughputPerS: steady,
    handoffMs: items.map((t) => t.s2Request - t.s2Ready),
    waitMs: items.map((t) => t.s2Ready - t.s1Reply),
    messagingMs: items.map(
      (t) => t.s1Reply - t.s1Request - t.s1ServiceMs + (t.s2Reply - t.s2Request - t.s2ServiceMs),
    ),
    wallMs: first && last ? last.s2Reply - first.s1Request : 0,
    bytesPerItem: first ? first.s1Bytes + first.s2Bytes : 0,
  };
}

/** One placement's result as the headline compares them. */
export interface PlacementOutcome {
  placement: StagePlacement;
  throughputPerS: number;
  /** Median end-to-end latency, ms. */
  latencyMs: number;
}

/**
 * The best placement (highest steady-state throughput) against the best single-backend one
 * (wasm→wasm or webgpu→webgpu): its ratio of throughputs and the sentence; undefined without
 * a usable placement.
 */
export function pipelineHeadline(
  outcomes: readonly PlacementOutcome[],
): { value: number; text: string } | undefined {
  const usable = outcomes.filter((o) => Number.isFinite(o.throughputPerS) && o.throughputPerS > 0);
  const best = (list: readonly PlacementOutcome[]) =>
    list.reduce<PlacementOutcome | undefined>(
      (a, b) => (a === undefined || b.throughputPerS > a.throughputPerS ? b : a),
      undefined,
    );
  const top = best(usable);
  if (!top) return undefined;
  const describe = (o: PlacementOutcome) =>
    `${placementLabel(o.placement)} ${o.throughputPerS.toFixed(1)} items/s, ${o.latencyMs.toFixed(1)} ms per item end to end`;
  const single = best(usable.filter((o) => singleBackend(o.placement)));
  if (!single) return { value: 1, text: `best placement ${describe(top)} (no single-backend placement ran)` };
  if (single === top) {
    const mixed = best(usable.filter((o) => !singleBackend(o.placement)));
    return {
      value: 1,
      text: `best placement is single-backend: ${describe(top)}${mixed ? `; best mixed ${describe(mixed)}` : ''}`,
    };
  }
  const ratio = top.throughputPerS / single.throughputPerS;
  return {
    value: ratio,
    text: `best placement ${describe(top)}: ${ratio.toFixed(2)}× the throughput of the best single-backend one (${describe(single)})`,
  };
}
