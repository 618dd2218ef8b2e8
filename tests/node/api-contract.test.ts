/**
 * Every row of the HTTP API contract (CONTRACT.md section 4), against a real SQLite store and,
 * when DATABASE_URL points at one, a real PostgreSQL store.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Store } from '../../server/store/database.ts';
import type { RunList, Summary } from '../../src/schema/api.ts';
import { HOST_DEVICE, type Run } from '../../src/schema/run.ts';
import { makeRun, okCase } from '../support/records.ts';
import { POSTGRES_SKIP_REASON, storeKinds } from '../support/stores.ts';

const json = { 'content-type': 'application/json' };

it.skipIf(!POSTGRES_SKIP_REASON)(`PostgreSQL pass: ${POSTGRES_SKIP_REASON ?? 'runs'}`, () => {
  expect(POSTGRES_SKIP_REASON).toContain('DATABASE_URL');
});

describe.each(storeKinds())('HTTP API on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  const post = (body: unknown, extra: Partial<InjectOptions> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: json,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      ...extra,
    });
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'test-salt' });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  describe('POST /api/runs', () => {
    it('stores a valid run before answering 201 {id, url, deleteToken}, and GET returns it as validated', async () => {
      const run = makeRun();
      const raw = JSON.stringify(run);
      const res = await post(raw);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: run.id, url: `/runs/${run.id}`, deleteToken: expect.any(String) });
      const row = await store.db
        .selectFrom('runs')
        .select(['id', 'case_count'])
        .where('id', '=', run.id)
        .executeTakeFirst();
      expect(row).toEqual({ id: run.id, case_count: 20 });
      const back = await get(`/api/runs/${run.id}`);
      expect(back.statusCode).toBe(200);
      // The page posts the schema's output as JSON.stringify writes it: stored byte for byte.
      expect(back.body).toBe(raw);
    });

    it('stores the validated record, not the text as sent (padding, duplicate keys)', async () => {
      const run = makeRun();
      // JSON.parse keeps the last of duplicate keys: the first would ride along unvalidated.
      const raw = JSON.stringify(run, null, 8).replace(
        '"app": {',
        '"app": { "version": "<img src=x onerror=alert(1)>", "hidden": "smuggled" }, "app": {',
      );
      expect(JSON.parse(raw)).toEqual(run);
      expect((await post(raw)).statusCode).toBe(201);
      const back = await get(`/api/runs/${run.id}`);
      expect(back.body).toBe(JSON.stringify(run));
      expect(back.body).not.toMatch(/smuggled|onerror/);
      // The same text again is a repeat (200), and so is the same record sent compactly.
      expect((await post(raw)).statusCode).toBe(200);
      expect((await post(JSON.stringify(run))).statusCode).toBe(200);
    });

    it('answers 400 with the paths of members the schema does not know, at any depth', async () => {
      const run = makeRun() as unknown as Record<string, unknown>;
      const [first, ...rest] = run.cases as Record<string, unknown>[];
      const extra = {
        ...run,
        isAdmin: true,
        env: {
          ...(run.env as object),
          features: { ...(run.env as { features: object }).features, webgpu2: true },
        },
        cases: [{ ...first, timings: { ...(first?.timings as object), extraMs: 1 } }, ...rest],
      };
      const res = await post(extra);
      expect(res.statusCode).toBe(400);
      expect((res.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
        'cases.0.timings.extraMs',
        'env.features.webgpu2',
        'isAdmin',
      ]);
      expect((await get(`/api/runs/${run.id as string}`)).statusCode).toBe(404);
    });

    it('answers 400 to __proto__, constructor and prototype keys, top-level and nested', async () => {
      const run = makeRun({ settings: { runs: 5 } });
      // JSON text, so JSON.parse makes each one an own property (an object literal would not).
      const raw = JSON.stringify(run)
        .replace('{"schema"', '{"__proto__":{"polluted":true},"schema"')
        .replace('"env":{', '"env":{"constructor":{"prototype":{"polluted":true}},')
        .replace('"settings":{', '"settings":{"nested":{"__proto__":{"polluted":true}},');
      const res = await post(raw);
      expect(res.statusCode).toBe(400);
      const paths = (res.json() as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['__proto__', 'env.constructor']));
      expect(paths).toContain('settings.nested.__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await get(`/api/runs/${run.id}`)).statusCode).toBe(404);
    });

    it('answers 200 to the same run again, storing it once', async () => {
      const run = makeRun();
      expect((await post(run)).statusCode).toBe(201);
      const again = await post(run);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ id: run.id, url: `/runs/${run.id}` });
      const cases = await store.db.selectFrom('cases').select('idx').where('run_id', '=', run.id).execute();
      expect(cases).toHaveLength(20);
    });

    it('answers 409 to a different body under a stored id, keeping the stored one', async () => {
      const run = makeRun();
      const raw = JSON.stringify(run);
      expect((await post(raw)).statusCode).toBe(201);
      const other = await post({ ...run, source: 'automation' });
      expect(other.statusCode).toBe(409);
      expect(other.json().error).toContain(run.id);
      expect((await get(`/api/runs/${run.id}`)).body).toBe(raw);
    });

    it('answers 400 with the path of every problem', async () => {
      const run = makeRun() as unknown as Record<string, unknown>;
      const bad = { ...run, id: 'not-a-uuid', cases: [{ ...(run.cases as object[])[0], status: 'fine' }] };
      const res = await post(bad);
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: string; issues: { path: string; message: string }[] };
      expect(body.error).toMatch(/atlas\.run\/1/);
      expect(body.issues.map((i) => i.path).sort()).toEqual(['cases.0.status', 'id']);
      expect(await store.db.selectFrom('runs').select('id').where('id', '=', 'not-a-uuid').execute()).toEqual(
        [],
      );
    });

    it('answers 400 to a body that is not valid JSON, and to nesting deeper than 16 levels', async () => {
      expect((await post('{"schema": "atlas.run/1",')).statusCode).toBe(400);
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const res = await post(deep);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatch(/nests deeper/);
    });

    it('answers 413 to a body over 2 MB', async () => {
      const run = makeRun({ app: { version: 'x'.repeat(2 * 1024 * 1024) } });
      expect((await post(run)).statusCode).toBe(413);
    });

    it('answers 415 to a body that is not JSON', async () => {
      const run = JSON.stringify(makeRun());
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/runs',
            headers: { 'content-type': 'text/plain' },
            payload: run,
          })
        ).statusCode,
      ).toBe(415);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/runs',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'a=1',
          })
        ).statusCode,
      ).toBe(415);
    });

    it('is open to pages on other origins (CORS for GET and POST)', async () => {
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/runs',
        headers: {
          origin: 'https://elsewhere.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.statusCode).toBeLessThan(300);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      const read = await app.inject({
        method: 'GET',
        url: '/api/summary',
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(read.headers['access-control-allow-origin']).toBe('*');
    });
  });

  describe('rate limit and privacy', () => {
    let limited: FastifyInstance;
    beforeAll(async () => {
      limited = await buildApp({ store, rateLimit: { max: 3, windowMs: 60_000 }, ipHashSalt: 'salt' });
    });
    afterAll(() => limited.close());
    const from = (ip: string, run: Run) =>
      limited.inject({
        method: 'POST',
        url: '/api/runs',
        headers: json,
        payload: JSON.stringify(run),
        remoteAddress: ip,
      });

    it('answers 429 past the per-client limit, without limiting other clients', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await from('203.0.113.7', makeRun())).statusCode);
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect((await from('198.51.100.9', makeRun())).statusCode).toBe(201);
    });

    it('believes no X-Forwarded-For by default: a forged address per post gets no new bucket', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/runs',
          headers: { ...json, 'x-forwarded-for': `192.0.2.${i + 1}` },
          payload: JSON.stringify(makeRun()),
          remoteAddress: '203.0.113.50',
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
    });

    it('with TRUST_PROXY naming the proxy, its forwarded clients get a bucket each, others none', async () => {
      const behind = await buildApp({
        store,
        rateLimit: { max: 1, windowMs: 60_000 },
        ipHashSalt: 'salt',
        trustProxy: ['10.1.1.1'],
      });
      const post = (remoteAddress: string, forwardedFor: string) =>
        behind
          .inject({
            method: 'POST',
            url: '/api/runs',
            headers: { ...json, 'x-forwarded-for': forwardedFor },
            payload: JSON.stringify(makeRun()),
            remoteAddress,
          })
          .then((res) => res.statusCode);
      try {
        expect(await post('10.1.1.1', '192.0.2.10')).toBe(201);
        expect(await post('10.1.1.1', '192.0.2.11')).toBe(201);
        expect(await post('10.1.1.1', '192.0.2.10')).toBe(429);
        // Not the proxy: its header is ignored, so it is one client whatever it claims.
        expect(await post('203.0.113.60', '192.0.2.12')).toBe(201);
        expect(await post('203.0.113.60', '192.0.2.13')).toBe(429);
      } finally {
        // Let its summary finish loading before the store it reads from goes away.
        await behind.inject({ method: 'GET', url: '/api/summary' });
        await behind.close();
      }
    });

    it('stores no client address anywhere', async () => {
      const rows = await store.db.selectFrom('runs').selectAll().execute();
      expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113\.7|198\.51\.100\.9/);
    });
  });

  describe('GET /api/runs and /api/runs/:id', () => {
    it('answers 404 for an unknown id', async () => {
      expect((await get('/api/runs/2b1f0000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });

    it('pages newest first through every run exactly once', async () => {
      for (let i = 0; i < 5; i++) expect((await post(makeRun({}, 2))).statusCode).toBe(201);
      const seen: string[] = [];
      let cursor: string | null = null;
      let received: string[] = [];
      do {
        const res = await get(`/api/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json() as RunList;
        seen.push(...page.runs.map((r) => r.id));
        received.push(...page.runs.map((r) => r.receivedAt));
        cursor = page.nextCursor;
      } while (cursor);
      const total = await store.db.selectFrom('runs').select('id').execute();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(total.map((r) => r.id).sort());
      expect([...received].sort().reverse()).toEqual(received);
    });

    it('filters by model, runtime, backend and device', async () => {
      const special = makeRun({ cases: [okCase('only-here', 'tfjs', 'webgl', 5)] });
      special.env = {
        ...special.env,
        uaData: {
          brands: [{ brand: 'Google Chrome', version: '156' }],
          mobile: true,
          platform: 'Android',
          model: 'Galaxy S24',
        },
      };
      expect((await post(special)).statusCode).toBe(201);
      const byModel = (await get('/api/runs?model=only-here')).json() as RunList;
      expect(byModel.runs.map((r) => r.id)).toEqual([special.id]);
      expect(((await get('/api/runs?model=only-here&backend=wasm')).json() as RunList).runs).toEqual([]);
      expect(
        ((await get('/api/runs?model=only-here&runtime=tfjs&backend=webgl')).json() as RunList).runs,
      ).toHaveLength(1);
      const byDevice = (await get('/api/runs?device=Galaxy%20S24')).json() as RunList;
      expect(byDevice.runs.map((r) => r.id)).toEqual([special.id]);
      expect(byDevice.runs[0]?.device).toMatchObject({
        deviceModel: 'Galaxy S24',
        os: 'Android',
        mobile: true,
        browser: 'Chrome',
        emulated: false,
      });
    });

    it('answers 400 to a bad limit or cursor', async () => {
      expect((await get('/api/runs?limit=0')).statusCode).toBe(400);
      expect((await get('/api/runs?limit=abc')).statusCode).toBe(400);
      expect((await get('/api/runs?cursor=nonsense')).statusCode).toBe(400);
    });
  });

  describe('GET /api/summary', () => {
    it('gives each runtime/backend its median of run medians, the best, and ratios to it; emulated runs apart', async () => {
      const device = {
        uaData: {
          brands: [{ brand: 'Google Chrome', version: '156' }],
          mobile: true,
          platform: 'Android',
          model: 'Summary Phone',
        },
      };
      const run = (ortMs: number, tfjsMs: number, emulated = false) => {
        const r = makeRun({
          cases: [
            okCase('sum-model', 'ort', 'wasm', ortMs, { threads: 1 }),
            okCase('sum-model', 'tfjs', 'webgl', tfjsMs),
          ],
        });
        r.env = { ...r.env, ...device };
        if (emulated) r.emulation = { device: 'Pixel 7' };
        return r;
      };
      for (const r of [run(10, 30), run(12, 20), run(14, 40), run(1, 1, true)])
        expect((await post(r)).statusCode).toBe(201);
      const summary = (await get('/api/summary')).json() as Summary;
      const real = summary.groups.find((g) => g.model === 'sum-model' && !g.emulated);
      expect(real).toMatchObject({ deviceGroup: 'Summary Phone · Android', browser: 'Chrome', runs: 3 });
      expect(real?.entries.map((e) => [e.label, e.medianMs, e.runs, e.ratioToBest])).toEqual([
        ['ort · wasm (1 thread)', 12, 3, 1],
        ['tfjs · webgl', 30, 3, 2.5],
      ]);
      const emulated = summary.groups.find((g) => g.model === 'sum-model' && g.emulated);
      expect(emulated).toMatchObject({ deviceGroup: 'emulated Pixel 7', runs: 1 });
      expect(summary.totals.runs).toBeGreaterThanOrEqual(4);
      // All runs here share one user agent, core count, memory and GPU: one device.
      expect(summary.totals.devices).toBe(1);
    });

    it('keeps runs made under a host CPU quota out of the real device group', async () => {
      const r = makeRun({ cases: [okCase('quota-model', 'ort', 'wasm', 5)] });
      r.emulation = { device: HOST_DEVICE, cpuThrottle: 4 };
      expect((await post(r)).statusCode).toBe(201);
      const group = ((await get('/api/summary')).json() as Summary).groups.find(
        (g) => g.model === 'quota-model',
      );
      expect(group?.emulated).toBe(true);
      expect(group?.deviceGroup).toContain('CPU ÷4');
    });

    it('counts a run stored a moment ago (no stale cache after an ingest)', async () => {
      const before = ((await get('/api/summary')).json() as Summary).totals.runs;
      expect((await post(makeRun({}, 1))).statusCode).toBe(201);
      expect(((await get('/api/summary')).json() as Summary).totals.runs).toBe(before + 1);
    });
  });

  describe('exports and health', () => {
    it('streams every case as NDJSON with its run’s device fields', async () => {
      const res = await get('/api/export.ndjson');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/x-ndjson');
      const lines = res.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const cases = await store.db.selectFrom('cases').select('run_id').execute();
      expect(lines).toHaveLength(cases.length);
      expect(lines[0]).toHaveProperty('device_group');
      expect(lines[0]).toHaveProperty('median_ms');
    });

    it('streams every case as CSV, with spreadsheet formulas neutralised', async () => {
      const r = makeRun({
        cases: [
          { ...okCase('csv-model', 'ort', 'wasm', 3), status: 'error', error: '=HYPERLINK("http://x")' },
        ],
      });
      expect((await post(r)).statusCode).toBe(201);
      const res = await get('/api/export.csv');
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.trim().split('\n');
      expect(lines[0]?.split(',').slice(0, 3)).toEqual(['run_id', 'received_at', 'created_at']);
      const cases = await store.db.selectFrom('cases').select('run_id').execute();
      expect(lines).toHaveLength(cases.length + 1);
      expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    });

    it("stores a run with the model store's fields as sent and exports its cases", async () => {
      const base = okCase('store-model', 'ort', 'wasm', 4);
      const measured = {
        ...base,
        timings: base.timings && { ...base.timings, verifyMs: 2.5 },
        modelFiles: [{ path: 'x/model.onnx', bytes: 1234, source: 'cache' as const, verifyMs: 2.5 }],
      };
      const r = makeRun({ cases: [measured], modelCache: { state: 'ok' } });
      expect((await post(r)).statusCode).toBe(201);
      expect((await get(`/api/runs/${r.id}`)).json()).toEqual(r);
      const lines = (await get('/api/export.ndjson')).body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { run_id: string; model: string; load_ms: number });
      expect(lines.filter((l) => l.run_id === r.id).map((l) => [l.model, l.load_ms])).toEqual([
        ['store-model', 12],
      ]);
    });

    it('answers /healthz when the store answers', async () => {
      const res = await get('/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, store: kind.name });
    });
  });
});
