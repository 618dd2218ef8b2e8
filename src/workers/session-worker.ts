/**
 * A long-lived model session for the scenarios: opens one model on one runtime/backend (the
 * protocol's load and init steps), runs the first inference and the suite's warm-up, then serves
 * inference requests until the page terminates it. Every inference goes through the harness's one
 * bracket (src/measure/inference.ts: run + readback of every output), as in the protocol. Service
 * times are measured on this worker's clock; the page measures latency (arrival to completion) on
 * its own, and reads this worker's clock (`clock()`) to measure the offset between the two. The
 * page ends a session by terminating the worker, which frees everything the library held.
 */

import * as Comlink from 'comlink';
import { bracketInfer, type Infer, type WarmupBudget, warmUp } from '../measure/inference.ts';
import { openSession, requireBackend, type SessionSpec } from '../measure/protocol.ts';
import { loadAdapter } from '../runtimes/loaders.ts';
import { type InputTensor, makeInputs } from '../suite/inputs.ts';
import { exposeOnce } from './expose-once.ts';

export interface OpenedSession {
  actualBackend: string;
  libraryVersion: string;
  options: Record<string, string | number | boolean | null>;
  loadMs: number;
  initMs: number;
  firstMs: number;
  /** Warm-up inferences run after the first. */
  warmupRuns: number;
  /** Mean of the warm-up inferences after the first, ms. */
  serviceMs: number;
}

/** One inference's timing (worker clock) and, when asked, its outputs' bytes (transferred). */
export interface InferResult {
  /** Start of run(), this worker's `performance.timeOrigin + performance.now()`, ms. */
  startedAt: number;
  serviceMs: number;
  outputs?: ArrayBuffer[];
}

let infer: Infer | undefined;
let inputs: InputTensor[] = [];

const now = () => performance.now();
const clock = () => performance.timeOrigin + performance.now();

/** The model's inputs with their data replaced by the given buffers (same element type). */
function withData(buffers: readonly ArrayBuffer[]): InputTensor[] {
  return inputs.map((input, i) => {
    const buffer = buffers[i];
    if (!buffer) return input;
    const Ctor = input.data.constructor as new (b: ArrayBuffer) => InputTensor['data'];
    return { ...input, data: new Ctor(buffer) };
  });
}

async function inferOnce(data?: readonly ArrayBuffer[], returnOutputs = false): Promise<InferResult> {
  if (!infer) throw new Error('no session is open');
  const done = await infer(data ? withData(data) : undefined);
  const result = { startedAt: performance.timeOrigin + done.startMs, serviceMs: done.ms };
  if (!returnOutputs) return result;
  const buffers = done.outputs.map((o) => o.data.slice().buffer as ArrayBuffer);
  return Comlink.transfer({ ...result, outputs: buffers }, buffers);
}

const api = {
  /**
   * Opens the session, runs the first inference and warms up with `warmup` (at least one run: the
   * warm-up's mean is the session's service time).
   */
  async open(spec: SessionSpec, warmup: WarmupBudget): Promise<OpenedSession> {
    const adapter = await loadAdapter(spec.runtime);
    const opened = await openSession(spec, adapter);
    const info = opened.session.info();
    requireBackend(spec.backend, info);
    inputs = makeInputs(spec.model.inputs);
    infer = bracketInfer(opened.session, inputs, now);
    const first = await infer();
    const warm = await warmUp(infer, { ...warmup, warmupRuns: Math.max(1, warmup.warmupRuns) }, now);
    return {
      actualBackend: info.actualBackend,
      libraryVersion: info.libraryVersion,
      options: { ...info.options },
      loadMs: opened.load.loadMs,
      initMs: opened.init.ms,
      firstMs: first.ms,
      warmupRuns: warm.runs,
      serviceMs: warm.totalMs / warm.runs,
    };
  },

  /** One inference on the model's deterministic inputs, or on `data` (one buffer per input, transferred in). */
  infer(data?: ArrayBuffer[], returnOutputs = false): Promise<InferResult> {
    return inferOnce(data, returnOutputs);
  },

  /** `count` inferences back to back; their service times, ms. */
  async loop(count: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push((await inferOnce()).serviceMs);
    return times;
  },

  /** Inferences back to back for `durationMs`: [start offset from the loop's start, service time] pairs, ms. */
  async loopFor(durationMs: number): Promise<[number, number][]> {
    const out: [number, number][] = [];
    const start = performance.now();
    while (performance.now() - start < durationMs) {
      const at = performance.now() - start;
      out.push([at, (await inferOnce()).serviceMs]);
    }
    return out;
  },

  /** This worker's clock, ms since the epoch (`performance.timeOrigin + performance.now()`). */
  clock(): number {
    return clock();
  },
};

export type SessionWorkerApi = typeof api;

exposeOnce(api);
