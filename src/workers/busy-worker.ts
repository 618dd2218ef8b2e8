/**
 * Background CPU load for the interference scenario: one core's worth of floating-point work,
 * switched on and off by the page (`{ run: true | false }`), so one pool of workers serves every
 * load level and idle and loaded rounds can alternate without starting workers in between.
 *
 * While running it burns in ~10 ms chunks and posts its cumulative iteration count after each
 * (`{ iterations, iterationMs, running: true }`), so the page can confirm the load runs before it
 * measures and record how much work was done. `iterationMs` is the median duration of its recent
 * single iterations (~0.1–0.2 ms each, so few of them span a preemption): what one iteration takes
 * on a core the thread has to itself, so work done times it says how many cores' worth the load
 * really got on a busy host; between chunks it yields through a MessageChannel (no timer
 * clamping), so a `{ run: false }` is seen within a chunk and acknowledged with
 * `{ iterations, running: false }`. Posts `{ ready: true, iterations: 0, running: false }` on start.
 */
import type { BusyWorkerReport, LoadCommand } from './load-messages.ts';

const CHUNK_MS = 10;
let iterations = 0;
/** Durations of the most recent iterations, ms (a ring). */
const recent = new Float64Array(255);
let recorded = 0;
let sink = 0;
let wanted = false;
let spinning = false;

const report = (running: boolean, ready = false) =>
  self.postMessage({
    ...(ready ? { ready: true } : {}),
    iterations,
    iterationMs: typicalIterationMs(),
    running,
  } satisfies BusyWorkerReport);

function burn(ms: number): void {
  const end = performance.now() + ms;
  let t = performance.now();
  while (t < end) {
    for (let i = 0; i < 10_000; i++) sink = Math.sqrt(sink + i) * 1.000001;
    iterations++;
    const next = performance.now();
    recent[recorded++ % recent.length] = next - t;
    t = next;
  }
}

function typicalIterationMs(): number {
  const n = Math.min(recorded, recent.length);
  if (!n) return 0;
  const sorted = recent.slice(0, n).sort();
  return sorted[n >> 1] ?? 0;
}

const channel = new MessageChannel();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

async function spin(): Promise<void> {
  spinning = true;
  while (wanted) {
    burn(CHUNK_MS);
    report(true);
    await yieldToEvents();
  }
  spinning = false;
  report(false);
}

self.addEventListener('message', (event: MessageEvent<LoadCommand>) => {
  wanted = event.data.run === true;
  if (wanted && !spinning) void spin();
  else if (!wanted && !spinning) report(false);
});

report(false, true);
if (sink < 0) self.postMessage({ sink }); // keeps the work observable to the optimiser
