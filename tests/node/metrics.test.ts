/**
 * `/metrics` against a real store: after N posts the counters, histogram and gauges say N; the
 * text is Prometheus's; without METRICS_TOKEN only this machine may read it, with one only a
 * scraper that sends it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import { makeRun } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(storeKinds())('/metrics on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  const post = (payload: string, remoteAddress = '198.51.100.1') =>
    app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { 'content-type': 'application/json' },
      payload,
      remoteAddress,
    });
  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    return res;
  };

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 4, windowMs: 60_000 }, ipHashSalt: 's' });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('counts posts by status, times them, and says what is stored', async () => {
    const before = (await scrape()).body;
    const runsBefore = sample(before, 'atlas_runs_stored') ?? Number.NaN;
    const casesBefore = sample(before, 'atlas_cases_stored') ?? Number.NaN;
    const runs = [makeRun({}, 3), makeRun({}, 2)];
    for (const run of runs) expect((await post(JSON.stringify(run))).statusCode).toBe(201);
    expect((await post(JSON.stringify(runs[0]))).statusCode).toBe(200);
    expect((await post('{"schema":')).statusCode).toBe(400);
    expect((await post(JSON.stringify(makeRun()))).statusCode).toBe(429);

    const res = await scrape();
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(sample(text, 'atlas_ingest_posts_total{status="201"}')).toBe(2);
    expect(sample(text, 'atlas_ingest_posts_total{status="200"}')).toBe(1);
    expect(sample(text, 'atlas_ingest_posts_total{status="400"}')).toBe(1);
    expect(sample(text, 'atlas_ingest_posts_total{status="429"}')).toBe(1);
    expect(sample(text, 'atlas_ingest_duration_seconds_count')).toBe(5);
    expect(sample(text, 'atlas_ingest_duration_seconds_bucket{le="+Inf"}')).toBe(5);
    expect(sample(text, 'atlas_runs_stored')).toBe(runsBefore + 2);
    expect(sample(text, 'atlas_cases_stored')).toBe(casesBefore + 5);
    const age = sample(text, 'atlas_summary_age_seconds') ?? -1;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE atlas_ingest_duration_seconds histogram');
    // Scrapes and other requests are not posts.
    await app.inject({ method: 'GET', url: '/api/summary' });
    expect(sample((await scrape()).body, 'atlas_ingest_duration_seconds_count')).toBe(5);
  });

  it('without METRICS_TOKEN answers only this machine, not through a proxy', async () => {
    const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers }).then((r) => r.statusCode);
    expect(await from('127.0.0.1')).toBe(200);
    expect(await from('::1')).toBe(200);
    expect(await from('203.0.113.9')).toBe(403);
    expect(await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
  });

  it('with METRICS_TOKEN answers the bearer of it, from anywhere, and nobody else', async () => {
    const token = 'a-long-scrape-token-0123456789';
    const guarded = await buildApp({
      store,
      rateLimit: { max: 0, windowMs: 60_000 },
      ipHashSalt: 's',
      metricsToken: token,
    });
    const from = (authorization?: string) =>
      guarded
        .inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: authorization ? { authorization } : {},
        })
        .then((r) => r.statusCode);
    try {
      expect(await from()).toBe(401);
      expect(await from(`Bearer ${token}x`)).toBe(401);
      expect(await from(token)).toBe(401);
      expect(await from(`Bearer ${token}`)).toBe(200);
    } finally {
      // Let its summary finish loading before the store it reads from goes away.
      await guarded.inject({ method: 'GET', url: '/api/summary' });
      await guarded.close();
    }
  });
});
