/**
 * Contributors delete their own results: the deletion token each upload's 201 carried is kept in
 * this browser (IndexedDB, database `atlas-delete-tokens`), keyed by the run's URL on its server,
 * and sent as `Authorization: Bearer <token>` with `DELETE <server>/api/runs/<id>`. No DOM here.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { ApiError } from '../schema/api.ts';
import type { FetchLike } from './upload-queue.ts';

export interface TokenStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, token: string): Promise<void>;
  del(key: string): Promise<void>;
}

/** The tokens' IndexedDB store; every call fails soft (private mode) to "no token kept". */
export function indexedDbTokenStore(): TokenStore {
  const store = createStore('atlas-delete-tokens', 'tokens');
  return {
    get: (key) => get<string>(key, store).catch(() => undefined),
    set: (key, token) => set(key, token, store).catch(() => undefined),
    del: (key) => del(key, store).catch(() => undefined),
  };
}

/** `<server>/api/runs/<id>`: the run's resource on the server `endpoint` (`…/api/runs`) names. */
export function runResource(endpoint: string, id: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}

export type DeleteResult = { ok: true } | { ok: false; error: string };

/** Deletes the run; a run already gone (404) counts as deleted. Never throws. */
export async function deleteRun(
  fetchFn: FetchLike,
  endpoint: string,
  id: string,
  token: string,
): Promise<DeleteResult> {
  let response: Response;
  try {
    response = await fetchFn(runResource(endpoint, id), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      mode: 'cors',
      credentials: 'omit',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return {
      ok: false,
      error: `could not reach the server: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (response.status === 200 || response.status === 404) return { ok: true };
  let message = '';
  try {
    message = ((await response.json()) as Partial<ApiError>).error ?? '';
  } catch {
    // not JSON: the status says enough
  }
  return { ok: false, error: `HTTP ${response.status}${message ? `: ${message}` : ''}`.slice(0, 300) };
}
