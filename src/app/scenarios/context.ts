/**
 * What a scenario runner gets and gives back, and the wrapper every runner goes through: it opens
 * sessions on the runner's behalf (so all of them are closed however the runner ends), watches
 * the page's visibility (a scenario during which the tab was hidden is `excluded`: background
 * tabs are throttled, so its timings are not comparable), turns failures into a status with a
 * one-line reason, and times the whole scenario.
 */
import { oneLine } from '../../measure/one-line.ts';
import type { PlannerEnv } from '../../runtimes/index.ts';
import type { RoleSpec, ScenarioDefinitionOf, ScenarioSize } from '../../scenarios/index.ts';
import type { ScenarioId, ScenarioResult, ScenarioResultOf } from '../../schema/scenario.ts';
import { suiteById } from '../../suite/suites.ts';
import { watchVisibility } from '../visibility.ts';
import { resolveRole, ScenarioUnsupported, type SessionHandle, startSession } from './session.ts';

export interface ScenarioContext {
  env: PlannerEnv;
  modelsBaseUrl: string;
  size: ScenarioSize;
  /** Watchdog of every session call (open, infer, loop), ms. */
  callLimitMs: number;
  /** Progress for the page: what is happening and how far along the scenario is (0–1). */
  progress(text: string, fraction: number): void;
  /** Opens a session for `role` on its first available backend (or the first of `backends`). */
  open(role: RoleSpec, backends?: readonly string[]): Promise<SessionHandle>;
  /**
   * Takes a helper worker (background load) to terminate when the scenario ends. Runners create
   * it with a literal `new Worker(new URL('…', import.meta.url), { type: 'module' })`, which is
   * what lets the bundler find and build the worker's script.
   */
  adopt(worker: Worker): Worker;
}

/** What a runner returns: everything of its scenario's result but what the wrapper fills in. */
export type ScenarioOutcome<Id extends ScenarioId> = Pick<
  ScenarioResultOf<Id>,
  'params' | 'placements' | 'configs' | 'headline'
>;

/** Runs scenario `Id` as its definition says and returns its result's measured parts. */
export type ScenarioRunner<Id extends ScenarioId> = (
  def: ScenarioDefinitionOf<Id>,
  ctx: ScenarioContext,
) => Promise<ScenarioOutcome<Id>>;

export interface RunScenarioOptions {
  env: PlannerEnv;
  modelsBaseUrl: string;
  size: ScenarioSize;
  callLimitMs?: number;
  onProgress?: (text: string, fraction: number) => void;
}

/**
 * A result from its scenario's id and version and the rest. Both come from one scenario: the
 * runner registry pairs each definition with its own runner.
 */
function resultOf(
  base: Pick<ScenarioResult, 'id' | 'version'>,
  rest: Omit<ScenarioResult, 'id' | 'version'>,
): ScenarioResult {
  return { ...base, ...rest } as ScenarioResult;
}

/** Runs one scenario with `runner`; never throws. */
export async function runScenario<Id extends ScenarioId>(
  def: ScenarioDefinitionOf<Id>,
  runner: ScenarioRunner<Id>,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const started = performance.now();
  const sessions: SessionHandle[] = [];
  const workers: Worker[] = [];
  const visibility = watchVisibility();
  const callLimitMs = options.callLimitMs ?? 120_000;
  // The same warm-up as the suite of this size runs before measuring a case.
  const { warmupRuns, warmupMs } = suiteById(options.size).budget;
  const warmup = { warmupRuns, warmupMs };
  const ctx: ScenarioContext = {
    env: options.env,
    modelsBaseUrl: options.modelsBaseUrl,
    size: options.size,
    callLimitMs,
    progress: (text, fraction) => options.onProgress?.(text, Math.min(1, Math.max(0, fraction))),
    async open(role, backends) {
      const chosen = resolveRole(role, options.env, backends ?? role.backends);
      const session = await startSession(role, chosen, options.modelsBaseUrl, callLimitMs, warmup);
      sessions.push(session);
      return session;
    },
    adopt(worker) {
      workers.push(worker);
      return worker;
    },
  };
  const base = { id: def.id, version: def.version };
  try {
    const outcome = await runner(def, ctx);
    const result = resultOf(base, { status: 'ok', ...outcome });
    if (visibility.lost) {
      result.status = 'excluded';
      result.visibilityLost = true;
      result.error =
        'the page was hidden while this scenario ran (background tabs are throttled); its figures are not comparable';
    }
    return { ...result, wallMs: Math.round(performance.now() - started) };
  } catch (error) {
    return resultOf(base, {
      status: error instanceof ScenarioUnsupported ? 'unsupported' : 'error',
      error: oneLine(error),
      params: {},
      placements: sessions.map((s) => s.placement),
      configs: [],
      ...(visibility.lost ? { visibilityLost: true } : {}),
      wallMs: Math.round(performance.now() - started),
    });
  } finally {
    visibility.stop();
    for (const s of sessions) s.close();
    for (const w of workers) w.terminate();
  }
}
