/**
 * `GET /api/compare` and `GET /api/scores` on real SQLite and PostgreSQL stores: an empty store
 * (404, 400, no version), a store of one run (no other group: a null percentile with a reason),
 * a store of many (the percentile, the nearest groups, what it rests on, the fastest on similar
 * devices, emulated and unscored runs kept out), and the server's own score winning over a
 * forged one. Scores come from the phone suite's reference file, read, never copied.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { compareRun } from '../../server/store/compare.ts';
import type { Store } from '../../server/store/database.ts';
import type { Comparison, RunList, ScoreGroups } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { buildRun, type CaseSpec, okCase } from '../support/records.ts';
import { PHONE, PHONE_REFERENCE, runtimeOf, scoredRun } from '../support/score-records.ts';
import { storeKinds } from '../support/stores.ts';

const VERSION = PHONE_REFERENCE.version;
const MODELS = Object.keys(PHONE_REFERENCE.medians.cpu);
/** A model every scored run has, and its reference CPU median. */
const MOVENET = 'movenet-lightning';
const MOVENET_MS = PHONE_REFERENCE.medians.cpu[MOVENET] as number;
const PPOCR = 'ppocr-det';
const PPOCR_MS = PHONE_REFERENCE.medians.cpu[PPOCR] as number;

/** A run of score `score` in each class given (100 / factor). */
const at = (score: number) => 100 / score;

describe.each(storeKinds())('comparison API on $name', (kind) => {
  let app: FastifyInstance | undefined;
  let dispose: (() => Promise<void>) | undefined;

  async function open(): Promise<{ app: FastifyInstance; store: Store }> {
    const opened = await kind.open();
    dispose = opened.dispose;
    app = await buildApp({
      store: opened.store,
      rateLimit: { max: 0, windowMs: 60_000 },
      ipHashSalt: 'test-salt',
    });
    return { app, store: opened.store };
  }
  afterEach(async () => {
    await app?.close();
    await dispose?.();
    app = undefined;
    dispose = undefined;
  });

  async function post(target: FastifyInstance, run: Run): Promise<void> {
    const res = await target.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(run),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const compare = async (target: FastifyInstance, id: string) => {
    const res = await target.inject({ method: 'GET', url: `/api/compare?run=${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Comparison;
  };

  it('on an empty store: 404 for an unknown run, 400 for a bad id, no score version', async () => {
    const { app } = await open();
    const unknown = await app.inject({ method: 'GET', url: `/api/compare?run=${crypto.randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: expect.stringContaining('no run with id') });
    for (const url of ['/api/compare?run=not-an-id', '/api/compare', '/api/compare?run=']) {
      const bad = await app.inject({ method: 'GET', url });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().error).toEqual(expect.any(String));
    }
    const scores = await app.inject({ method: 'GET', url: '/api/scores' });
    expect(scores.json()).toEqual({ version: null, groups: [] } satisfies ScoreGroups);
  });

  it('with one run: its score and group, no percentile (with the reason), nothing similar', async () => {
    const { app } = await open();
    const run = scoredRun('Pixel 7', { cpu: at(200) }, { gpuVendor: 'qualcomm' });
    await post(app, run);
    const c = await compare(app, run.id);
    expect(c).toMatchObject({
      run: run.id,
      deviceGroup: 'Pixel 7 · Android',
      emulated: false,
      version: VERSION,
    });
    expect(c.classes.cpu).toEqual({
      score: 200,
      group: { deviceGroup: 'Pixel 7 · Android', score: 200, runs: 1 },
      percentile: null,
      percentileNote: expect.stringContaining('no other device group'),
      otherGroups: 0,
      above: null,
      below: null,
      basis: { runs: 1, groups: 1, devices: 1 },
    });
    expect(c.classes.gpu).toBeUndefined();
    expect(c.missing.gpu).toMatch(/no GPU score/);
    expect(c.similar).toEqual({
      os: 'Android',
      gpuVendor: 'qualcomm',
      label: 'Android · Qualcomm',
      runs: 0,
      newest: 0,
    });
    expect(c.models.map((m) => m.model)).toEqual(MODELS);
    for (const m of c.models) {
      expect(m.similar).toBeNull();
      expect(m.here?.medianMs).toBeCloseTo((PHONE_REFERENCE.medians.cpu[m.model] as number) / 2);
      expect(m.here?.runtime).toBe(runtimeOf(m.model));
    }
    const scores = (await app.inject({ method: 'GET', url: '/api/scores' })).json() as ScoreGroups;
    expect(scores).toEqual({
      version: VERSION,
      groups: [
        { deviceGroup: 'Pixel 7 · Android', emulated: false, cpu: { score: 200, runs: 1 }, gpu: null },
      ],
    });
  });

  it('with many runs: percentile, nearest groups, counts, and the fastest on similar devices', async () => {
    const { app } = await open();
    const movenet = (runtime: string, backend: string, factor: number, extra: Partial<CaseSpec> = {}) => ({
      model: MOVENET,
      runtime,
      backend,
      medianMs: MOVENET_MS * factor,
      ...extra,
    });
    // This run: Pixel 7, CPU 125, GPU 50, and a very fast movenet case of its own (not "similar"; on
    // WebNN, outside both score classes).
    const mine = scoredRun(
      'Pixel 7',
      { cpu: at(125), gpu: at(50) },
      {
        gpuVendor: 'qualcomm',
        extra: [movenet('tfjs', 'webnn', 0.05)],
      },
    );
    const galaxy = [80, 90, 100].map((s, i) =>
      scoredRun(
        'Galaxy S21',
        { cpu: at(s) },
        {
          gpuVendor: 'qualcomm',
          // The fastest on similar devices: tfjs webgpu, median of 0.1, 0.2, 0.3 × the reference.
          extra: [movenet('tfjs', 'webgpu', 0.1 * (i + 1))],
        },
      ),
    );
    // Faster, but wrong or hidden: never the fastest.
    const wrong = galaxy[0] as Run;
    wrong.cases.push(
      {
        ...okCase(MOVENET, 'ort', 'webgpu', MOVENET_MS * 0.01),
        status: 'wrong',
        check: { ok: false, metric: 'maxAbsDiff', value: 1, tolerance: 1e-3 },
      },
      { ...okCase(MOVENET, 'litert', 'webgpu', MOVENET_MS * 0.01), visibilityLost: true },
    );
    const runs: Run[] = [
      mine,
      scoredRun('Pixel 7', { cpu: at(135) }, { gpuVendor: 'qualcomm' }),
      ...galaxy,
      // Not similar (ARM GPU): its faster movenet case (on WebNN, outside both score classes) is not counted.
      ...[150, 160].map((s, i) => {
        const r = scoredRun(
          'Pixel 8',
          { cpu: at(s), gpu: at(100) },
          {
            gpuVendor: 'arm',
            extra: [movenet('ort', 'webnn', 0.01)],
          },
        );
        return { ...r, env: { ...r.env, hardwareConcurrency: 4 + i } };
      }),
      scoredRun('Moto G', { cpu: at(50) }),
      scoredRun('Xiaomi 13', { cpu: at(120) }, { gpuVendor: 'qualcomm' }),
      // Emulated runs and unscored suites are not compared.
      { ...scoredRun('Pixel 7', { cpu: at(1000) }), emulation: { device: 'Pixel 7' } },
      buildRun('Pixel 7', [{ model: PPOCR, runtime: 'ort', backend: 'wasm', medianMs: 1 }]),
    ];
    for (const run of runs) await post(app, run);

    const c = await compare(app, mine.id);
    expect(c.classes.cpu).toEqual({
      score: 125,
      group: { deviceGroup: 'Pixel 7 · Android', score: 130, runs: 2 },
      // Below 125: Galaxy S21 (90), Moto G (50), Xiaomi 13 (120); above: Pixel 8 (155).
      percentile: 75,
      otherGroups: 4,
      above: { deviceGroup: 'Pixel 8 · Android', score: 155, runs: 2 },
      below: { deviceGroup: 'Xiaomi 13 · Android', score: 120, runs: 1 },
      // Two Pixel 8 runs with different core counts are two devices.
      basis: { runs: 9, groups: 5, devices: 6 },
    });
    expect(c.classes.gpu).toMatchObject({
      score: 50,
      percentile: 0,
      otherGroups: 1,
      above: { deviceGroup: 'Pixel 8 · Android', score: 100, runs: 2 },
      below: null,
      basis: { runs: 3, groups: 2, devices: 3 },
    });
    // Similar: the other Pixel 7, three Galaxy S21 and the Xiaomi 13 (Android, Qualcomm, real).
    expect(c.similar).toMatchObject({ label: 'Android · Qualcomm', runs: 5, newest: 5 });
    const byModel = new Map(c.models.map((m) => [m.model, m]));
    const mv = byModel.get(MOVENET);
    expect(mv?.here).toMatchObject({ runtime: 'tfjs', backend: 'webnn', label: 'tfjs · webnn' });
    expect(mv?.here?.medianMs).toBeCloseTo(MOVENET_MS * 0.05);
    expect(mv?.similar).toMatchObject({ runtime: 'tfjs', backend: 'webgpu', runs: 3 });
    expect(mv?.similar?.medianMs).toBeCloseTo(MOVENET_MS * 0.2);
    // ppocr-det on similar devices: CPU factors 1/1.35, 1/1.2, 1, 1/0.9, 1.25 → median 1.
    expect(byModel.get(PPOCR)?.similar).toMatchObject({
      runtime: runtimeOf(PPOCR),
      backend: 'wasm',
      runs: 5,
    });
    expect(byModel.get(PPOCR)?.similar?.medianMs).toBeCloseTo(PPOCR_MS);

    // The emulated run is compared with emulated runs only.
    const emulated = runs.at(-2) as Run;
    const e = await compare(app, emulated.id);
    expect(e.emulated).toBe(true);
    expect(e.classes.cpu).toMatchObject({ score: 1000, percentile: null, basis: { runs: 1, groups: 1 } });

    // The dashboard's table: one line per group, real and emulated, highest CPU score first.
    const scores = (await app.inject({ method: 'GET', url: '/api/scores' })).json() as ScoreGroups;
    expect(scores.version).toBe(VERSION);
    expect(scores.groups.map((g) => [g.deviceGroup, g.emulated, g.cpu?.score, g.gpu?.score ?? null])).toEqual(
      [
        ['emulated Pixel 7', true, 1000, null],
        ['Pixel 8 · Android', false, 155, 100],
        ['Pixel 7 · Android', false, 130, 50],
        ['Xiaomi 13 · Android', false, 120, null],
        ['Galaxy S21 · Android', false, 90, null],
        ['Moto G · Android', false, 50, null],
      ],
    );
  });

  it('takes the fastest on similar devices over the newest runs of them only', async () => {
    const { app, store } = await open();
    const mine = scoredRun('Pixel 7', { cpu: 1 }, { gpuVendor: 'qualcomm' });
    await post(app, mine);
    // Three similar runs, oldest first, their movenet ever faster.
    for (const factor of [1, 0.5, 0.25]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await post(app, scoredRun('Galaxy S21', { cpu: factor }, { gpuVendor: 'qualcomm' }));
    }
    const all = (await compareRun(store, mine.id))?.models.find((m) => m.model === MOVENET);
    expect(all?.similar?.runs).toBe(3);
    expect(all?.similar?.medianMs).toBeCloseTo(MOVENET_MS * 0.5);
    const newest = (await compareRun(store, mine.id, { similarRuns: 2 }))?.models.find(
      (m) => m.model === MOVENET,
    );
    expect(newest?.similar?.runs).toBe(2);
    expect((await compareRun(store, mine.id, { similarRuns: 2 }))?.similar).toMatchObject({
      runs: 3,
      newest: 2,
    });
    expect(newest?.similar?.medianMs).toBeCloseTo(MOVENET_MS * 0.375);
  });

  it('stores the score it computes from the cases, never the one the client sent', async () => {
    const { app, store } = await open();
    const forged = scoredRun('Pixel 7', { cpu: at(50) });
    forged.score = {
      version: VERSION,
      cpu: { value: 99_999, models: MODELS.length },
      gpu: { value: 99_999, models: MODELS.length },
    };
    const unscored = buildRun('Pixel 7', [{ model: PPOCR, runtime: 'ort', backend: 'wasm', medianMs: 1 }]);
    unscored.score = { version: VERSION, cpu: { value: 99_999, models: 1 } };
    await post(app, forged);
    await post(app, unscored);
    const rows = await store.db
      .selectFrom('runs')
      .select(['id', 'score_version', 'score_cpu', 'score_gpu'])
      .orderBy('id')
      .execute();
    expect(new Map(rows.map((r) => [r.id, [r.score_version, r.score_cpu, r.score_gpu]]))).toEqual(
      new Map([
        [forged.id, [VERSION, 50, null]],
        [unscored.id, [null, null, null]],
      ]),
    );
    const c = await compare(app, forged.id);
    expect(c.classes.cpu?.score).toBe(50);
    expect(c.classes.gpu).toBeUndefined();
    const u = await compare(app, unscored.id);
    expect(u).toMatchObject({ version: null, classes: {} });
    expect(u.missing.cpu).toMatch(/quick suite/);
    const list = (await app.inject({ method: 'GET', url: '/api/runs' })).json() as RunList;
    const listed = new Map(list.runs.map((r) => [r.id, r.score]));
    expect(listed.get(forged.id)).toEqual({ version: VERSION, cpu: 50, gpu: null });
    expect(listed.get(unscored.id)).toBeUndefined();
    expect(PHONE.id).toBe('phone');
  });
});
