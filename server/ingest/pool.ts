/**
 * Checks ingest bodies on worker threads, so parsing and validating (most of a request's CPU)
 * run beside the request thread, which keeps HTTP, the store and the summary. With no workers,
 * or once every worker has failed, bodies are checked on the request thread: nothing is lost,
 * a body in flight on a failed worker is checked again here.
 */
import { Worker } from 'node:worker_threads';
import { type Checked, checkBody } from './check.ts';
import type { CheckRequest, CheckResponse } from './worker.ts';

export interface BodyChecker {
  check(raw: string): Promise<Checked>;
  /** Workers still running. */
  readonly workers: number;
  close(): Promise<void>;
}

interface Pending {
  raw: string;
  resolve(result: Checked): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export function createBodyChecker(
  workers: number,
  onFailure: (error: Error) => void = () => {},
  /** The worker's entry script (tests swap it). */
  entry: URL = ENTRY,
): BodyChecker {
  const slots: Slot[] = [];
  let nextId = 0;

  const retire = (slot: Slot, error: Error) => {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    onFailure(error);
    settleInline(slot);
  };

  for (let i = 0; i < workers; i++) {
    // execArgv []: the entry registers tsx itself, whatever the parent runs under.
    const worker = new Worker(entry, { execArgv: [] });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', ({ id, result }: CheckResponse) => {
      const pending = slot.pending.get(id);
      if (!pending) return;
      slot.pending.delete(id);
      // Empty: the record to store is the text as sent (see worker.ts).
      if (result.ok && result.rows.runRow.record === '') result.rows.runRow.record = pending.raw;
      pending.resolve(result);
    });
    worker.once('error', (error) => retire(slot, error));
    worker.once('exit', (code) => retire(slot, new Error(`ingest worker exited with code ${code}`)));
    worker.unref();
    slots.push(slot);
  }

  return {
    get workers() {
      return slots.length;
    },
    check(raw) {
      if (slots.length === 0) return Promise.resolve(checkBody(raw));
      let slot = slots[0] as Slot;
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      const id = nextId++;
      const chosen = slot;
      return new Promise<Checked>((resolve) => {
        chosen.pending.set(id, { raw, resolve });
        chosen.worker.postMessage({ id, raw } satisfies CheckRequest);
      });
    },
    async close() {
      const closing = slots.splice(0);
      for (const slot of closing) settleInline(slot);
      await Promise.all(closing.map((s) => s.worker.terminate()));
    },
  };
}

/** Checks a slot's bodies in flight here instead. */
function settleInline(slot: Slot): void {
  for (const { raw, resolve } of slot.pending.values()) resolve(checkBody(raw));
  slot.pending.clear();
}
