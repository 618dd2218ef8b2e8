/**
 * One inference as the harness times it, and the warm-up before measuring — the same for suite
 * cases (protocol.ts) and scenario sessions (src/workers/session-worker.ts). The clock is read right
 * before the adapter's `run()` and right after it resolves; by the adapter contract `run()` reads
 * every output back to CPU memory, so GPU work and readback are inside the bracket for every
 * library and every caller. Checks that the outputs really are CPU arrays happen after the bracket.
 */
import type { InputTensor } from '../suite/inputs.ts';
import type { Budget } from '../suite/types.ts';
import type { LoadedModel, OutputTensor } from './adapter.ts';

/** One bracketed inference. */
export interface Inference {
  /** Clock reading right before `run()`, ms (on the clock the bracket was made with). */
  startMs: number;
  /** `run()` plus readback of every output, ms. */
  ms: number;
  /** The outputs, in CPU memory. */
  outputs: OutputTensor[];
}

/** Runs one bracketed inference on the session's inputs, or on `feed` when given. */
export type Infer = (feed?: readonly InputTensor[]) => Promise<Inference>;

/** The adapter broke the contract: an output is not a typed array in CPU memory. */
export class ReadbackError extends Error {
  override readonly name = 'ReadbackError';
}

/** Throws {@link ReadbackError} unless every output's data is a typed array (read back). */
export function assertReadBack(outputs: readonly OutputTensor[]): void {
  for (const output of outputs) {
    if (!ArrayBuffer.isView(output.data))
      throw new ReadbackError(`output "${output.name}" was not read back to CPU memory`);
  }
}

/**
 * The one inference bracket: `now()` before `run()`, `now()` after it resolves, nothing else
 * inside. `now` is the caller's clock in ms (`performance.now` in a worker; a fake one in tests).
 */
export function bracketInfer(session: LoadedModel, inputs: readonly InputTensor[], now: () => number): Infer {
  return async (feed = inputs) => {
    const startMs = now();
    const outputs = await session.run(feed);
    const ms = now() - startMs;
    assertReadBack(outputs);
    return { startMs, ms, outputs };
  };
}

/** The warm-up of a suite's budget: unrecorded inferences before measuring. */
export type WarmupBudget = Pick<Budget, 'warmupRuns' | 'warmupMs'>;

export interface Warmup {
  /** Inferences run. */
  runs: number;
  /** Sum of their bracketed times, ms (0 for no run). */
  totalMs: number;
}

/**
 * Warm-up: inferences, not recorded, until at least `warmupRuns` have run and at least `warmupMs`
 * have passed since the warm-up began (a slow model overshoots the time by one run at most).
 */
export async function warmUp(infer: Infer, budget: WarmupBudget, now: () => number): Promise<Warmup> {
  const start = now();
  let runs = 0;
  let totalMs = 0;
  while (runs < budget.warmupRuns || now() - start < budget.warmupMs) {
    totalMs += (await infer()).ms;
    runs++;
  }
  return { runs, totalMs };
}
