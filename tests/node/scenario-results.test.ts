/**
 * Scenario results through the server, on SQLite and (when DATABASE_URL points at one) PostgreSQL:
 * a run's `scenarios` become rows at ingest (with the run, once), `GET /api/scenarios` lists them
 * newest first, filtered and paged, and `GET /api/scenarios/summary` gives exact figures for
 * hand-built results (headline medians, the split and dynamic gains, interference flips).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import type { ScenarioList, ScenarioSummary, ScenarioSummaryGroup } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import type { ScenarioResult } from '../../src/schema/scenario.ts';
import { makeRun } from '../support/records.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  STEADY_LEVELS,
  splitResult,
  sustainedResult,
} from '../support/scenario-records.ts';
import { storeKinds } from '../support/stores.ts';

/** A run on a phone model of its own (so each test reads its own device group), with these scenarios. */
function runOn(model: string, scenarios: ScenarioResult[] | undefined, caseCount = 2): Run {
  const base = makeRun({}, caseCount);
  return {
    ...base,
    env: { ...base.env, uaData: { ...(base.env.uaData as NonNullable<Run['env']['uaData']>), model } },
    ...(scenarios ? { scenarios } : {}),
  };
}

describe.each(storeKinds())('scenario results on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  const post = (run: Run) =>
    app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(run),
    });
  const list = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/scenarios?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as ScenarioList;
  };
  const summary = async (device: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/scenarios/summary?device=${encodeURIComponent(device)}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as ScenarioSummary).groups;
  };
  const rowsOf = async (runId: string) =>
    store.db.selectFrom('scenario_results').select('idx').where('run_id', '=', runId).execute();

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'test-salt' });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('stores each scenario result at ingest and lists it with its run and device', async () => {
    const run = runOn('Pixel 11', [interferenceResult(FLIPPING_LEVELS), sustainedResult(1.1)]);
    expect((await post(run)).statusCode).toBe(201);
    const { results, nextCursor } = await list('device=Pixel%2011%20%C2%B7%20Android');
    expect(nextCursor).toBeNull();
    expect(results.map((r) => [r.scenario, r.status, r.runId])).toEqual([
      ['interference', 'ok', run.id],
      ['sustained', 'ok', run.id],
    ]);
    const [first] = results;
    expect(first).toMatchObject({
      url: `/runs/${run.id}`,
      createdAt: run.createdAt,
      deviceGroup: 'Pixel 11 · Android',
      browser: 'Chrome',
      emulated: false,
      version: '1',
      headline: { metric: 'wasmSlowdownAllCoresBusy', value: 2 },
    });
    expect(first?.result).toEqual(run.scenarios?.[0]);
    // The device model filters too, and so does the scenario id.
    expect((await list('device=Pixel%2011&scenario=sustained')).results.map((r) => r.scenario)).toEqual([
      'sustained',
    ]);
    expect((await list('device=Pixel%2011&scenario=split')).results).toEqual([]);
  });

  it('a repeated post stores nothing again; a run without scenarios stores none', async () => {
    const run = runOn('Pixel 12', [sustainedResult(1), sustainedResult(1.2)]);
    expect((await post(run)).statusCode).toBe(201);
    expect((await post(run)).statusCode).toBe(200);
    expect(await rowsOf(run.id)).toHaveLength(2);
    const bare = runOn('Pixel 12', undefined);
    expect((await post(bare)).statusCode).toBe(201);
    expect(await rowsOf(bare.id)).toEqual([]);
    expect((await list('device=Pixel%2012')).results).toHaveLength(2);
  });

  it('pages newest first with a cursor, each result once', async () => {
    const runs = [0, 1, 2].map(() => runOn('Pixel 13', [sustainedResult(1), sustainedResult(2)]));
    for (const run of runs) {
      expect((await post(run)).statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
    }
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = await list(`device=Pixel%2013&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.results.map((r) => `${r.runId}/${r.result.headline?.value}`));
      cursor = page.nextCursor ?? '';
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(runs.reverse().flatMap((r) => [`${r.id}/1`, `${r.id}/2`]));
  });

  it('rejects bad queries with 400 and the problems', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=x',
      'cursor=nonsense',
      `scenario=${'x'.repeat(201)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url: `/api/scenarios?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBeTruthy();
    }
    const res = await app.inject({ method: 'GET', url: `/api/scenarios/summary?device=${'x'.repeat(201)}` });
    expect(res.statusCode).toBe(400);
  });

  it('summarises per scenario × device group × browser with exact figures', async () => {
    const device = 'Pixel 14 · Android';
    const posts: Run[] = [
      runOn('Pixel 14', [
        splitResult({ 0: 100, 0.25: 80, 0.5: 90, 1: 120 }), // 1.25
        dynamicResult([
          [0.5, 'fixed', 20],
          [0.5, 'least-loaded', 10],
          [0.8, 'fixed', 40],
          [0.8, 'round-robin', 50],
          [0.8, 'least-loaded', 32], // 40 / 32 = 1.25
          [0.9, 'fixed', 100],
          [0.9, 'least-loaded', 10], // above 0.8: not read
        ]),
        interferenceResult(FLIPPING_LEVELS),
      ]),
      runOn('Pixel 14', [
        splitResult({ 0: 60, 0.5: 40, 1: 90 }), // 1.5
        dynamicResult([
          [0.8, 'fixed', 30],
          [0.8, 'shortest-expected', 40], // 0.75
        ]),
        interferenceResult(STEADY_LEVELS),
      ]),
      runOn('Pixel 14', [
        splitResult({ 0: 80, 0.5: 100, 1: 90 }), // 0.8
        // No load ≤ 0.8 with both fixed and another policy: no gain from this one.
        dynamicResult([
          [0.8, 'fixed', 30],
          [0.9, 'least-loaded', 20],
        ]),
        interferenceResult(FLIPPING_LEVELS),
      ]),
      // Left out of the summary: not ok, and lost visibility.
      runOn('Pixel 14', [
        { ...splitResult({ 0: 100, 0.5: 10 }), status: 'error', error: 'boom' },
        { ...splitResult({ 0: 100, 0.5: 10 }), status: 'excluded', visibilityLost: true },
        { ...splitResult({ 0: 100, 0.5: 10 }), visibilityLost: true },
      ]),
    ];
    for (const run of posts) {
      expect((await post(run)).statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
    }
    const groups = await summary(device);
    const byScenario = Object.fromEntries(groups.map((g) => [g.scenario, g])) as Record<
      string,
      ScenarioSummaryGroup
    >;
    expect(groups.map((g) => [g.scenario, g.deviceGroup, g.browser, g.emulated, g.count])).toEqual([
      ['dynamic', device, 'Chrome', false, 3],
      ['interference', device, 'Chrome', false, 3],
      ['split', device, 'Chrome', false, 3],
    ]);
    const split = byScenario.split as ScenarioSummaryGroup;
    expect(split.headline).toMatchObject({ metric: 'bestSplitGain', median: 1.25, n: 3 });
    expect(split.headline?.latest.value).toBeCloseTo(0.8, 12);
    expect(split.gain?.median).toBe(1.25);
    expect(split.gain?.n).toBe(3);
    expect(split.gain?.latest.gain).toBeCloseTo(0.8, 12);
    expect(split.gain?.latest.detail).toBe('best split at ratio 0.5 vs the best single backend');

    const dynamic = byScenario.dynamic as ScenarioSummaryGroup;
    expect(dynamic.gain).toEqual({
      median: (1.25 + 0.75) / 2,
      n: 2,
      latest: { gain: 0.75, detail: 'shortest-expected vs fixed, p99 at load 0.8' },
    });

    const interference = byScenario.interference as ScenarioSummaryGroup;
    expect(interference.flips).toEqual({
      results: 3,
      flipped: 2,
      levels: [
        {
          level: '2 busy CPU workers',
          busyWorkers: 2,
          gpuLoad: false,
          from: 'wasm',
          to: 'webgpu',
          count: 2,
        },
      ],
    });
    expect(interference.headline).toMatchObject({ metric: 'wasmSlowdownAllCoresBusy', median: 2, n: 3 });
    expect(interference.gain).toBeUndefined();
  });

  it('answers an empty summary when nothing matches', async () => {
    expect(await summary('no such device')).toEqual([]);
  });
});
