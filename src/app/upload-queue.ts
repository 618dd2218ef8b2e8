/**
 * Uploading run records to a results server, and the queue that keeps every record that could not
 * be uploaded yet (offline, server down, rate limited) until it can. No DOM and no IndexedDB here:
 * `fetch`, the storage and the clock are injected, so every decision is unit-tested.
 *
 * A record is written to the queue *before* it is sent and removed only after the server stored
 * it (201, or 200 for an identical repeat) or refused it for good (400, 409, 413, 415, …). Every
 * retry sends the byte-identical body under the same `id`, and the server is idempotent on `id`,
 * so a run is stored exactly once however often its answer was lost.
 */
import type { ApiError, IngestAccepted } from '../schema/api.ts';
import type { Run } from '../schema/run.ts';

/** One queued record, as kept in the store under its run id. */
export interface QueueEntry {
  record: Run;
  /** The exact JSON text sent on every attempt. */
  body: string;
  /** `…/api/runs` of the server this record goes to, fixed when it was first queued. */
  endpoint: string;
  /** Attempts made so far. */
  attempts: number;
  lastError?: string;
  /** Epoch ms when it was queued, and when the next automatic attempt is due. */
  queuedAt: number;
  nextAttemptAt: number;
}

/** Where queue entries live (IndexedDB on the page, a Map in tests); keyed by run id. */
export interface QueueStore {
  get(id: string): Promise<QueueEntry | undefined>;
  set(id: string, entry: QueueEntry): Promise<void>;
  del(id: string): Promise<void>;
  entries(): Promise<[string, QueueEntry][]>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface UploadDeps {
  fetch: FetchLike;
  store: QueueStore;
  /** Epoch ms; `Date.now` on the page. */
  now: () => number;
  /** 0 ≤ x < 1 for backoff jitter; `Math.random` on the page. */
  random?: () => number;
  /** Per-request time limit, ms (default 30 s). */
  timeoutMs?: number;
}

/** What one attempt came to. */
export type Outcome =
  /** The server holds the run: `status` 201 (stored now, with its deletion token) or 200 (already stored). */
  | { kind: 'stored'; status: number; id: string; url: string; deleteToken?: string }
  /** Try again later: network error, timeout, 5xx, 429. Kept in the queue. */
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number }
  /** The server refused it for good (400, 409, 413, 415, other 4xx). Dropped from the queue. */
  | { kind: 'permanent'; status: number; error: string };

export interface SubmitResult {
  outcome: Outcome;
  /** For a `retry`: the record is in the queue and will be retried (false when storage failed). */
  kept: boolean;
}

export interface FlushReport {
  /** Each entry attempted, in order. */
  attempted: { id: string; outcome: Outcome }[];
  /** Entries still queued afterwards. */
  remaining: number;
  /** Earliest `nextAttemptAt` among the remaining entries. */
  nextAttemptAt?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const BACKOFF_BASE_MS = 15_000;
const BACKOFF_MAX_MS = 30 * 60_000;

export type ResultsSource = 'param' | 'build' | 'origin';

function httpUrl(value: string, base?: string): URL | undefined {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The results server: the page's `?results=URL`, else the build-time `VITE_RESULTS_URL` (may be
 * relative to the page), else the page's own origin. Returned without a trailing slash.
 */
export function resultsBase(
  param: string | undefined,
  buildTime: string | undefined,
  pageOrigin: string,
): { base: string; source: ResultsSource } {
  const strip = (url: URL) => url.href.replace(/\/+$/, '');
  const fromParam = param ? httpUrl(param) : undefined;
  if (fromParam) return { base: strip(fromParam), source: 'param' };
  const fromBuild = buildTime ? httpUrl(buildTime, pageOrigin) : undefined;
  if (fromBuild) return { base: strip(fromBuild), source: 'build' };
  return { base: strip(new URL(pageOrigin)), source: 'origin' };
}

/** `POST` target for a results server: `<base>/api/runs`, or the base itself if it already is one. */
export function runsEndpoint(base: string): string {
  const url = new URL(base);
  if (/\/api\/runs\/?$/.test(url.pathname)) return url.href;
  return new URL('api/runs', url.href.endsWith('/') ? url.href : `${url.href}/`).href;
}

/** The server's base (with a trailing slash) behind a `…/api/runs` endpoint. */
export function endpointBase(endpoint: string): string {
  const url = new URL(endpoint);
  url.pathname = url.pathname.replace(/\/api\/runs\/?$/, '/');
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * Absolute link to the stored run's page: the answer's `url` resolved against the server's base,
 * or `<base>/runs/<id>` when the answer gave none usable (never a non-http(s) link).
 */
export function runPageUrl(answerUrl: unknown, id: string, endpoint: string): string {
  const base = endpointBase(endpoint);
  const given = typeof answerUrl === 'string' && answerUrl ? httpUrl(answerUrl, base) : undefined;
  return given?.href ?? new URL(`runs/${encodeURIComponent(id)}`, base).href;
}

/**
 * Why the browser would block every upload from this page to `endpoint`, or undefined: an HTTPS
 * page may not send to plain HTTP (mixed content) except on loopback.
 */
export function blockedEndpoint(pageUrl: string, endpoint: string): string | undefined {
  const page = new URL(pageUrl);
  const target = new URL(endpoint);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(target.hostname);
  if (page.protocol === 'https:' && target.protocol === 'http:' && !loopback) {
    return `this page is HTTPS, so the browser blocks uploads to the plain-HTTP server ${target.origin}`;
  }
  return undefined;
}

/** How an HTTP status is handled: stored (200/201), retried later, or refused for good. */
export function classifyStatus(status: number): 'stored' | 'retry' | 'permanent' {
  if (status === 200 || status === 201) return 'stored';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'permanent';
}

/** Wait before attempt `attempts + 1`: 15 s doubling to at most 30 min, ±20% jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

/** One line saying why the server refused a record, from its `{error, issues}` answer. */
function refusal(status: number, answer: unknown): string {
  const fallback: Record<number, string> = {
    400: 'the server found the record invalid',
    409: 'the server already holds a different run with this id',
    413: 'the record is too large for the server',
    415: 'the server did not accept the record as JSON',
    429: 'too many uploads from this device; will retry later',
  };
  const api = (answer && typeof answer === 'object' ? answer : {}) as Partial<ApiError>;
  const text = typeof api.error === 'string' && api.error ? api.error : (fallback[status] ?? 'refused');
  const issues = Array.isArray(api.issues)
    ? api.issues
        .slice(0, 3)
        .map((i) => `${String(i?.path)}: ${String(i?.message)}`)
        .join('; ')
    : '';
  return `HTTP ${status}: ${text}${issues ? ` (${issues})` : ''}`.slice(0, 500);
}

/** Sends one record body and says what came of it; never throws. */
export async function postRun(
  fetchFn: FetchLike,
  endpoint: string,
  id: string,
  body: string,
  options: { timeoutMs?: number; now?: number } = {},
): Promise<Outcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetchFn(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      mode: 'cors',
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return {
      kind: 'retry',
      error:
        name === 'TimeoutError'
          ? `no answer from the server within ${Math.round(timeoutMs / 1000)} s`
          : `could not reach the server: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const answer = await readJson(response);
  const kind = classifyStatus(response.status);
  if (kind === 'stored') {
    const accepted = (answer && typeof answer === 'object' ? answer : {}) as Partial<IngestAccepted>;
    if (accepted.id !== id) {
      return {
        kind: 'permanent',
        status: response.status,
        error: `HTTP ${response.status} without this run's id: ${endpoint} does not look like a WebML Atlas results server`,
      };
    }
    const token = typeof accepted.deleteToken === 'string' ? { deleteToken: accepted.deleteToken } : {};
    return {
      kind: 'stored',
      status: response.status,
      id,
      url: runPageUrl(accepted.url, id, endpoint),
      ...token,
    };
  }
  if (kind === 'retry') {
    const after = retryAfterMs(response.headers.get('retry-after'), options.now ?? Date.now());
    return {
      kind: 'retry',
      status: response.status,
      error:
        response.status === 429 ? refusal(429, answer) : `HTTP ${response.status} from the results server`,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    };
  }
  return { kind: 'permanent', status: response.status, error: refusal(response.status, answer) };
}

/**
 * Uploads records and keeps the ones that could not go yet. One instance per page; it never sends
 * the same id twice at once.
 */
export class UploadQueue {
  readonly #deps: UploadDeps;
  readonly #inFlight = new Map<string, Promise<Outcome>>();
  #running: Promise<unknown> = Promise.resolve();
  #waiting: { force: boolean; report: Promise<FlushReport> } | undefined;

  constructor(deps: UploadDeps) {
    this.#deps = deps;
  }

  /** Queues `record` for `endpoint` and tries to upload it now. */
  async submit(record: Run, endpoint: string): Promise<SubmitResult> {
    const now = this.#deps.now();
    const existing = await this.#safeGet(record.id);
    const entry: QueueEntry = existing ?? {
      record,
      body: JSON.stringify(record),
      endpoint,
      attempts: 0,
      queuedAt: now,
      nextAttemptAt: now,
    };
    const kept = await this.#safeSet(record.id, entry);
    return this.#attempt(entry, kept);
  }

  /**
   * Retries queued records: all of them with `force` (page load, `online`, a tap on Retry), else
   * only those whose backoff has passed. Passes run one after another; a call made while another
   * pass waits to start joins that one (as forced if either asked).
   */
  flush(options: { force?: boolean } = {}): Promise<FlushReport> {
    const force = options.force ?? false;
    if (this.#waiting) {
      this.#waiting.force ||= force;
      return this.#waiting.report;
    }
    const waiting = { force } as { force: boolean; report: Promise<FlushReport> };
    waiting.report = this.#running.then(() => {
      if (this.#waiting === waiting) this.#waiting = undefined;
      return this.#flush(waiting.force);
    });
    this.#waiting = waiting;
    this.#running = waiting.report.catch(() => undefined);
    return waiting.report;
  }

  /** Queued entries (empty if the store cannot be read). */
  async pending(): Promise<QueueEntry[]> {
    try {
      return (await this.#deps.store.entries()).map(([, entry]) => entry);
    } catch {
      return [];
    }
  }

  async #flush(force: boolean): Promise<FlushReport> {
    const attempted: FlushReport['attempted'] = [];
    const entries = (await this.pending()).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const entry of entries) {
      if (!force && entry.nextAttemptAt > this.#deps.now()) continue;
      const { outcome } = await this.#attempt(entry, true);
      attempted.push({ id: entry.record.id, outcome });
    }
    const remaining = await this.pending();
    const next = remaining.map((e) => e.nextAttemptAt).sort((a, b) => a - b)[0];
    return { attempted, remaining: remaining.length, ...(next === undefined ? {} : { nextAttemptAt: next }) };
  }

  async #attempt(entry: QueueEntry, stored: boolean): Promise<SubmitResult> {
    const id = entry.record.id;
    let sending = this.#inFlight.get(id);
    if (!sending) {
      sending = this.#send(entry).finally(() => this.#inFlight.delete(id));
      this.#inFlight.set(id, sending);
    }
    const outcome = await sending;
    if (outcome.kind !== 'retry') {
      await this.#safeDel(id);
      return { outcome, kept: false };
    }
    if (!stored) return { outcome, kept: false };
    // Count the attempt on the stored entry; if it is gone (another tab stored it), leave it gone.
    const current = await this.#safeGet(id);
    if (!current) return { outcome, kept: false };
    const attempts = current.attempts + 1;
    const wait = Math.max(backoffMs(attempts, this.#deps.random), outcome.retryAfterMs ?? 0);
    const kept = await this.#safeSet(id, {
      ...current,
      attempts,
      lastError: outcome.error,
      nextAttemptAt: this.#deps.now() + wait,
    });
    return { outcome, kept };
  }

  #send(entry: QueueEntry): Promise<Outcome> {
    return postRun(this.#deps.fetch, entry.endpoint, entry.record.id, entry.body, {
      timeoutMs: this.#deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      now: this.#deps.now(),
    });
  }

  async #safeGet(id: string): Promise<QueueEntry | undefined> {
    try {
      return await this.#deps.store.get(id);
    } catch {
      return undefined;
    }
  }

  async #safeSet(id: string, entry: QueueEntry): Promise<boolean> {
    try {
      await this.#deps.store.set(id, entry);
      return true;
    } catch {
      return false;
    }
  }

  async #safeDel(id: string): Promise<void> {
    try {
      await this.#deps.store.del(id);
    } catch {
      // Left in the store: the next retry gets 200 (already stored) and removes it then.
    }
  }
}

/**
 * Whether a finished run uploads by itself. Never for automation (the CLI submits on its own) nor
 * to a server a link chose (`?results=` on another origin): there the user taps Upload. Otherwise
 * the user's own choice of the toggle if they made one, else their consent to send device details.
 */
export function autoUploadDefault(options: {
  consent: boolean;
  /** The toggle as the user last set it: '1', '0', or null if never. */
  choice: string | null;
  source: ResultsSource;
  /** The results server is the page's own origin. */
  sameOrigin: boolean;
  automation: boolean;
}): boolean {
  if (options.automation) return false;
  if (options.source === 'param' && !options.sameOrigin) return false;
  if (options.choice === '1' || options.choice === '0') return options.choice === '1';
  return options.consent;
}

/** "1 result waiting to upload" / "3 results waiting to upload". */
export function pendingText(count: number): string {
  return `${count} result${count === 1 ? '' : 's'} waiting to upload`;
}
