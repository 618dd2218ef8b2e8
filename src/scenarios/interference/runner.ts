/**
 * Interference / resource availability: each backend's session runs inferences at every load
 * level — k busy CPU workers for k = 0 … cores, then a background WebGPU compute loop — one
 * session at a time, so only the background load competes with it. The levels are measured in
 * alternating rounds (0, 1, …, GPU, then back: serpentine), a slice of the inferences per round,
 * and each level's samples are pooled, so a quiet or noisy moment of the host spreads over every
 * level instead of deciding one. Before each slice the load is confirmed running (each busy
 * worker reported work after the switch; the others stopped), and each configuration records
 * how much work the load did while it was measured.
 * Headline: how much slower WASM gets with every core busy, and whether the fastest backend
 * changes (flips) as load grows.
 */

import { type LoadLevel, startBackgroundLoad } from '../../app/scenarios/background-load.ts';
import type { ScenarioOutcome, ScenarioRunner } from '../../app/scenarios/context.ts';
import { openAvailable } from '../../app/scenarios/open-available.ts';
import { makeConfig } from '../../measure/scenarios/latency.ts';
import type { ScenarioConfigOf } from '../../schema/scenario.ts';
import { fastestPerLevel, levelName } from './figures.ts';
import { loadMetrics, type Pooled, pool, serpentine } from './rounds.ts';

type Config = ScenarioConfigOf<'interference'>;

interface Level extends LoadLevel {
  label: string;
}

export const runInterference: ScenarioRunner<'interference'> = async (def, ctx) => {
  const { inferences, rounds, gpuLoad } = def.sizes[ctx.size];
  const cores = Math.max(1, ctx.env.hardwareConcurrency);
  const levels: Level[] = Array.from({ length: cores + 1 }, (_, k) => ({
    label: levelName({ busyWorkers: k, gpuLoad: false }),
    busyWorkers: k,
    gpu: false,
  }));

  const { sessions, skipped } = await openAvailable(ctx, def.roles);
  const load = await startBackgroundLoad(ctx, cores, gpuLoad && ctx.env.features.webgpu);
  if (load.gpuAvailable)
    levels.push({ label: levelName({ busyWorkers: 0, gpuLoad: true }), busyWorkers: 0, gpu: true });
  else if (gpuLoad && ctx.env.features.webgpu)
    skipped.push(`GPU load level: ${load.gpuError ?? 'did not start'}`);

  const perRound = Math.max(1, Math.ceil(inferences / rounds));
  const pooled = new Map<string, Pooled>();
  const key = (level: Level, role: string) => `${level.label}\u0000${role}`;
  const shortfalls = new Set<string>();
  const steps = rounds * levels.length * sessions.length;
  let step = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const level of serpentine(levels, round)) {
        const switched = await load.set(level);
        if (!switched.confirmed) shortfalls.add(`${level.label}: ${switched.shortfall}`);
        for (const session of sessions) {
          const { role, backend } = session.placement;
          ctx.progress(
            `${role} (${backend}) with ${level.label}, round ${round + 1} of ${rounds}`,
            step++ / steps,
          );
          const end = load.window();
          const samples = await session.call((api) => api.loop(perRound));
          pooled.set(key(level, role), pool(pooled.get(key(level, role)), samples, end()));
        }
      }
    }
  } finally {
    load.stop();
  }

  const configs: Config[] = [];
  for (const level of levels) {
    for (const session of sessions) {
      const { role, backend } = session.placement;
      const p = pooled.get(key(level, role));
      if (!p) continue;
      configs.push(
        makeConfig<'interference'>(
          `${backend} · ${level.label}`,
          { role, backend, busyWorkers: level.busyWorkers, gpuLoad: level.gpu },
          p.samples,
          loadMetrics(p),
        ),
      );
    }
  }
  const shortfall = [...shortfalls].join('; ');
  return {
    params: {
      inferences: perRound * rounds,
      rounds,
      cores,
      levels: levels.length,
      ...(skipped.length ? { skipped: skipped.join('; ').slice(0, 200) } : {}),
      ...(shortfall ? { loadShortfall: shortfall.slice(0, 200) } : {}),
    },
    placements: sessions.map((s) => s.placement),
    configs,
    ...headlineOf(configs, cores, shortfall),
  };
};

function headlineOf(
  configs: readonly Config[],
  cores: number,
  shortfall: string,
): Pick<ScenarioOutcome<'interference'>, 'headline'> {
  const wasm = (k: number) =>
    configs.find(
      (c) => c.params.backend === 'wasm' && c.params.busyWorkers === k && c.params.gpuLoad === false,
    );
  const idle = wasm(0)?.latency?.medianMs;
  const busy = wasm(cores)?.latency?.medianMs;
  if (idle === undefined || busy === undefined) return {};
  const flips = fastestPerLevel(configs);
  const winners = [...new Set(flips.map((f) => f.backend))];
  const flipText =
    winners.length > 1
      ? `the fastest backend flips: ${flips.map((f) => `${f.level} → ${f.backend}`).join(', ')}`
      : `${winners[0] ?? 'wasm'} stays fastest at every level`;
  const loaded = wasm(cores)?.metrics;
  const running = loaded?.busyWorkersRunning ?? 0;
  const loadText =
    shortfall || running < cores
      ? `; the background load did not fully run (${shortfall || `${running} of ${cores} busy workers did work`})`
      : `; the busy workers did ${(loaded?.busyCores ?? 0).toFixed(2)} cores' worth of work`;
  return {
    headline: {
      metric: 'wasmSlowdownAllCoresBusy',
      value: busy / idle,
      text: `WASM median ${idle.toFixed(1)} ms idle → ${busy.toFixed(1)} ms with ${cores} busy CPU workers (${(busy / idle).toFixed(2)}×, pooled over alternating rounds); ${flipText}${loadText}`,
    },
  };
}
