/**
 * The page's upload area: after a run it uploads the record to the results server (by itself
 * when the user agreed, else on a tap of Upload), shows where it is stored, and keeps every record
 * that could not go in IndexedDB, retrying on page load, on `online`, and with backoff while the
 * page stays open. The decisions live in `upload-queue.ts`; this file is the DOM and the timers.
 * Status is mirrored on `window.atlas.upload` for the tests.
 */
import { createStore, del, entries, get, set } from 'idb-keyval';
import type { RunParams } from '../measure/params.ts';
import type { Run } from '../schema/run.ts';
import { deleteRun, indexedDbTokenStore, runResource } from './deletion.ts';
import {
  autoUploadDefault,
  blockedEndpoint,
  type Outcome,
  pendingText,
  type QueueEntry,
  type QueueStore,
  resultsBase,
  runsEndpoint,
  UploadQueue,
} from './upload-queue.ts';

export type UploadState = 'idle' | 'uploading' | 'stored' | 'queued' | 'failed' | 'deleting' | 'deleted';

/** `window.atlas.upload`. */
export interface UploadStatus {
  /** Upload of the last finished run. */
  state: UploadState;
  /** The stored run's page, once stored. */
  url?: string;
  error?: string;
  /** Records waiting in the queue on this device (undefined until the queue was read). */
  pending?: number;
  /** Where this page uploads (`…/api/runs`). */
  endpoint: string;
  /** This browser keeps the stored run's deletion token (so "Delete this result" is offered). */
  deletable?: boolean;
}

const AUTO_KEY = 'atlas.upload.auto';
/** Longest wait the page schedules before looking at the queue again (1 h). */
const MAX_TIMER_MS = 3_600_000;

/** The queue's IndexedDB store (database `atlas-upload-queue`, object store `runs`). */
export function indexedDbQueueStore(): QueueStore {
  const store = createStore('atlas-upload-queue', 'runs');
  return {
    get: (id) => get<QueueEntry>(id, store),
    set: (id, entry) => set(id, entry, store),
    del: (id) => del(id, store),
    entries: () => entries<string, QueueEntry>(store),
  };
}

export interface UploadElements {
  auto: HTMLInputElement;
  host: HTMLElement;
  button: HTMLButtonElement;
  status: HTMLElement;
  pending: HTMLElement;
  pendingText: HTMLElement;
  retry: HTMLButtonElement;
  /** "Delete this result": shown while the stored run's deletion token is kept here. */
  remove: HTMLButtonElement;
  /** The device-details consent box the toggle follows until the user sets it. */
  consent: HTMLInputElement;
}

export interface Uploader {
  /** A run started: forget the previous run's upload status. */
  runStarted(): void;
  /** A run finished: upload it now if the toggle is on, else offer the Upload button. */
  runFinished(record: Run): void;
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function storageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/**
 * Wires the upload area; `publish` receives every status change (for `window.atlas.upload`), and
 * `onStored` hears when the server holds the finished run (its id and the endpoint it went to).
 */
export function initUploader(
  el: UploadElements,
  params: Readonly<RunParams>,
  publish: (status: UploadStatus) => void,
  onStored?: (runId: string, endpoint: string) => void,
): Uploader {
  const { base, source } = resultsBase(
    params.resultsUrl,
    import.meta.env.VITE_RESULTS_URL as string | undefined,
    location.origin,
  );
  const endpoint = runsEndpoint(base);
  const sameOrigin = new URL(base).origin === location.origin;
  const queue = new UploadQueue({
    fetch: (url, init) => fetch(url, init),
    store: indexedDbQueueStore(),
    now: Date.now,
  });

  let status: UploadStatus = { state: 'idle', endpoint };
  let current: Run | undefined;
  /** The last failure was not final (the record just could not be kept): Upload may try again. */
  let canRetry = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tokens = indexedDbTokenStore();
  /** The stored run's deletion token, when this browser kept it. */
  let token: string | undefined;

  el.host.textContent = new URL(base).host;
  el.host.title = base;
  const autoDefault = () =>
    autoUploadDefault({
      consent: el.consent.checked,
      choice: storageGet(AUTO_KEY),
      source,
      sameOrigin,
      automation: params.source === 'automation',
    });
  el.auto.checked = autoDefault();
  el.consent.addEventListener('change', () => {
    el.auto.checked = autoDefault();
  });
  el.auto.addEventListener('change', () => storageSet(AUTO_KEY, el.auto.checked ? '1' : '0'));

  function update(next: Partial<UploadStatus> & { state: UploadState }): void {
    status = {
      state: next.state,
      endpoint,
      ...(next.url === undefined ? {} : { url: next.url }),
      ...(next.error === undefined ? {} : { error: next.error }),
      ...(status.pending === undefined ? {} : { pending: status.pending }),
      ...(token === undefined ? {} : { deletable: true }),
    };
    render();
  }

  function render(): void {
    publish(status);
    const { state } = status;
    el.button.disabled =
      !current || state === 'uploading' || state === 'stored' || (state === 'failed' && !canRetry);
    el.button.textContent = state === 'queued' ? 'Retry now' : state === 'failed' ? 'Try again' : 'Upload';
    el.button.hidden = state === 'stored' || state === 'deleting' || state === 'deleted';
    el.remove.hidden = !(token && (state === 'stored' || state === 'deleting'));
    el.remove.disabled = state === 'deleting';
    el.status.hidden = state === 'idle' && !current;
    el.status.dataset.state = state;
    el.status.replaceChildren();
    const note = (text: string) => {
      const span = document.createElement('span');
      span.className = 'upload-note';
      span.textContent = text;
      return span;
    };
    if (state === 'idle') {
      el.status.append(current ? 'Not uploaded. Upload adds this run to the shared results.' : '');
    } else if (state === 'uploading') {
      el.status.append('Uploading…');
    } else if (state === 'stored' && status.url) {
      const link = document.createElement('a');
      link.href = status.url;
      link.textContent = 'view this run';
      el.status.append('Stored — ', link);
      if (status.error) el.status.append(' ', note(`(not deleted: ${status.error})`));
    } else if (state === 'deleting') {
      el.status.append('Deleting…');
    } else if (state === 'deleted') {
      el.status.append('Deleted from the results server.');
    } else if (state === 'queued') {
      el.status.append('Saved on this device; will retry when online.');
      if (status.error) el.status.append(' ', note(`(${status.error})`));
    } else if (state === 'failed') {
      el.status.append(
        `Not uploaded: ${status.error ?? 'unknown error'}.`,
        ' ',
        note('Download JSON keeps the record.'),
      );
    }
    const pending = status.pending ?? 0;
    // The status line already speaks for this run; the notice is for records beyond it.
    el.pending.hidden = pending === 0 || (pending === 1 && state === 'queued');
    el.pendingText.textContent = pendingText(pending);
  }

  async function refreshPending(): Promise<void> {
    const queued = await queue.pending();
    status = { ...status, pending: queued.length };
    render();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const next = Math.min(...queued.map((e) => e.nextAttemptAt));
    if (queued.length > 0) {
      // Background tabs throttle timers; `online` and the next page load retry anyway.
      const wait = Math.min(Math.max(1000, next - Date.now()), MAX_TIMER_MS);
      timer = setTimeout(() => void flush(false), wait);
    }
  }

  function showOutcome(outcome: Outcome, kept: boolean): void {
    canRetry = outcome.kind === 'retry' && !kept;
    if (outcome.kind === 'stored') {
      void keepToken(outcome.id, outcome.deleteToken);
      update({ state: 'stored', url: outcome.url });
      onStored?.(outcome.id, endpoint);
    } else if (outcome.kind === 'permanent') update({ state: 'failed', error: outcome.error });
    else if (kept) update({ state: 'queued', error: outcome.error });
    else
      update({
        state: 'failed',
        error: `${outcome.error}, and this browser cannot keep it to retry later`,
      });
  }

  async function flush(force: boolean): Promise<void> {
    const report = await queue.flush({ force });
    for (const { id, outcome } of report.attempted) {
      if (current?.id === id) showOutcome(outcome, true);
    }
    await refreshPending();
  }

  async function upload(record: Run): Promise<void> {
    const blocked = blockedEndpoint(location.href, endpoint);
    if (blocked) {
      update({ state: 'failed', error: blocked });
      return;
    }
    update({ state: 'uploading' });
    const { outcome, kept } = await queue.submit(record, endpoint);
    if (current?.id === record.id) showOutcome(outcome, kept);
    await refreshPending();
  }

  /** Keeps a 201's token (a 200 has none: look for one kept by an earlier answer). */
  async function keepToken(id: string, given: string | undefined): Promise<void> {
    const key = runResource(endpoint, id);
    if (given) await tokens.set(key, given);
    const kept = given ?? (await tokens.get(key));
    if (current?.id !== id || status.state !== 'stored') return;
    token = kept;
    update({ state: 'stored', ...(status.url ? { url: status.url } : {}) });
  }

  async function remove(): Promise<void> {
    const record = current;
    const url = status.url;
    if (!record || !token) return;
    const host = new URL(endpoint).host;
    if (!window.confirm(`Delete this result from ${host}? This cannot be undone.`)) return;
    update({ state: 'deleting', ...(url ? { url } : {}) });
    const result = await deleteRun((u, init) => fetch(u, init), endpoint, record.id, token);
    if (result.ok) {
      await tokens.del(runResource(endpoint, record.id));
      token = undefined;
      update({ state: 'deleted' });
    } else update({ state: 'stored', error: result.error, ...(url ? { url } : {}) });
  }

  el.remove.addEventListener('click', () => void remove());
  el.button.addEventListener('click', () => {
    if (!current) return;
    void upload(current);
  });
  el.retry.addEventListener('click', () => {
    el.retry.disabled = true;
    el.retry.textContent = 'Retrying…';
    void flush(true).finally(() => {
      el.retry.disabled = false;
      el.retry.textContent = 'Retry now';
    });
  });
  window.addEventListener('online', () => void flush(true));
  render();
  void flush(true);

  return {
    runStarted() {
      current = undefined;
      token = undefined;
      update({ state: 'idle' });
    },
    runFinished(record) {
      current = record;
      token = undefined;
      update({ state: 'idle' });
      if (el.auto.checked) void upload(record);
    },
  };
}
