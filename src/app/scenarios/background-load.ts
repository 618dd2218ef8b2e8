/**
 * Background load for the interference scenario: `k` busy CPU workers, and optionally a WebGPU
 * compute loop, started together and stopped together. The GPU loop counts only once it reports
 * that it runs; a browser without WebGPU gets no GPU load and says so.
 */
import type { ScenarioContext } from './context.ts';

export interface BackgroundLoad {
  /** Whether the GPU loop is running (false when WebGPU refused). */
  gpuRunning: boolean;
  gpuError?: string;
  stop(): void;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startBackgroundLoad(
  ctx: ScenarioContext,
  busyWorkers: number,
  gpu: boolean,
): Promise<BackgroundLoad> {
  const workers: Worker[] = [];
  for (let i = 0; i < busyWorkers; i++) {
    workers.push(
      ctx.adopt(
        new Worker(new URL('../../../workers/busy-worker.ts', import.meta.url), {
          type: 'module',
          name: `busy CPU ${i + 1}`,
        }),
      ),
    );
  }
  const load: BackgroundLoad = { gpuRunning: false, stop: () => workers.forEach((w) => w.terminate()) };
  if (gpu) {
    const worker = ctx.adopt(
      new Worker(new URL('../../../workers/gpu-load-worker.ts', import.meta.url), {
        type: 'module',
        name: 'GPU loop',
      }),
    );
    workers.push(worker);
    const answer = await new Promise<{ ready?: boolean; error?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ error: 'the GPU loop did not start within 20 s' }), 20_000);
      worker.addEventListener('message', (event: MessageEvent<{ ready?: boolean; error?: string }>) => {
        if (event.data.ready || event.data.error) {
          clearTimeout(timer);
          resolve(event.data);
        }
      });
      worker.addEventListener('error', (event) => {
        clearTimeout(timer);
        resolve({ error: event.message || 'the GPU loop worker failed' });
      });
    });
    load.gpuRunning = answer.ready === true;
    if (answer.error) load.gpuError = answer.error;
  }
  // Let the load reach a steady state before measuring.
  await settle(300);
  return load;
}
