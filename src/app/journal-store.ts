/**
 * Where the run journal lives on the page, and who owns a journal entry. Entries are kept in
 * IndexedDB (database `atlas-run-journal`, object store `runs`, through idb-keyval). A page
 * running a run — or offering to continue one — holds a Web Lock named after the entry, so a
 * second tab does not take a run that is still going in the first one for an interrupted one:
 * the browser frees a page's locks when the page goes away, crash included.
 */
import { createStore, del, entries, set } from 'idb-keyval';
import type { JournalEntry, JournalStore } from './run-journal.ts';

export function indexedDbJournalStore(): JournalStore {
  const store = createStore('atlas-run-journal', 'runs');
  return {
    set: (id, entry) => set(id, entry, store),
    del: (id) => del(id, store),
    entries: () => entries<string, JournalEntry>(store),
  };
}

/** A held lock on one entry; `release` frees it (idempotent). */
export interface EntryLock {
  release(): void;
}

const lockName = (id: string) => `atlas-run-journal:${id}`;

/** A lock that holds nothing, where the browser has no Web Locks API. */
const NO_LOCK: EntryLock = { release() {} };

/**
 * Takes the entry's lock if no other page holds it. A page that was just reloaded may still be
 * letting its locks go, so a held lock is asked for again for up to `waitMs` before the run is
 * taken for one going on in another tab (undefined). Without the Web Locks API every entry is free.
 */
export async function claimEntry(id: string, waitMs = 3000): Promise<EntryLock | undefined> {
  if (typeof navigator === 'undefined' || !navigator.locks) return NO_LOCK;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await tryLock(id);
    if (lock) return lock;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function tryLock(id: string): Promise<EntryLock | undefined> {
  return new Promise((resolve) => {
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    navigator.locks
      .request(lockName(id), { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(undefined);
          return undefined;
        }
        resolve({ release });
        return held;
      })
      .catch(() => resolve(NO_LOCK));
  });
}
