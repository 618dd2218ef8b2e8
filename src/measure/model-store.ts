/**
 * The device's model store on Cache Storage (windows and workers of secure contexts): the cache
 * `atlas-models-v1`, one entry per file content at `/atlas-model-cache/sha256/<hex>`, and the
 * browser side of model-files.ts (`loadModelFilesInBrowser`: this store + `fetch`). The page reads
 * what is stored (src/app/model-storage.ts) and can delete the whole cache.
 */
import type { CatalogFile } from '../suite/types.ts';
import {
  type LoadedFiles,
  loadModelFiles,
  MODEL_CACHE_NAME,
  type ModelStore,
  type OpenedStore,
  type StoreStatus,
  storeFailure,
  storeKey,
} from './model-files.ts';

/** Header of a stored entry: the file's size as the catalog gives it (the page sums these). */
export const BYTES_HEADER = 'x-atlas-bytes';
/** Header of a stored entry: the path the file was first stored under (for people reading DevTools). */
const PATH_HEADER = 'x-atlas-path';

/** Why there is no Cache Storage here, or undefined when there is. */
function missingReason(): string | undefined {
  if (typeof caches !== 'undefined') return undefined;
  return typeof isSecureContext === 'boolean' && !isSecureContext
    ? 'Cache Storage needs a secure context (HTTPS or localhost); this page is not one'
    : 'this browser has no Cache Storage here';
}

/**
 * Whether this page can keep model files, without creating the store: `ok`, or `unavailable`
 * with the reason. Never throws.
 */
export async function modelStoreAvailability(): Promise<StoreStatus> {
  const missing = missingReason();
  if (missing) return { state: 'unavailable', detail: missing };
  try {
    await caches.has(MODEL_CACHE_NAME);
    return { state: 'ok' };
  } catch (error) {
    return { ...storeFailure('reading the model store', error), state: 'unavailable' };
  }
}

/** Opens the store, or says why it cannot (no Cache Storage, storage blocked, …). Never throws. */
export async function openModelStore(): Promise<OpenedStore> {
  const missing = missingReason();
  if (missing) return { status: { state: 'unavailable', detail: missing } };
  let cache: Cache;
  try {
    cache = await caches.open(MODEL_CACHE_NAME);
  } catch (error) {
    const failed = storeFailure('opening the model store', error);
    return { status: { ...failed, state: failed.state === 'full' ? 'full' : 'unavailable' } };
  }
  const store: ModelStore = {
    async get(key) {
      const response = await cache.match(key);
      return response ? response.arrayBuffer() : undefined;
    },
    async put(key, bytes, file: CatalogFile) {
      await cache.put(
        key,
        new Response(bytes, {
          headers: {
            'content-type': 'application/octet-stream',
            [BYTES_HEADER]: String(file.bytes),
            [PATH_HEADER]: file.path,
          },
        }),
      );
    },
    async delete(key) {
      await cache.delete(key);
    },
  };
  return { store, status: { state: 'ok' } };
}

async function fetchBytes(url: string, fresh: boolean): Promise<ArrayBuffer> {
  const response = await fetch(url, fresh ? { cache: 'no-store' } : {});
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Loads model files in a browser: the store first, else the network (model-files.ts). */
export function loadModelFilesInBrowser(
  files: readonly CatalogFile[],
  baseUrl: string,
  now: () => number = () => performance.now(),
): Promise<LoadedFiles> {
  return loadModelFiles(files, baseUrl, { fetchBytes, now, openStore: openModelStore });
}

/**
 * The sha256 of each given file the store holds (an entry whose recorded size is the catalog's;
 * its bytes are checked when a case loads it). Never throws: without a store nothing is stored.
 */
export async function storedFiles(files: readonly CatalogFile[]): Promise<Set<string>> {
  const stored = new Set<string>();
  if (missingReason()) return stored;
  try {
    if (!(await caches.has(MODEL_CACHE_NAME))) return stored;
    const cache = await caches.open(MODEL_CACHE_NAME);
    await Promise.all(
      files.map(async (f) => {
        const response = await cache.match(storeKey(f.sha256));
        if (response?.headers.get(BYTES_HEADER) === String(f.bytes)) stored.add(f.sha256);
      }),
    );
  } catch {
    // A store that cannot be read holds nothing we can use.
  }
  return stored;
}

/** Deletes every stored model file (the whole cache). */
export async function clearModelStore(): Promise<void> {
  const missing = missingReason();
  if (missing) throw new Error(missing);
  await caches.delete(MODEL_CACHE_NAME);
}
