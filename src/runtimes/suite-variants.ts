/**
 * Which backend variants a suite runs of each library (the suite's `backends`), and what a suite
 * amounts to on a given browser: its cases and the bytes of model files they fetch. Used by the
 * page's planner (src/app/plan.ts) and by `npm run bench -- --list`.
 */
import { modelById } from '../suite/catalog.ts';
import type { Suite } from '../suite/types.ts';
import { type BackendVariant, type PlannerEnv, runtimesFor } from './index.ts';

const threadsOf = (v: BackendVariant) => (typeof v.options.threads === 'number' ? v.options.threads : 1);

/**
 * The variants a suite runs of one library: those of the backends it names, in its order, one per
 * backend — the runnable one with the most threads, else the first (kept, `unsupported`).
 * Without a list, every variant.
 */
export function suiteVariants(
  variants: readonly BackendVariant[],
  wanted?: readonly string[],
): BackendVariant[] {
  if (!wanted) return [...variants];
  return wanted.flatMap((backend) => {
    const offered = variants.filter((v) => v.backend === backend);
    const runnable = offered.filter((v) => !v.unsupported).sort((a, b) => threadsOf(b) - threadsOf(a));
    const chosen = runnable[0] ?? offered[0];
    return chosen ? [chosen] : [];
  });
}

/**
 * A browser offering every API but WebNN (isolated, four cores, SIMD, threads, WebGL2 in workers,
 * WebGPU): the browser `--list` counts a suite's cases on.
 */
export const CAPABLE_BROWSER: PlannerEnv = Object.freeze<PlannerEnv>({
  crossOriginIsolated: true,
  hardwareConcurrency: 4,
  features: {
    wasmSimd: true,
    wasmThreads: true,
    webgl2: true,
    webgpu: true,
    webnn: false,
    sharedArrayBuffer: 'global',
    workerWebgl2: true,
  },
});

/** A suite's runnable cases on a browser, and the model bytes they fetch (each file once). */
export function suiteSize(suite: Suite, env: PlannerEnv = CAPABLE_BROWSER): { cases: number; bytes: number } {
  let cases = 0;
  const files = new Map<string, number>();
  for (const id of suite.models) {
    const model = modelById(id);
    for (const runtime of runtimesFor(model.format)) {
      const runnable = suiteVariants(runtime.variants(env), suite.backends?.[runtime.id]).filter(
        (v) => !v.unsupported,
      );
      cases += runnable.length;
      if (runnable.length) for (const f of model.files) files.set(f.sha256, f.bytes);
    }
  }
  return { cases, bytes: [...files.values()].reduce((n, b) => n + b, 0) };
}
