/**
 * On page load: is there a run that this page (or another tab now gone) left unfinished? Reads
 * the journal, leaves alone the entries of runs still going in another tab (their lock is held),
 * deletes the entries this build cannot continue — with a sentence each saying why — and offers
 * the newest one it can, holding its lock until it is continued or discarded.
 */
import { claimEntry, type EntryLock } from './journal-store.ts';
import {
  type BuildInfo,
  type JournalEntry,
  type JournalStore,
  type ResumePoint,
  resumePoint,
  sortEntries,
} from './run-journal.ts';

export interface InterruptedRun {
  entry: JournalEntry;
  /** What the run continues from: the results kept and the interrupted case, recorded `crashed`. */
  point: ResumePoint;
  lock: EntryLock;
  /** Deletes the entry and lets its lock go. */
  discard(): Promise<void>;
}

/** When the entry's run started, for people: "Dec 7, 2026, 4:40 AM" in the page's locale. */
export function startedText(entry: JournalEntry): string {
  const started = new Date(entry.startedAt);
  return Number.isNaN(started.getTime())
    ? 'at an unknown time'
    : started.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** How far the entry's run had come: "1 of 3 cases done, 0 of 2 scenarios done". */
export function progressText(entry: JournalEntry): string {
  // Also for entries of older pages, which may lack any of these.
  const planned = Array.isArray(entry.plan) ? entry.plan.length : 0;
  const done = Array.isArray(entry.cases) ? entry.cases.length : 0;
  const scenarios = entry.params?.scenarios?.length ?? 0;
  const scenariosDone = Array.isArray(entry.scenarios) ? entry.scenarios.length : 0;
  const parts: string[] = [];
  if (planned) parts.push(`${done} of ${planned} case${planned === 1 ? '' : 's'} done`);
  if (scenarios) parts.push(`${scenariosDone} of ${scenarios} scenario${scenarios === 1 ? '' : 's'} done`);
  return parts.join(', ') || 'nothing done yet';
}

/** A person's description of an entry: "started Dec 7, 2026, 4:40 AM; 3 of 10 cases done". */
export function describeEntry(entry: JournalEntry): string {
  return `started ${startedText(entry)}; ${progressText(entry)}`;
}

/** Finds the interrupted run to offer, and says which entries were discarded and why. */
export async function findInterruptedRun(
  store: JournalStore,
  build: BuildInfo,
  now: number = Date.now(),
  claim: (id: string) => Promise<EntryLock | undefined> = claimEntry,
): Promise<{ run?: InterruptedRun; discarded: string[] }> {
  let found: [string, JournalEntry][];
  try {
    found = await store.entries();
  } catch {
    return { discarded: [] }; // No IndexedDB here (private mode): nothing was journaled either.
  }
  // An entry that is not an object at all cannot even be described: it just goes.
  for (const [id, entry] of found)
    if (typeof entry !== 'object' || entry === null) await store.del(id).catch(() => {});
  found = found.filter(([, entry]) => typeof entry === 'object' && entry !== null);
  // Runs whose page still holds the lock are going on in another tab: not ours to judge.
  const claimed = await Promise.all(found.map(async ([id, entry]) => ({ id, entry, lock: await claim(id) })));
  const free = claimed.filter((c): c is typeof c & { lock: EntryLock } => c.lock !== undefined);
  const { offer, discard } = sortEntries(
    free.map((c) => c.entry),
    build,
    now,
  );
  const lockOf = (entry: JournalEntry) => free.find((c) => c.entry === entry)?.lock;
  const discarded: string[] = [];
  for (const { entry, reason } of discard) {
    discarded.push(`An interrupted run (${describeEntry(entry)}) was discarded: ${reason}.`);
    await store.del(entry.id).catch(() => {});
    lockOf(entry)?.release();
  }
  if (!offer) return { discarded };
  const lock = lockOf(offer) ?? { release() {} };
  return {
    run: {
      entry: offer,
      point: resumePoint(offer),
      lock,
      async discard() {
        await store.del(offer.id).catch(() => {});
        lock.release();
      },
    },
    discarded,
  };
}
