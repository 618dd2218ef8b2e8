/**
 * The one way a model file's bytes are obtained, in every worker (cases, scenario sessions,
 * references, the bare loop): read the device's model store first, otherwise download; check
 * every file against the catalog's `bytes` and `sha256` before it is used; keep verified
 * downloads in the store. A stored copy that fails the check is deleted and downloaded again; a
 * download that fails it is an error naming the file, never used. A store that cannot be opened
 * or written leaves the bytes coming from the network, with the reason in the returned status.
 *
 * Time spent getting bytes (store reads, downloads) is `loadMs`; time spent hashing is
 * `verifyMs`, apart (docs/methodology.md). The store itself is an interface here, so this
 * module runs in Node too; model-store.ts is its Cache Storage implementation.
 */
import type { CatalogFile } from '../suite/types.ts';
import { sha256HexJs } from './sha256.ts';

/** Name of the Cache Storage cache that holds the model files; a new layout gets a new name. */
export const MODEL_CACHE_NAME = 'atlas-models-v1';

/** The store's key of a file: by content, so the same bytes are kept once whatever their path. */
export function storeKey(sha256: string): string {
  return `/atlas-model-cache/sha256/${sha256.toLowerCase()}`;
}

/** What the store could do this time: kept files (`ok`), ran out of space, or was not there. */
export type StoreState = 'ok' | 'full' | 'unavailable' | 'error';
export interface StoreStatus {
  state: StoreState;
  /** One line: why the store is not `ok`. */
  detail?: string;
}

/** A persistent store of verified model files, keyed by {@link storeKey}. */
export interface ModelStore {
  get(key: string): Promise<ArrayBuffer | undefined>;
  put(key: string, bytes: ArrayBuffer, file: CatalogFile): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store as opened for one load: the store, or none and why. */
export interface OpenedStore {
  store?: ModelStore;
  status: StoreStatus;
}

export type FileSource = 'cache' | 'network';

/** One file as loaded: its bytes and where they came from (the record's `modelFiles` entry). */
export interface LoadedFile {
  path: string;
  bytes: ArrayBuffer;
  source: FileSource;
  /** The stored copy failed the check and was downloaded again. */
  refetched?: true;
  /** Hashing this file's bytes (all attempts), ms. */
  verifyMs: number;
}

export interface LoadedFiles {
  files: LoadedFile[];
  /** Getting every file's bytes (store reads and downloads, hashing excluded), ms. */
  loadMs: number;
  /** Checking every file's size and sha256, ms. */
  verifyMs: number;
  /** How the store behaved during this load. */
  store: StoreStatus;
}

export interface LoadDeps {
  /** Downloads a file; `fresh` asks to bypass the HTTP cache (the copy replaces a damaged one). */
  fetchBytes: (url: string, fresh: boolean) => Promise<ArrayBuffer>;
  now: () => number;
  openStore: () => Promise<OpenedStore>;
}

const RANK: Record<StoreState, number> = { ok: 0, unavailable: 1, full: 2, error: 3 };

/** The more telling of two statuses (error > full > unavailable > ok); the first on a tie. */
export function worseStatus(a: StoreStatus, b: StoreStatus): StoreStatus {
  return RANK[b.state] > RANK[a.state] ? b : a;
}

/** One line for an error, whatever was thrown. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/**
 * What a failed store operation means: a full quota (`QuotaExceededError`, Safari's and Firefox's
 * private windows too) is `full`; a refused store (`SecurityError`: storage blocked) is
 * `unavailable`; anything else is `error`.
 */
export function storeFailure(what: string, error: unknown): StoreStatus {
  const name =
    error instanceof Error || (error && typeof error === 'object' && 'name' in error)
      ? String((error as { name: unknown }).name)
      : '';
  const state: StoreState =
    name === 'QuotaExceededError' ? 'full' : name === 'SecurityError' ? 'unavailable' : 'error';
  return { state, detail: `${what}: ${describe(error)}`.replace(/\s+/g, ' ').slice(0, 200) };
}

/**
 * Lower-case hex sha256 of the bytes: Web Crypto (browsers, workers, Node 20) where it exists,
 * else our own (sha256.ts) — `crypto.subtle` exists only in secure contexts.
 */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256HexJs(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks bytes against the catalog: the size first (no hashing needed to refuse a truncated
 * file), then the sha256. Returns why they do not match, or undefined when they do.
 */
export async function mismatch(file: Pick<CatalogFile, 'bytes' | 'sha256'>, bytes: ArrayBuffer) {
  if (bytes.byteLength !== file.bytes) return `${bytes.byteLength} bytes, expected ${file.bytes}`;
  const hex = await sha256Hex(bytes);
  if (hex !== file.sha256.toLowerCase())
    return `sha256 ${hex.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…`;
  return undefined;
}

/** The error of a download that does not match the catalog. */
export class ModelFileMismatch extends Error {
  override readonly name = 'ModelFileMismatch';
}

interface Got {
  file: CatalogFile;
  bytes: ArrayBuffer;
  source: FileSource;
}

/**
 * Loads `files` (paths relative to `baseUrl`) through the store: see the header. Throws
 * {@link ModelFileMismatch} when a download does not match the catalog, or what `fetchBytes`
 * throws; store failures never throw, they change the returned status.
 */
export async function loadModelFiles(
  files: readonly CatalogFile[],
  baseUrl: string,
  deps: LoadDeps,
): Promise<LoadedFiles> {
  const { now } = deps;
  const opened = await deps.openStore();
  let status = opened.status;
  const store = opened.store;
  const note = (s: StoreStatus) => {
    status = worseStatus(status, s);
  };
  const url = (f: CatalogFile) => new URL(f.path, baseUrl).href;
  const download = (f: CatalogFile, fresh: boolean) => deps.fetchBytes(url(f), fresh);

  // 1. Bytes of every file, from the store or the network (timed as load).
  const readOne = async (file: CatalogFile): Promise<Got> => {
    if (store) {
      try {
        const bytes = await store.get(storeKey(file.sha256));
        if (bytes) return { file, bytes, source: 'cache' };
      } catch (error) {
        note(storeFailure(`reading ${file.path} from the store`, error));
      }
    }
    // With a store, the stored copy is the one kept: the HTTP cache need not keep a second.
    return { file, bytes: await download(file, store !== undefined), source: 'network' };
  };
  let started = now();
  const got = await Promise.all(files.map(readOne));
  let loadMs = now() - started;

  // 2. Check every file (timed as verify); a damaged stored copy is downloaded again.
  const loaded: LoadedFile[] = [];
  let verifyMs = 0;
  const check = async (g: Got) => {
    const t0 = now();
    const problem = await mismatch(g.file, g.bytes);
    const ms = now() - t0;
    verifyMs += ms;
    return { problem, ms };
  };
  const kept: Got[] = [];
  for (const g of got) {
    const first = await check(g);
    if (!first.problem) {
      loaded.push({ path: g.file.path, bytes: g.bytes, source: g.source, verifyMs: first.ms });
      if (g.source === 'network') kept.push(g);
      continue;
    }
    if (g.source === 'network') {
      throw new ModelFileMismatch(`model file ${g.file.path} does not match the catalog: ${first.problem}`);
    }
    // The stored copy is damaged: drop it and download the file again.
    await store?.delete(storeKey(g.file.sha256)).catch((error: unknown) => {
      note(storeFailure(`deleting the damaged copy of ${g.file.path}`, error));
    });
    started = now();
    const bytes = await download(g.file, true);
    loadMs += now() - started;
    const again = await check({ ...g, bytes });
    if (again.problem) {
      throw new ModelFileMismatch(`model file ${g.file.path} does not match the catalog: ${again.problem}`);
    }
    const fresh: Got = { file: g.file, bytes, source: 'network' };
    loaded.push({
      path: g.file.path,
      bytes,
      source: 'network',
      refetched: true,
      verifyMs: first.ms + again.ms,
    });
    kept.push(fresh);
  }

  // 3. Keep the verified downloads (not timed: storing is the harness's work, not the model's).
  if (store) {
    for (const g of kept) {
      try {
        await store.put(storeKey(g.file.sha256), g.bytes, g.file);
      } catch (error) {
        note(storeFailure(`storing ${g.file.path}`, error));
      }
    }
  }
  return { files: loaded, loadMs, verifyMs, store: status };
}

/**
 * A `loadFiles` without a store (Node, tests, tools): every file from `fetchBytes`, still checked
 * against the catalog; the status says there was no store.
 */
export function withoutStore(fetchBytes: (url: string) => Promise<ArrayBuffer>) {
  return (files: readonly CatalogFile[], baseUrl: string, now: () => number): Promise<LoadedFiles> =>
    loadModelFiles(files, baseUrl, {
      fetchBytes: (url) => fetchBytes(url),
      now,
      openStore: async () => ({ status: { state: 'unavailable', detail: 'no model store here' } }),
    });
}
