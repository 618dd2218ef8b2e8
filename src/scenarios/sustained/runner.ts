/**
 * Sustained run: one model looped back to back for a fixed time, latencies grouped into windows
 * of equal length, to expose thermal throttling or memory growth. Headline: the last window's
 * median over the first's (1.00 = no drift).
 */
import type { ScenarioRunner } from '../../app/scenarios/context.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';

/** Samples grouped by the window their start falls in: `[[start, ms], …]` → one array per window. */
export function windows(
  samples: readonly (readonly [number, number])[],
  windowMs: number,
  durationMs: number,
): number[][] {
  const count = Math.max(1, Math.ceil(durationMs / windowMs));
  const out: number[][] = Array.from({ length: count }, () => []);
  for (const [at, ms] of samples) out[Math.min(count - 1, Math.floor(at / windowMs))]?.push(ms);
  return out;
}

export const runSustained: ScenarioRunner<'sustained'> = async (def, ctx) => {
  const { durationMs, windowMs } = def.sizes[ctx.size];
  const session = await ctx.open(def.roles[0]);
  const { backend } = session.placement;
  ctx.progress(
    `looping ${session.placement.model} on ${backend} for ${Math.round(durationMs / 1000)} s`,
    0.05,
  );
  // One call per window keeps progress moving; the windows' clocks are joined end to end.
  const samples: [number, number][] = [];
  let offset = 0;
  while (offset < durationMs) {
    const slice = Math.min(windowMs, durationMs - offset);
    const part = await session.call((api) => api.loopFor(slice), ctx.callLimitMs + slice);
    for (const [at, ms] of part) samples.push([offset + at, ms]);
    offset += slice;
    ctx.progress(
      `looping on ${backend}: ${Math.round(offset / 1000)} of ${Math.round(durationMs / 1000)} s`,
      offset / durationMs,
    );
  }
  const configs: ScenarioConfigOf<'sustained'>[] = windows(samples, windowMs, durationMs)
    .map((list, i) =>
      makeConfig<'sustained'>(
        `${Math.round((i * windowMs) / 1000)}–${Math.round(Math.min(durationMs, (i + 1) * windowMs) / 1000)} s`,
        { window: i, startMs: i * windowMs },
        list,
        {
          throughputPerS: (list.length / Math.min(windowMs, durationMs - i * windowMs)) * 1000,
        },
      ),
    )
    .filter((c) => c.latency !== undefined);
  const first = configs[0]?.latency?.medianMs;
  const last = configs.at(-1)?.latency?.medianMs;
  return {
    params: { durationMs, windowMs, inferences: samples.length },
    placements: [session.placement],
    configs,
    ...(first && last
      ? {
          headline: {
            metric: 'lastOverFirstWindowMedian',
            value: last / first,
            text: `median ${first.toFixed(1)} ms in the first window, ${last.toFixed(1)} ms in the last (${(last / first).toFixed(3)}×) over ${Math.round(durationMs / 1000)} s on ${backend}`,
          },
        }
      : {}),
  };
};
