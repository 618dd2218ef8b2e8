/**
 * Scenario sessions on the page side: resolves a role to a backend variant this browser offers,
 * starts its session worker (hosted like a suite case's, worker-host.ts), opens and warms the
 * model under a time limit, and measures the offset between the worker's clock and the page's
 * (the round trip with the smallest delay of a few pings, NTP-style). Every call made through a
 * handle is bounded by the host's watchdog, so a hung library ends the scenario with an error
 * instead of freezing the page.
 */
import * as Comlink from 'comlink';
import type { WarmupBudget } from '../../measure/inference.ts';
import { type PlannerEnv, runtimeById } from '../../runtimes/index.ts';
import type { RoleSpec } from '../../scenarios/index.ts';
import type { CaseOptions } from '../../schema/run.ts';
import type { Placement } from '../../schema/scenario.ts';
import { modelById } from '../../suite/catalog.ts';
import type { SessionWorkerApi } from '../../workers/session-worker.ts';
import { hostWorker, WatchdogExpired, WorkerFailed } from '../worker-host.ts';

/** The browser cannot run a role on any of its backends. */
export class ScenarioUnsupported extends Error {
  override readonly name = 'ScenarioUnsupported';
}

/** The backend and options a role runs with in this browser, or why it cannot run. */
export function resolveRole(
  role: RoleSpec,
  env: PlannerEnv,
  backends: readonly string[] = role.backends,
): { backend: string; options: CaseOptions } {
  const variants = runtimeById(role.runtime).variants(env);
  const reasons: string[] = [];
  for (const backend of backends) {
    const candidates = variants.filter((v) => v.backend === backend);
    const preferred =
      candidates.find((v) => role.threads === undefined || v.options.threads === role.threads) ??
      candidates[0];
    if (preferred && !preferred.unsupported) return { backend, options: preferred.options };
    reasons.push(preferred?.unsupported ?? `${role.runtime} has no ${backend} backend`);
  }
  throw new ScenarioUnsupported(`${role.role} (${role.model} on ${role.runtime}): ${reasons.join('; ')}`);
}

/** A started, warmed session worker. */
export interface SessionHandle {
  placement: Placement;
  api: Comlink.Remote<SessionWorkerApi>;
  /** Runs `fn` on the worker under the time limit; rejects past it. */
  call<T>(fn: (api: Comlink.Remote<SessionWorkerApi>) => Promise<T>, limitMs?: number): Promise<T>;
  close(): void;
}

/** Page clock on the same epoch as the workers' `clock()`. */
export const pageClock = () => performance.timeOrigin + performance.now();

/**
 * Opens `role` on the given backend (see {@link resolveRole}) in a new session worker, with the
 * suite's warm-up `warmup`. The caller must `close()` it; on failure the worker is already gone.
 */
export async function startSession(
  role: RoleSpec,
  backend: { backend: string; options: CaseOptions },
  modelsBaseUrl: string,
  limitMs: number,
  warmup: WarmupBudget,
): Promise<SessionHandle> {
  const model = modelById(role.model);
  const host = hostWorker<SessionWorkerApi>(
    () =>
      new Worker(new URL('../../workers/session-worker.ts', import.meta.url), {
        type: 'module',
        name: `scenario ${role.role}: ${model.id} ${role.runtime} ${backend.backend}`,
      }),
  );
  const what = `${role.role} (${model.id} on ${role.runtime}/${backend.backend})`;
  const call = async <T>(fn: (a: Comlink.Remote<SessionWorkerApi>) => Promise<T>, ms = limitMs) => {
    try {
      return await host.call(fn, ms);
    } catch (error) {
      if (error instanceof WatchdogExpired)
        throw new Error(`${what} took longer than ${Math.round(ms / 1000)} s`);
      if (error instanceof WorkerFailed) throw new Error(`session worker failed: ${error.message}`);
      throw error;
    }
  };
  try {
    const opened = await call((a) =>
      a.open(
        { model, runtime: role.runtime, backend: backend.backend, options: backend.options, modelsBaseUrl },
        warmup,
      ),
    );
    const clock = await measureClockOffset(() => call((a) => a.clock()));
    return {
      placement: {
        role: role.role,
        model: model.id,
        runtime: role.runtime,
        backend: backend.backend,
        options: opened.options as Placement['options'] & object,
        libraryVersion: opened.libraryVersion,
        serviceMs: opened.serviceMs,
        clock,
      },
      api: host.api,
      call,
      close: () => host.terminate(),
    };
  } catch (error) {
    host.terminate();
    throw error;
  }
}

/**
 * Offset of a worker's clock from the page's: of `pings` round trips, the one with the smallest
 * delay, assuming its two legs took equally long. Returns the offset (worker − page) and that
 * round trip's delay, ms.
 */
export async function measureClockOffset(
  readWorkerClock: () => Promise<number>,
  pings = 7,
): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < pings; i++) {
    const t0 = pageClock();
    const worker = await readWorkerClock();
    const t1 = pageClock();
    if (t1 - t0 < best.rttMs) best = { offsetMs: worker - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}
