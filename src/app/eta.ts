/**
 * The time estimate of a run, from the plan and this device's measured speed. Each case has a
 * prior cost from its budget and model size (what the protocol will at most do), and a class
 * (CPU, GPU, software GPU). As cases finish, each class's speed factor — the median of its
 * finished cases' actual/prior ratios (on a log scale, shrunk toward 1 by one pseudo-case; the
 * whole run's median for a class with none yet) — scales the prior of every case still to run. A
 * median moves with a device that is slower across the board but not with one odd case, so the
 * estimate does not jump several-fold between cases; no case is expected to outlast its
 * watchdog limit. Before the run the estimate is the plan's priors alone.
 */
import type { CaseSpec } from '../measure/protocol.ts';

export type CostClass = 'cpu' | 'gpu' | 'software-gpu';

export interface CaseCost {
  costClass: CostClass;
  /** Expected wall time on the device the constants were set on (this project's 2-core CI host), ms. */
  priorMs: number;
  /** The watchdog limit: no case takes longer, ms. */
  limitMs: number;
}

/** Worker start, library and session set-up, reference fetch: the fixed part of a case, ms (fitted to recorded phone-suite runs). */
const STARTUP_MS = 2000;
/** Model files arrive (network or store) and are verified at about this many bytes per ms. */
const BYTES_PER_MS = 10_000;
/** A fixed-run budget's runs (a software GPU's) are guessed at this long each, ms. */
const FIXED_RUN_MS = 3000;
/** Pseudo-cases at factor 1 that each median is shrunk with (one: a single case moves it halfway, on a log scale). */
const PRIOR_CASES = 1;

const GPU_BACKENDS: ReadonlySet<string> = new Set(['webgl', 'webgpu']);

/** The prior cost of one case. */
export function caseCost(spec: Pick<CaseSpec, 'model' | 'backend' | 'budget' | 'budgetKind'>): CaseCost {
  const { budget } = spec;
  const bytes = spec.model.files.reduce((n, f) => n + f.bytes, 0);
  const adaptive = budget.budgetMs > 0;
  const measuring = adaptive
    ? budget.warmupMs + budget.budgetMs
    : (1 + budget.warmupRuns + budget.maxRuns) * FIXED_RUN_MS;
  const costClass: CostClass =
    spec.budgetKind === 'software-gpu' ? 'software-gpu' : GPU_BACKENDS.has(spec.backend) ? 'gpu' : 'cpu';
  const priorMs = Math.min(budget.caseTimeoutMs, STARTUP_MS + bytes / BYTES_PER_MS + measuring);
  return { costClass, priorMs, limitMs: budget.caseTimeoutMs };
}

/** The median of log ratios, shrunk toward 0 by PRIOR_CASES pseudo-cases, back on the ratio scale. */
function shrunkMedianFactor(logRatios: readonly number[]): number {
  if (logRatios.length === 0) return 1;
  const sorted = [...logRatios].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.exp((median * sorted.length) / (sorted.length + PRIOR_CASES));
}

/** Running estimate of one run's time left; cases are told as they finish. */
export class RunEstimate {
  readonly #costs: readonly (CaseCost | undefined)[];
  readonly #logRatios: { costClass: CostClass; logRatio: number }[] = [];

  /** One cost per planned case, in order; `undefined` for a case that will not run (unsupported). */
  constructor(costs: readonly (CaseCost | undefined)[]) {
    this.#costs = costs;
  }

  /** The plan's priors alone: the estimate shown before Run. */
  totalPriorMs(): number {
    return this.#costs.reduce((n, c) => n + (c?.priorMs ?? 0), 0);
  }

  /** Case `index` took `ms`. */
  finished(index: number, ms: number): void {
    const cost = this.#costs[index];
    if (!cost || !(ms > 0)) return;
    this.#logRatios.push({ costClass: cost.costClass, logRatio: Math.log(ms / cost.priorMs) });
  }

  /** This device's speed factor for a class: how much longer than the prior its cases take. */
  factor(costClass: CostClass): number {
    const own = this.#logRatios.filter((r) => r.costClass === costClass).map((r) => r.logRatio);
    return shrunkMedianFactor(own.length ? own : this.#logRatios.map((r) => r.logRatio));
  }

  #expected(cost: CaseCost): number {
    return Math.min(cost.limitMs, cost.priorMs * this.factor(cost.costClass));
  }

  /** Time left while case `index` has run for `elapsedMs`: its expected rest plus every later case. */
  remainingMs(index: number, elapsedMs: number): number {
    const current = this.#costs[index];
    const rest = current ? Math.max(0, this.#expected(current) - elapsedMs) : 0;
    return this.#costs.slice(index + 1).reduce((n, c) => n + (c ? this.#expected(c) : 0), rest);
  }
}
