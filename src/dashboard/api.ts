/**
 * Where the results API lives and how its JSON is fetched. `?results=https://host` on either page
 * points it at another server (CORS is open there); by default it is this page's own origin.
 */
import type { ApiError } from '../schema/api.ts';

/** The API base without a trailing slash ('' = same origin), from `?results=` when it is http(s). */
export function apiBase(search: string = location.search): string {
  const param = new URLSearchParams(search).get('results');
  if (!param) return '';
  try {
    const url = new URL(param);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '';
  }
}

/** A failed request: `status` is 0 when no answer came at all. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Fetches `path` from the API; resolves with the parsed body and the raw text (for download). */
export async function getJson<T>(path: string, base = apiBase()): Promise<{ data: T; text: string }> {
  const url = `${base}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiRequestError(
      `could not reach ${base || 'the results server'}: ${(error as Error).message}`,
      0,
    );
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiRequestError(
      `${url} answered ${response.status} with something that is not JSON`,
      response.status,
    );
  }
  if (!response.ok) {
    const error = (data as Partial<ApiError> | null)?.error;
    throw new ApiRequestError(
      `${url} answered ${response.status}${typeof error === 'string' ? `: ${error}` : ''}`,
      response.status,
    );
  }
  return { data: data as T, text };
}

/** The page of one stored run: `/runs/<id>` on the same origin, `run.html?id=…&results=…` otherwise. */
export function runPageUrl(id: string, base = apiBase()): string {
  if (!base) return `/runs/${encodeURIComponent(id)}`;
  const url = new URL('run.html', location.href);
  url.search = new URLSearchParams({ id, results: base }).toString();
  return url.href;
}

/** The dashboard, keeping the API base (`/dashboard` on the server, `dashboard.html` when hosted as files). */
export function dashboardUrl(base = apiBase()): string {
  if (!base) return '/dashboard';
  const path = location.pathname.startsWith('/runs/')
    ? '/dashboard'
    : new URL('dashboard.html', location.href).pathname;
  return `${path}?${new URLSearchParams({ results: base })}`;
}
