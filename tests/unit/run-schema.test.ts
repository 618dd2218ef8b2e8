import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  RUN_SCHEMA_ID,
  runSchema,
  validatePostedRun,
  validateRun,
} from '../../src/schema/run.ts';
import { seededRandom, syntheticRun } from '../../tools/devbench/server-records.ts';
import { buildRun, makeRun } from '../support/records.ts';

type Json = Record<string, unknown>;

/** A record holding only the contract's required fields. */
function minimalRun(): Json {
  return {
    schema: 'atlas.run/1',
    id: crypto.randomUUID(),
    createdAt: new Date('2025-01-02T03:04:05.678Z').toISOString(),
    app: { version: '0.1.0' },
    suite: { id: 'quick', version: '1' },
    source: 'browser',
    env: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
      hardwareConcurrency: 8,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
    },
    cases: [],
  };
}

function fullCase(): Json {
  return {
    model: 'ppocr-cls',
    runtime: 'ort',
    backend: 'wasm',
    options: { threads: 4 },
    status: 'ok',
    timings: {
      loadMs: 12.5,
      initMs: 40,
      firstMs: 8,
      warmupRuns: 3,
      warm: {
        n: 3,
        medianMs: 2,
        meanMs: 2,
        minMs: 1,
        p90Ms: 2.8,
        stdevMs: 1,
        ci95Ms: [1, 3],
        samplesMs: [1, 2, 3],
        stop: 'maxRuns',
      },
    },
    check: { ok: true, metric: 'maxAbsDiff', value: 1e-6, tolerance: 1e-3 },
    actualBackend: 'wasm',
    libraryVersion: '1.30.0',
    wallMs: 120,
    notes: ['all nodes on wasm'],
  };
}

const DELETE = Symbol('delete');

/** Returns `record` with each dotted path set to its value (or removed for DELETE). */
function edit(record: Json, changes: Record<string, unknown>): Json {
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = record;
    for (const key of keys) target = target[key] as Json;
    if (value === DELETE) delete target[last];
    else target[last] = value;
  }
  return record;
}

const run = (changes: Record<string, unknown> = {}): Json => edit(minimalRun(), changes);
const withCase = (changes: Record<string, unknown> = {}): Json => run({ cases: [edit(fullCase(), changes)] });

function issuePaths(value: unknown): string[] {
  const result = validateRun(value);
  if (result.ok) return [];
  return result.issues.map((i) => i.path);
}

describe('validateRun: valid records', () => {
  it('accepts a record with only the contract-required fields', () => {
    const result = validateRun(run());
    expect(result.ok).toBe(true);
    expect(RUN_SCHEMA_ID).toBe('atlas.run/1');
  });

  it('accepts a full case with timings and check', () => {
    const record = withCase();
    const result = validateRun(record);
    expect(result).toEqual({ ok: true, run: record });
  });

  it('keeps an optional task check on a case, and old cases without one stay valid', () => {
    const taskCheck = { ok: true, kind: 'ctcText', detail: 'read "ATLAS 2026"' };
    const result = validateRun(withCase({ taskCheck }));
    expect(result.ok && result.run.cases[0]?.taskCheck).toEqual(taskCheck);
    expect(validateRun(withCase()).ok).toBe(true);
    const bad = validateRun(withCase({ taskCheck: { ok: 'yes', kind: 'argmax', detail: '' } }));
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['cases.0.taskCheck.ok']);
    const long = validateRun(withCase({ taskCheck: { ...taskCheck, detail: 'x'.repeat(201) } }));
    expect(long.ok).toBe(false);
  });

  it('accepts every case status, with timings and checks where the status can have them', () => {
    for (const status of ['ok', 'wrong', 'error']) {
      expect(validateRun(withCase({ status })).ok, status).toBe(true);
    }
    const unmeasured = { timings: DELETE, check: DELETE, error: 'no WebGPU adapter' };
    for (const status of ['unsupported', 'timeout', 'crashed']) {
      expect(validateRun(withCase({ status, ...unmeasured })).ok, status).toBe(true);
    }
  });

  it('accepts the run-level wake lock and continuation notes, and refuses bad values', () => {
    const when = '2026-12-10T12:00:00.000Z';
    for (const wakeLock of ['held', 'refused', 'unavailable']) {
      expect(validateRun(run({ wakeLock, resumedAt: [when] })).ok, wakeLock).toBe(true);
    }
    expect(issuePaths(run({ wakeLock: 'on' }))).toEqual(['wakeLock']);
    expect(issuePaths(run({ resumedAt: ['yesterday'] }))).toEqual(['resumedAt.0']);
    expect(issuePaths(run({ resumedAt: when }))).toEqual(['resumedAt']);
  });

  it('accepts a case holding only the contract-required fields, whatever its status', () => {
    for (const status of CASE_STATUSES) {
      expect(validateRun(run({ cases: [{ model: 'm', runtime: 'ort', backend: 'wasm', status }] })).ok).toBe(
        true,
      );
    }
  });

  it("keeps the model store's fields (modelFiles, verifyMs, modelCache); records without them stay valid", () => {
    const modelFiles = [
      { path: 'ppocr/cls.onnx', bytes: 578966, source: 'network', refetched: true, verifyMs: 3.1 },
      { path: 'ppocr/keys.txt', bytes: 26000, source: 'cache' },
    ];
    const record = run({
      cases: [edit(fullCase(), { modelFiles, 'timings.verifyMs': 3.4 })],
      modelCache: { state: 'full', detail: 'storing ppocr/cls.onnx: QuotaExceededError: no room' },
    });
    expect(validateRun(record)).toEqual({ ok: true, run: record });
    expect(validateRun(run({ modelCache: { state: 'ok' } })).ok).toBe(true);
    expect(validateRun(withCase()).ok).toBe(true);
    expect(issuePaths(withCase({ modelFiles: [{ ...modelFiles[0], source: 'disk' }] }))).toEqual([
      'cases.0.modelFiles.0.source',
    ]);
    expect(issuePaths(withCase({ modelFiles: [{ ...modelFiles[0], refetched: false }] }))).toEqual([
      'cases.0.modelFiles.0.refetched',
    ]);
    expect(issuePaths(withCase({ 'timings.verifyMs': -1 }))).toEqual(['cases.0.timings.verifyMs']);
    expect(issuePaths(run({ modelCache: { state: 'maybe' } }))).toEqual(['modelCache.state']);
    // An unsupported case (no worker, or the library refused after loading) may list its files.
    const unsupported = { status: 'unsupported', timings: DELETE, check: DELETE, modelFiles };
    expect(validateRun(withCase(unsupported)).ok).toBe(true);
  });

  it('accepts a timestamp with an offset', () => {
    expect(validateRun(run({ createdAt: '2025-01-02T03:04:05+02:00' })).ok).toBe(true);
  });

  it('accepts samples at the cap (5000)', () => {
    const record = withCase({ 'timings.warm.samplesMs': new Array(5000).fill(1) });
    expect(validateRun(record).ok).toBe(true);
  });

  it('keeps unknown extra fields valid and strips them from the parsed run (zod default)', () => {
    const record = run({ futureField: { anything: true }, 'env.someNewProbe': 42 });
    const result = validateRun(record);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.run).not.toHaveProperty('futureField');
    expect(result.run.env).not.toHaveProperty('someNewProbe');
    expect(result.run.env.features.webgpu).toBe(false);
  });
});

describe('case shapes written today stay valid', () => {
  const valid = (record: unknown) => {
    const checked = validateRun(record);
    return checked.ok ? [] : checked.issues;
  };

  it('accepts the test fixtures: ok cases, and buildRun with every status', () => {
    expect(valid(makeRun())).toEqual([]);
    const statuses = CASE_STATUSES.map((status, i) => ({
      model: `m${i}`,
      runtime: 'ort',
      backend: 'wasm',
      medianMs: 3,
      status,
      ...(status === 'ok' ? {} : { error: 'why' }),
    }));
    expect(valid(buildRun('Pixel 7', statuses))).toEqual([]);
  });

  it('accepts the synthetic runs of the server benchmarks (ok, unsupported, error, timeout)', () => {
    const rand = seededRandom(7);
    const runs = Array.from({ length: 30 }, (_, i) =>
      syntheticRun(rand, { id: crypto.randomUUID(), createdAt: new Date(i * 1000).toISOString(), cases: 40 }),
    );
    const statuses = new Set(runs.flatMap((r) => r.cases.map((c) => c.status)));
    expect([...statuses].sort()).toEqual(['error', 'ok', 'timeout', 'unsupported']);
    for (const r of runs) expect(valid(r)).toEqual([]);
  });

  it('accepts what the page and the case worker write for cases that never measured', () => {
    const header = { model: 'ppocr-cls', runtime: 'ort', backend: 'webgpu', options: {} };
    const cases = [
      // case-runner: planned unsupported, watchdog, worker failed to start
      { ...header, status: 'unsupported', error: 'no WebGPU adapter' },
      {
        ...header,
        status: 'timeout',
        error: 'exceeded the 60000 ms case limit during measure',
        wallMs: 60012,
      },
      { ...header, status: 'error', error: 'worker failed: script error', wallMs: 20 },
      // protocol: the library fell back, with what it said about itself
      {
        ...header,
        status: 'unsupported',
        error: 'requested webgpu but the library ran on wasm',
        actualBackend: 'wasm',
        libraryVersion: '1.30.0',
        notes: ['all nodes on wasm'],
        wallMs: 900,
      },
    ];
    expect(valid(run({ cases }))).toEqual([]);
  });

  it('accepts an error that measured: timings without a check (no reference), or with one (task check threw)', () => {
    expect(valid(withCase({ status: 'error', check: DELETE, error: 'no reference output for m' }))).toEqual(
      [],
    );
    expect(valid(withCase({ status: 'error', error: 'task check crashed' }))).toEqual([]);
  });

  it('accepts a wrong case with its failed task check', () => {
    const taskCheck = { ok: false, kind: 'ctcText', detail: 'read "ATL4S"' };
    expect(valid(withCase({ status: 'wrong', taskCheck, error: 'task check ctcText failed' }))).toEqual([]);
  });
});

describe('validateRun: a case that never measured carries no results', () => {
  it.each([
    ['unsupported with timings', { status: 'unsupported', check: DELETE }, 'cases.0.timings'],
    ['timeout with timings', { status: 'timeout', check: DELETE }, 'cases.0.timings'],
    ['crashed with timings', { status: 'crashed', check: DELETE }, 'cases.0.timings'],
    ['crashed with a check', { status: 'crashed', timings: DELETE }, 'cases.0.check'],
    ['unsupported with a check', { status: 'unsupported', timings: DELETE }, 'cases.0.check'],
    [
      'timeout with a task check',
      {
        status: 'timeout',
        timings: DELETE,
        check: DELETE,
        taskCheck: { ok: true, kind: 'argmax', detail: '' },
      },
      'cases.0.taskCheck',
    ],
  ])('refuses %s at %s', (_what, changes, path) => {
    const record = withCase(changes);
    const result = validateRun(record);
    expect(result.ok).toBe(false);
    expect(issuePaths(record)).toEqual([path]);
  });
});

describe('validateRun: invalid records name the offending path', () => {
  it.each([
    ['wrong schema literal', run({ schema: 'atlas.run/2' }), 'schema'],
    ['non-uuid id', run({ id: 'not-a-uuid' }), 'id'],
    ['non-ISO createdAt', run({ createdAt: 'yesterday' }), 'createdAt'],
    ['unknown source', run({ source: 'robot' }), 'source'],
    ['missing env.features.webgpu', run({ 'env.features.webgpu': DELETE }), 'env.features.webgpu'],
    ['missing env', run({ env: DELETE }), 'env'],
    ['bad status', withCase({ status: 'fine' }), 'cases.0.status'],
    ['negative ms', withCase({ 'timings.loadMs': -1 }), 'cases.0.timings.loadMs'],
    [
      'non-finite ms',
      withCase({ 'timings.warm.medianMs': Number.POSITIVE_INFINITY }),
      'cases.0.timings.warm.medianMs',
    ],
    ['negative sample', withCase({ 'timings.warm.samplesMs': [1, -2] }), 'cases.0.timings.warm.samplesMs.1'],
    ['ci95Ms with one bound', withCase({ 'timings.warm.ci95Ms': [1] }), 'cases.0.timings.warm.ci95Ms'],
    [
      'ci95Ms with three bounds',
      withCase({ 'timings.warm.ci95Ms': [1, 2, 3] }),
      'cases.0.timings.warm.ci95Ms',
    ],
    ['ci95Ms not an array', withCase({ 'timings.warm.ci95Ms': 2 }), 'cases.0.timings.warm.ci95Ms'],
    ['model id over 200 chars', withCase({ model: 'm'.repeat(201) }), 'cases.0.model'],
    ['error over 2000 chars', withCase({ error: 'e'.repeat(2001) }), 'cases.0.error'],
    ['userAgent over 1000 chars', run({ 'env.userAgent': 'u'.repeat(1001) }), 'env.userAgent'],
    [
      'more than 5000 samples',
      withCase({ 'timings.warm.samplesMs': new Array(5001).fill(1) }),
      'cases.0.timings.warm.samplesMs',
    ],
    ['unknown stop reason', withCase({ 'timings.warm.stop': 'bored' }), 'cases.0.timings.warm.stop'],
    ['fractional n', withCase({ 'timings.warm.n': 2.5 }), 'cases.0.timings.warm.n'],
    // Found by fuzzing: PostgreSQL cannot store NUL in text, nor counts beyond 32 bits.
    ['NUL in a model id', withCase({ model: 'm\u0000' }), 'cases.0.model'],
    ['NUL in the user agent', run({ 'env.userAgent': 'UA\u0000' }), 'env.userAgent'],
    ['NUL in an option key', withCase({ options: { 't\u0000': 1 } }), 'cases.0.options.t\u0000'],
    ['NUL deep in settings', run({ settings: { a: { b: ['x\u0000'] } } }), 'settings.a'],
    ['NUL in a settings key', run({ settings: { a: { 'k\u0000': 1 } } }), 'settings.a'],
    ['hardwareConcurrency of 2^31', run({ 'env.hardwareConcurrency': 2 ** 31 }), 'env.hardwareConcurrency'],
    ['n of 2^31', withCase({ 'timings.warm.n': 2 ** 31 }), 'cases.0.timings.warm.n'],
    ['warmupRuns of 2^31', withCase({ 'timings.warmupRuns': 2 ** 31 }), 'cases.0.timings.warmupRuns'],
  ])('rejects %s at %s', (_what, record, path) => {
    const result = validateRun(record);
    expect(result.ok).toBe(false);
    expect(issuePaths(record)).toContain(path);
  });

  it('accepts counts at their bounds and settings with ordinary strings', () => {
    expect(validateRun(run({ 'env.hardwareConcurrency': 4096 })).ok).toBe(true);
    expect(validateRun(withCase({ 'timings.warm.n': 1_000_000 })).ok).toBe(true);
    expect(validateRun(run({ settings: { a: { b: ['x\\u0000 is fine as text'] } } })).ok).toBe(true);
  });

  it('accepts strings exactly at the limits', () => {
    expect(validateRun(withCase({ model: 'm'.repeat(200) })).ok).toBe(true);
    expect(validateRun(withCase({ error: 'e'.repeat(2000) })).ok).toBe(true);
  });

  it('reports (root) for a non-object and never throws', () => {
    expect(validateRun(null)).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: expect.any(String) }],
    });
    expect(() => validateRun(undefined)).not.toThrow();
    expect(validateRun('atlas.run/1').ok).toBe(false);
  });

  it('matches runSchema.safeParse on the same input', () => {
    const bad = withCase({ status: 'fine' });
    expect(runSchema.safeParse(bad).success).toBe(false);
    expect(runSchema.safeParse(run()).success).toBe(true);
  });
});

describe('validatePostedRun (what a server accepts)', () => {
  it('refuses unknown members and prototype keys that validateRun only drops', () => {
    const run = makeRun({}, 1);
    const sent = JSON.parse(
      JSON.stringify({ ...run, extra: { deep: 1 } }).replace('"env":{', '"env":{"__proto__":{"x":1},'),
    );
    expect(validateRun(sent).ok).toBe(true);
    const posted = validatePostedRun(sent);
    expect(posted.ok).toBe(false);
    if (!posted.ok) expect(posted.issues.map((i) => i.path).sort()).toEqual(['env.__proto__', 'extra']);
    expect(validatePostedRun(JSON.parse(JSON.stringify(run)))).toEqual({
      ok: true,
      run,
      text: JSON.stringify(run),
    });
  });

  it('given the text as sent, still finds what only the walks find (escaped names, reordered bodies)', () => {
    const run = makeRun({ settings: { runs: 3 } }, 1);
    const compact = JSON.stringify(run);
    const cases: [string, string[]][] = [
      [compact, []],
      // "\u0074" is "t": JSON.parse makes this key __proto__.
      [compact.replace('"settings":{', '"settings":{"__pro\\u0074o__":{"x":1},'), ['settings.__proto__']],
      [compact.replace('{"schema"', '{"extra":1,"schema"'), ['extra']],
      [JSON.stringify(run, null, 2), []],
    ];
    for (const [raw, paths] of cases) {
      const posted = validatePostedRun(JSON.parse(raw), raw);
      expect(posted.ok ? [] : posted.issues.map((i) => i.path), raw.slice(0, 80)).toEqual(paths);
      if (posted.ok) expect(posted.text).toBe(compact);
    }
  });
});
