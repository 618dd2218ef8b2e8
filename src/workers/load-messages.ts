/**
 * The messages between the page and the interference scenario's load workers (busy-worker.ts,
 * gpu-load-worker.ts), declared once: both workers and the page's background-load pool import
 * them, so a change on one end that the other does not follow fails the typecheck.
 */

/** Page → load worker: switch the load on or off. */
export interface LoadCommand {
  run: boolean;
}

/** Busy CPU worker → page, after every chunk of work and in answer to every command. */
export interface BusyWorkerReport {
  ready?: true;
  /** Iterations done since the worker started. */
  iterations: number;
  /** Median duration of the recent single iterations, ms (0 before the first). */
  iterationMs: number;
  running: boolean;
}

/** GPU loop worker → page, after every submission and completion and in answer to every command. */
export interface GpuLoadReport {
  ready?: true;
  error?: string;
  submitted: number;
  dispatches: number;
  running: boolean;
}
