import { describe, expect, it } from 'vitest';
import {
  autoUploadDefault,
  backoffMs,
  blockedEndpoint,
  classifyStatus,
  type FetchLike,
  pendingText,
  type QueueEntry,
  type QueueStore,
  resultsBase,
  runPageUrl,
  runsEndpoint,
  UploadQueue,
} from '../../src/app/upload-queue.ts';
import { RUN_SCHEMA_ID, type Run } from '../../src/schema/run.ts';

const ENDPOINT = 'https://atlas.example.org/api/runs';

function run(id = '6f1c1e0a-3b8e-4c43-9a37-2f0f7a3c1d5e'): Run {
  return {
    schema: RUN_SCHEMA_ID,
    id,
    createdAt: '2025-01-02T03:04:05.000Z',
    app: { version: '0.1.0' },
    suite: { id: 'quick', version: '1' },
    source: 'browser',
    env: {
      userAgent: 'test',
      hardwareConcurrency: 4,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
    },
    cases: [],
  };
}

/** A Map-backed store that can be made to fail. */
class MemoryStore implements QueueStore {
  readonly map = new Map<string, QueueEntry>();
  broken = false;
  async get(id: string) {
    if (this.broken) throw new Error('store is broken');
    return structuredClone(this.map.get(id));
  }
  async set(id: string, entry: QueueEntry) {
    if (this.broken) throw new Error('store is broken');
    this.map.set(id, structuredClone(entry));
  }
  async del(id: string) {
    if (this.broken) throw new Error('store is broken');
    this.map.delete(id);
  }
  async entries(): Promise<[string, QueueEntry][]> {
    if (this.broken) throw new Error('store is broken');
    return [...this.map].map(([k, v]) => [k, structuredClone(v)]);
  }
}

type Answer = Response | Error | ((body: string) => Response);

/** A fake `fetch` answering from a script, recording every request. */
function scriptedFetch(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit; body: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body = String(init.body);
    calls.push({ url, init, body });
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer === undefined) throw new Error('no scripted answer');
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(body) : answer.clone();
  };
  return { fetch, calls };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const accepted = (status: 200 | 201, id = run().id) => json(status, { id, url: `/runs/${id}` });

function setup(...answers: Answer[]) {
  const store = new MemoryStore();
  const clock = { now: 1_000_000 };
  const { fetch, calls } = scriptedFetch(...answers);
  const queue = new UploadQueue({ fetch, store, now: () => clock.now, random: () => 0.5 });
  return { store, clock, calls, queue };
}

describe('resultsBase', () => {
  it('prefers ?results=, then the build setting, then the page origin', () => {
    expect(resultsBase('https://a.example/x/', 'https://b.example', 'https://page.example')).toEqual({
      base: 'https://a.example/x',
      source: 'param',
    });
    expect(resultsBase(undefined, 'https://b.example/', 'https://page.example')).toEqual({
      base: 'https://b.example',
      source: 'build',
    });
    expect(resultsBase(undefined, '/collect', 'https://page.example')).toEqual({
      base: 'https://page.example/collect',
      source: 'build',
    });
    expect(resultsBase(undefined, undefined, 'http://192.168.1.5:8080')).toEqual({
      base: 'http://192.168.1.5:8080',
      source: 'origin',
    });
  });

  it('ignores values that are not http(s) URLs', () => {
    expect(resultsBase('javascript:alert(1)', 'ftp://x', 'https://page.example').source).toBe('origin');
  });
});

describe('runsEndpoint and runPageUrl', () => {
  it('appends api/runs to the base, keeping a path prefix, unless it is already there', () => {
    expect(runsEndpoint('https://a.example')).toBe('https://a.example/api/runs');
    expect(runsEndpoint('https://a.example/atlas')).toBe('https://a.example/atlas/api/runs');
    expect(runsEndpoint('https://a.example/atlas/api/runs')).toBe('https://a.example/atlas/api/runs');
  });

  it('resolves the answer url against the server, never to a non-http link', () => {
    const id = run().id;
    expect(runPageUrl(`/runs/${id}`, id, ENDPOINT)).toBe(`https://atlas.example.org/runs/${id}`);
    expect(runPageUrl(`runs/${id}`, id, 'https://a.example/atlas/api/runs')).toBe(
      `https://a.example/atlas/runs/${id}`,
    );
    expect(runPageUrl('javascript:alert(1)', id, ENDPOINT)).toBe(`https://atlas.example.org/runs/${id}`);
    expect(runPageUrl(undefined, id, ENDPOINT)).toBe(`https://atlas.example.org/runs/${id}`);
  });
});

describe('blockedEndpoint', () => {
  it('names mixed content (HTTPS page, HTTP server) except on loopback', () => {
    expect(blockedEndpoint('https://page.example/', 'http://atlas.example/api/runs')).toMatch(
      /HTTPS.*plain-HTTP/,
    );
    expect(blockedEndpoint('https://page.example/', 'https://atlas.example/api/runs')).toBeUndefined();
    expect(blockedEndpoint('http://page.example/', 'http://atlas.example/api/runs')).toBeUndefined();
    expect(blockedEndpoint('https://page.example/', 'http://localhost:8080/api/runs')).toBeUndefined();
    expect(blockedEndpoint('https://page.example/', 'http://127.0.0.1:8080/api/runs')).toBeUndefined();
  });
});

describe('classifyStatus and backoffMs', () => {
  it.each([
    [201, 'stored'],
    [200, 'stored'],
    [500, 'retry'],
    [503, 'retry'],
    [429, 'retry'],
    [408, 'retry'],
    [400, 'permanent'],
    [409, 'permanent'],
    [413, 'permanent'],
    [415, 'permanent'],
    [404, 'permanent'],
  ] as const)('HTTP %i → %s', (status, kind) => {
    expect(classifyStatus(status)).toBe(kind);
  });

  it('doubles from 15 s to a 30 min cap, with ±20% jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(15_000);
    expect(backoffMs(2, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, () => 0)).toBe(48_000);
    expect(backoffMs(50, () => 0.5)).toBe(30 * 60_000);
    expect(backoffMs(50, () => 0.999_999)).toBeLessThanOrEqual(36 * 60_000);
  });
});

describe('UploadQueue.submit', () => {
  it.each([201, 200] as const)(
    'HTTP %i: stored, with the run page link, and removed from the queue',
    async (status) => {
      const { store, calls, queue } = setup(accepted(status));
      const { outcome } = await queue.submit(run(), ENDPOINT);
      expect(outcome).toEqual({
        kind: 'stored',
        status,
        id: run().id,
        url: `https://atlas.example.org/runs/${run().id}`,
      });
      expect(store.map.size).toBe(0);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe(ENDPOINT);
      expect(calls[0]?.init.method).toBe('POST');
      expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json');
      expect(JSON.parse(calls[0]?.body ?? '')).toEqual(run());
    },
  );

  it.each([
    ['HTTP 500', () => json(500, { error: 'boom' })],
    ['HTTP 503', () => new Response('down', { status: 503 })],
    ['HTTP 429', () => json(429, { error: 'slow down' })],
    ['a network error', () => new TypeError('Failed to fetch')],
  ])('%s: kept in the queue with attempts + 1 and the error', async (_label, answer) => {
    const { store, clock, queue } = setup(answer());
    const result = await queue.submit(run(), ENDPOINT);
    expect(result.outcome.kind).toBe('retry');
    expect(result.kept).toBe(true);
    const entry = store.map.get(run().id);
    expect(entry?.attempts).toBe(1);
    expect(entry?.endpoint).toBe(ENDPOINT);
    expect(entry?.record).toEqual(run());
    expect(entry?.lastError).toBeTruthy();
    expect(entry?.nextAttemptAt).toBe(clock.now + 15_000);
  });

  it('honours Retry-After on a 429 when it is longer than the backoff', async () => {
    const { store, clock, queue } = setup(json(429, { error: 'slow down' }, { 'retry-after': '120' }));
    await queue.submit(run(), ENDPOINT);
    expect(store.map.get(run().id)?.nextAttemptAt).toBe(clock.now + 120_000);
  });

  it.each([
    [
      400,
      { error: 'invalid run', issues: [{ path: 'cases.0.status', message: 'Invalid option' }] },
      /400.*cases\.0\.status/,
    ],
    [409, { error: 'a different run with this id is stored' }, /409.*different run/],
    [413, { error: 'too large' }, /413/],
    [415, { error: 'not JSON' }, /415/],
  ] as const)('HTTP %i: removed from the queue with the error', async (status, body, message) => {
    const { store, queue } = setup(json(status, body));
    const result = await queue.submit(run(), ENDPOINT);
    expect(result.outcome.kind).toBe('permanent');
    expect(result.outcome.kind === 'permanent' && result.outcome.error).toMatch(message);
    expect(store.map.size).toBe(0);
  });

  it('treats a 2xx that is not an answer about this run as a refusal (not our server)', async () => {
    const { store, queue } = setup(new Response('<!doctype html>', { status: 200 }));
    const { outcome } = await queue.submit(run(), ENDPOINT);
    expect(outcome.kind).toBe('permanent');
    expect(store.map.size).toBe(0);
  });

  it('still uploads when the store cannot be written, but says the record was not kept', async () => {
    const ok = setup(accepted(201));
    ok.store.broken = true;
    expect((await ok.queue.submit(run(), ENDPOINT)).outcome.kind).toBe('stored');
    const down = setup(new TypeError('Failed to fetch'));
    down.store.broken = true;
    expect(await down.queue.submit(run(), ENDPOINT)).toMatchObject({
      outcome: { kind: 'retry' },
      kept: false,
    });
  });

  it('times a request out as retryable', async () => {
    const store = new MemoryStore();
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const queue = new UploadQueue({ fetch: hang, store, now: Date.now, timeoutMs: 50 });
    const result = await queue.submit(run(), ENDPOINT);
    expect(result.outcome).toMatchObject({ kind: 'retry', error: expect.stringMatching(/no answer/) });
    expect(store.map.get(run().id)?.attempts).toBe(1);
  });
});

describe('UploadQueue.flush', () => {
  it('resends the identical body with the same id until stored, then empties the queue', async () => {
    const { store, calls, clock, queue } = setup(
      new TypeError('Failed to fetch'),
      json(503, {}),
      accepted(200),
    );
    const record = run();
    await queue.submit(record, ENDPOINT);
    // Not due yet: a plain flush skips it, a forced one (page load, `online`) sends it.
    expect((await queue.flush()).attempted).toEqual([]);
    const second = await queue.flush({ force: true });
    expect(second.attempted[0]?.outcome.kind).toBe('retry');
    expect(second.remaining).toBe(1);
    expect(store.map.get(record.id)?.attempts).toBe(2);
    expect(second.nextAttemptAt).toBe(clock.now + 30_000);
    clock.now += 30_000;
    const third = await queue.flush();
    expect(third.attempted).toEqual([
      {
        id: record.id,
        outcome: {
          kind: 'stored',
          status: 200,
          id: record.id,
          url: `https://atlas.example.org/runs/${record.id}`,
        },
      },
    ]);
    expect(third.remaining).toBe(0);
    expect(store.map.size).toBe(0);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    expect(new Set(calls.map((c) => c.url))).toEqual(new Set([ENDPOINT]));
  });

  it('sends each queued record to the server it was queued for', async () => {
    const a = run('11111111-1111-4111-8111-111111111111');
    const b = run('22222222-2222-4222-8222-222222222222');
    const { calls, store, queue } = setup(new TypeError('offline'), new TypeError('offline'), (body) =>
      accepted(201, (JSON.parse(body) as Run).id),
    );
    await queue.submit(a, ENDPOINT);
    await queue.submit(b, 'https://other.example/api/runs');
    const report = await queue.flush({ force: true });
    expect(report.attempted.map((x) => x.outcome.kind)).toEqual(['stored', 'stored']);
    expect(calls.slice(2).map((c) => c.url)).toEqual([ENDPOINT, 'https://other.example/api/runs']);
    expect(store.map.size).toBe(0);
  });

  it('drops a record the server refuses for good and keeps the others', async () => {
    const a = run('11111111-1111-4111-8111-111111111111');
    const b = run('22222222-2222-4222-8222-222222222222');
    const { store, queue } = setup(
      new TypeError('offline'),
      new TypeError('offline'),
      json(409, { error: 'conflict' }),
      json(500, {}),
    );
    await queue.submit(a, ENDPOINT);
    await queue.submit(b, ENDPOINT);
    const report = await queue.flush({ force: true });
    expect(report.attempted.map((x) => [x.id, x.outcome.kind])).toEqual([
      [a.id, 'permanent'],
      [b.id, 'retry'],
    ]);
    expect([...store.map.keys()]).toEqual([b.id]);
    expect(store.map.get(b.id)?.attempts).toBe(2);
  });

  it('re-submitting a queued record reuses its stored body and server', async () => {
    const { calls, queue } = setup(new TypeError('offline'), accepted(201));
    const record = run();
    await queue.submit(record, ENDPOINT);
    const changed = { ...record, createdAt: '2030-01-01T00:00:00.000Z' };
    await queue.submit(changed, 'https://elsewhere.example/api/runs');
    expect(calls.map((c) => c.url)).toEqual([ENDPOINT, ENDPOINT]);
    expect(calls[1]?.body).toBe(calls[0]?.body);
  });

  it('never sends the same id twice at once, and concurrent flushes run one after another', async () => {
    let release: (r: Response) => void = () => {};
    const calls: string[] = [];
    const store = new MemoryStore();
    const fetch: FetchLike = (url) => {
      calls.push(url);
      return calls.length === 1
        ? Promise.reject(new TypeError('offline'))
        : new Promise<Response>((resolve) => {
            release = resolve;
          });
    };
    const queue = new UploadQueue({ fetch, store, now: () => 0, random: () => 0.5 });
    await queue.submit(run(), ENDPOINT);
    const first = queue.flush({ force: true });
    expect(queue.flush()).toBe(first); // not started yet: joins it
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2); // the first pass is sending
    const second = queue.flush({ force: true });
    const third = queue.flush();
    expect(third).toBe(second);
    const submitted = queue.submit(run(), ENDPOINT);
    await new Promise((r) => setTimeout(r, 10));
    release(accepted(201));
    expect(await submitted).toMatchObject({ outcome: { kind: 'stored' } });
    expect((await first).remaining).toBe(0);
    expect((await second).attempted).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('reports an unreadable store as empty instead of throwing', async () => {
    const { store, queue } = setup(accepted(201));
    store.broken = true;
    expect(await queue.flush({ force: true })).toEqual({ attempted: [], remaining: 0 });
  });
});

describe('autoUploadDefault and pendingText', () => {
  const base = {
    consent: false,
    choice: null,
    source: 'origin',
    sameOrigin: true,
    automation: false,
  } as const;
  it('follows consent until the user sets the toggle', () => {
    expect(autoUploadDefault(base)).toBe(false);
    expect(autoUploadDefault({ ...base, consent: true })).toBe(true);
    expect(autoUploadDefault({ ...base, consent: true, choice: '0' })).toBe(false);
    expect(autoUploadDefault({ ...base, choice: '1' })).toBe(true);
    expect(autoUploadDefault({ ...base, consent: true, source: 'build', sameOrigin: false })).toBe(true);
  });

  it('never uploads by itself for automation or to a server a link chose', () => {
    expect(autoUploadDefault({ ...base, consent: true, automation: true })).toBe(false);
    expect(
      autoUploadDefault({ ...base, consent: true, choice: '1', source: 'param', sameOrigin: false }),
    ).toBe(false);
    expect(autoUploadDefault({ ...base, consent: true, source: 'param', sameOrigin: true })).toBe(true);
  });

  it('counts results', () => {
    expect(pendingText(1)).toBe('1 result waiting to upload');
    expect(pendingText(3)).toBe('3 results waiting to upload');
  });
});
