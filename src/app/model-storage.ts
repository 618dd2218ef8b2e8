/**
 * The page's view of the device's model store (src/measure/model-store.ts): before Run, one line
 * saying how many bytes of model files the planned run uses, how many are already stored here and
 * how many must be downloaded, and a "Clear stored models" button; during a run, how the store
 * behaved (the record's `modelCache`). Exposed to automation as `window.atlas.models`.
 */
import { type StoreStatus, worseStatus } from '../measure/model-files.ts';
import { clearModelStore, modelStoreAvailability, storedFiles } from '../measure/model-store.ts';
import type { ProgressEvent } from '../measure/protocol.ts';
import { formatBytes } from '../report/format.ts';
import type { ModelCache } from '../schema/run.ts';
import type { CatalogFile } from '../suite/types.ts';
import type { PlannedCase } from './plan.ts';

/** What `window.atlas.models` holds: the planned run's model bytes and the store's state. */
export interface ModelStorageState {
  /** Whether this page can keep model files (`unavailable` with the reason when not). */
  state: StoreStatus['state'];
  detail?: string;
  /** Distinct model files (by sha256) of the cases that will run, and their bytes. */
  plannedFiles: number;
  plannedBytes: number;
  /** Of those, the bytes already stored on this device. */
  storedBytes: number;
  toDownloadBytes: number;
  /** The line shown on the page. */
  text: string;
}

/** The distinct files (by sha256) of the cases that will run; `unsupported` cases load nothing. */
export function plannedFiles(plan: readonly PlannedCase[]): CatalogFile[] {
  const bySha = new Map<string, CatalogFile>();
  for (const planned of plan) {
    if (planned.unsupported) continue;
    for (const file of planned.spec.model.files) if (!bySha.has(file.sha256)) bySha.set(file.sha256, file);
  }
  return [...bySha.values()];
}

export { formatBytes };

/** What the browser still lets this origin store (its quota less its usage), when it says. */
async function freeBytes(): Promise<number | undefined> {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return quota === undefined ? undefined : Math.max(0, quota - (usage ?? 0));
  } catch {
    return undefined;
  }
}

/**
 * The figures and the line for `files`, of which those whose sha256 is in `stored` are kept
 * here; `free` is the space the browser still grants, when known.
 */
export function storageFigures(
  files: readonly CatalogFile[],
  stored: ReadonlySet<string>,
  status: StoreStatus,
  free?: number,
): ModelStorageState {
  const plannedBytes = files.reduce((n, f) => n + f.bytes, 0);
  const storedBytes = files.filter((f) => stored.has(f.sha256)).reduce((n, f) => n + f.bytes, 0);
  const toDownloadBytes = plannedBytes - storedBytes;
  const total = `This run uses ${formatBytes(plannedBytes)} of model files`;
  let text: string;
  if (files.length === 0) text = 'This run uses no model files.';
  else if (status.state !== 'ok')
    text = `${total}, downloaded each time: this browser cannot keep them (${status.detail ?? status.state}).`;
  else if (toDownloadBytes === 0) text = `${total}, all already stored on this device.`;
  else if (storedBytes === 0)
    text = `${total}: none stored on this device yet, all ${formatBytes(toDownloadBytes)} to download.`;
  else
    text = `${total}: ${formatBytes(storedBytes)} already stored on this device, ${formatBytes(toDownloadBytes)} to download.`;
  if (status.state === 'ok' && free !== undefined && toDownloadBytes > free)
    text += ` The browser lets this page keep only ${formatBytes(free)} more, so some files will not be kept.`;
  return {
    state: status.state,
    ...(status.detail ? { detail: status.detail } : {}),
    plannedFiles: files.length,
    plannedBytes,
    storedBytes,
    toDownloadBytes,
    text,
  };
}

export interface ModelStorageView {
  /** Recomputes the line for the plan as it is now (suite changed, run finished). */
  refresh(): Promise<ModelStorageState>;
  /** A run starts: the store's state is tracked from here. */
  beginRun(): Promise<void>;
  /** Every case's progress: the `init` event says how the store behaved while loading. */
  noteProgress(event: ProgressEvent): void;
  /** How the store behaved during the run (the record's `modelCache`). */
  runStatus(): ModelCache;
}

export interface ModelStorageElements {
  line: HTMLElement;
  clear: HTMLButtonElement;
}

/**
 * Wires the line and the button. `plan` gives the cases the Run button would run now;
 * `publish` receives every new state (for `window.atlas.models`).
 */
export function mountModelStorage(
  elements: ModelStorageElements,
  plan: () => readonly PlannedCase[],
  publish: (state: ModelStorageState) => void,
): ModelStorageView {
  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    let files: CatalogFile[];
    try {
      files = plannedFiles(plan());
    } catch {
      // A plan that cannot be made (an unknown model in the link) fails the run with the reason.
      files = [];
    }
    const status = await modelStoreAvailability();
    const stored = await storedFiles(files);
    const state = storageFigures(files, stored, status, await freeBytes());
    // A slower earlier refresh must not overwrite a newer one (the suite changed meanwhile).
    if (mine === generation) {
      elements.line.textContent = state.text;
      elements.clear.disabled = status.state !== 'ok' || state.storedBytes === 0;
      publish(state);
    }
    return state;
  };
  elements.clear.addEventListener('click', () => {
    if (!confirm('Delete the model files stored on this device? The next run downloads them again.')) return;
    elements.clear.disabled = true;
    void (async () => {
      try {
        await clearModelStore();
        await refresh();
      } catch (error) {
        await refresh();
        elements.line.textContent = `Could not clear the stored models: ${error instanceof Error ? error.message : String(error)}`;
      }
    })();
  });

  let run: StoreStatus = { state: 'ok' };
  return {
    refresh,
    async beginRun() {
      run = await modelStoreAvailability();
    },
    noteProgress(event) {
      if (event.modelStore) run = worseStatus(run, event.modelStore);
    },
    runStatus() {
      return { ...run };
    },
  };
}
