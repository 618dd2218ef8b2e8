/**
 * Property-based fuzzing of `POST /api/runs` (fast-check): arbitrary JSON, mutated valid records,
 * byte-level damage (truncation, invalid UTF-8, odd number literals), random content types, and
 * huge or deeply nested bodies. Whatever arrives, the answer is never a 5xx, an invalid body is
 * answered 400/413/415 and stores nothing, and a body that is a valid record (judged by the same
 * parse → depth → schema steps the contract describes, with no member the schema does not keep
 * and no `__proto__`/`constructor`/`prototype` key) is stored exactly once, as validated.
 *
 * FC_SEED=<n> replays a run; FC_RUNS_SCALE=<x> scales every property's run count.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { nestsDeeperThan } from '../../server/json-limits.ts';
import { MAX_BODY_BYTES, MAX_DEPTH } from '../../server/routes/ingest.ts';
import type { Store } from '../../server/store/database.ts';
import { canonicalJson } from '../../server/store/run-rows.ts';
import { type Run, validateRun } from '../../src/schema/run.ts';
import { makeRun } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1);
const runs = (n: number) => ({
  numRuns: Math.max(1, Math.round(n * SCALE)),
  ...(SEED === undefined ? {} : { seed: SEED }),
});
const TIMEOUT = 120_000;
const JSON_TYPE = 'application/json';

type Payload = string | Buffer;

/** What the contract says the answer must be, from the bytes and content type alone. */
type Expected =
  | { kind: 'too-large' }
  | { kind: 'not-json-type' }
  | { kind: 'invalid' }
  | { kind: 'valid'; run: Run };

/** Whether a content-type header names JSON (type/subtype, any case, parameters ignored). */
function isJsonType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === JSON_TYPE;
}

function expectedOutcome(payload: Payload, contentType: string | undefined): Expected {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (bytes.length > MAX_BODY_BYTES) return { kind: 'too-large' };
  if (!isJsonType(contentType)) return { kind: 'not-json-type' };
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid' };
  }
  if (nestsDeeperThan(value, MAX_DEPTH)) return { kind: 'invalid' };
  const checked = validateRun(value);
  // The schema keeps every member it knows: a body that says more than what it kept is refused.
  if (!checked.ok || holdsForbiddenKey(value) || canonicalJson(value) !== canonicalJson(checked.run))
    return { kind: 'invalid' };
  return { kind: 'valid', run: checked.run };
}

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
function holdsForbiddenKey(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsForbiddenKey);
  return Object.entries(value).some(([key, child]) => FORBIDDEN.includes(key) || holdsForbiddenKey(child));
}

// ---------------------------------------------------------------------------------------------
// Generators

const FIXED_TIME = '2026-01-02T03:04:05.678Z';

/** A valid record, deterministic in its inputs (so fast-check can replay and shrink). */
const validRecord = fc
  .record({ id: fc.uuid({ version: 4 }), cases: fc.integer({ min: 0, max: 3 }) })
  .map(({ id, cases }) => makeRun({ id, createdAt: FIXED_TIME }, cases));

/** Values of the wrong type, out of range, or just odd, to put anywhere in a record. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(-1, -0, 0.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 1e308, 5e-324, Number.MAX_VALUE),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.constantFrom('', '\u0000', '\ud800', '\ufeff', 'x'.repeat(201), 'x'.repeat(1001), 'x'.repeat(2001)),
  fc.constantFrom('ok', 'error', 'browser', 'automation', 'atlas.run/1', 'atlas.run/2', FIXED_TIME),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = (string | number)[];

/** Every path into a JSON tree (objects and arrays), root excluded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      const path = [...prefix, key];
      out.push(path);
      pathsOf(child, path, out);
    }
  }
  return out;
}

/** Containers (objects and arrays) in a JSON tree, root included. */
function containersOf(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      out.push(v);
      for (const child of Array.isArray(v) ? v : Object.values(v)) walk(child);
    }
  };
  walk(value);
  return out;
}

/** The dotted path (as the API's issues say it) of member `key` of `target` inside `root`. */
function pathTo(root: unknown, target: unknown, key: string): string {
  const find = (node: unknown, path: Path): Path | undefined => {
    if (node === target) return path;
    if (!node || typeof node !== 'object') return undefined;
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [k, child] of entries) {
      const found = find(child, [...path, k]);
      if (found) return found;
    }
    return undefined;
  };
  return [...(find(root, []) ?? []), key].join('.');
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

interface Mutation {
  kind: 'delete' | 'replace' | 'add';
  at: number;
  key: string;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'replace', 'add'),
  at: fc.nat(),
  key: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('id', 'cases', 'status', '__proto__', 'constructor'),
  ),
  value: oddValue,
});

function mutate(record: Run, mutations: readonly Mutation[]): unknown {
  const root: unknown = structuredClone(record);
  for (const m of mutations) {
    // A copy: fast-check hands out the same instance of a constant ([], {}) more than once.
    const value = structuredClone(m.value);
    if (m.kind === 'add') {
      const containers = containersOf(root);
      const target = containers[m.at % containers.length] as Record<string, unknown> | unknown[];
      if (Array.isArray(target)) target.splice(m.at % (target.length + 1), 0, value);
      // defineProperty: a key named __proto__ becomes an own property, as JSON.parse would make it.
      else
        Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const paths = pathsOf(root);
    if (!paths.length) continue;
    const path = paths[m.at % paths.length] as Path;
    const parent = parentOf(root, path);
    const key = path.at(-1) as string | number;
    if (m.kind === 'replace') parent[key] = value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return root;
}

/** Byte sequences that are not UTF-8 (or are, but surprise a parser). */
const oddBytes: fc.Arbitrary<number[]> = fc.oneof(
  fc
    .constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc0, 0xaf],
      [0xc3],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x00],
      [0xef, 0xbb, 0xbf],
      [0x5c],
      [0x22],
    )
    .map((bytes) => [...bytes]),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => [...a]),
);

/** Number literals JSON forbids, or allows with a surprising value. */
const oddNumberLiteral = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '01',
  '0x1F',
  '1.',
  '.5',
  '+1',
  '-',
  '1e',
  '\u22121',
  '-0',
  '1E2',
  '2147483648',
  '9007199254740993',
  '1' + '0'.repeat(400),
);

type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'number'; nth: number; literal: string };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: oddBytes }),
  fc.record({ kind: fc.constant('number' as const), nth: fc.nat(), literal: oddNumberLiteral }),
);

function applyByteEdit(bytes: Buffer, edit: ByteEdit): Buffer {
  const at = 'at' in edit ? edit.at % (bytes.length + 1) : 0;
  switch (edit.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'drop':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + edit.length)]);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    case 'number': {
      // Number tokens outside strings: after ':' ',' or '['.
      const text = bytes.toString('latin1');
      const tokens = [...text.matchAll(/(?<=[:,[])-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
      if (!tokens.length) return bytes;
      const token = tokens[edit.nth % tokens.length] as RegExpMatchArray;
      const start = token.index ?? 0;
      return Buffer.concat([
        bytes.subarray(0, start),
        Buffer.from(edit.literal, 'utf8'),
        bytes.subarray(start + token[0].length),
      ]);
    }
  }
}

const headerSafe = /^[\t\x20-\x7e]*$/;
const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    '',
    JSON_TYPE,
    'application/json; charset=utf-8',
    'application/json;charset=latin1',
    'Application/JSON',
    ' application/json',
    'application/json\t',
    'text/plain',
    'text/json',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'application/json-patch+json',
    'application/ld+json',
    'application/jsonp',
    'application/json, text/plain',
    'application',
    '*/*',
    'application/*',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((s) => headerSafe.test(s)),
);

/** Bodies over the limit, near it, or nested far deeper than allowed; built from a small spec. */
type BigSpec =
  | { kind: 'deep-array'; depth: number; balanced: boolean }
  | { kind: 'deep-object'; depth: number }
  | { kind: 'deep-in-record'; depth: number }
  | { kind: 'long-string'; field: 'userAgent' | 'model' | 'app' | 'settings'; length: number }
  | { kind: 'padded'; size: number }
  | { kind: 'wide-array'; length: number }
  | { kind: 'wide-object'; keys: number }
  | { kind: 'many-cases'; cases: number }
  | { kind: 'many-samples'; samples: number };

const LIMIT = MAX_BODY_BYTES;
const aroundLimit = fc.oneof(
  fc.integer({ min: LIMIT - 64, max: LIMIT + 64 }),
  fc.integer({ min: 0, max: LIMIT + 512 * 1024 }),
  fc.constantFrom(LIMIT, LIMIT + 1, 3 * LIMIT),
);
const depth = fc.oneof(
  fc.integer({ min: 1, max: 40 }),
  fc.integer({ min: 1, max: 100_000 }),
  fc.constant(100_000),
);

const bigSpec: fc.Arbitrary<BigSpec> = fc.oneof(
  fc.record({ kind: fc.constant('deep-array' as const), depth, balanced: fc.boolean() }),
  fc.record({ kind: fc.constant('deep-object' as const), depth }),
  fc.record({ kind: fc.constant('deep-in-record' as const), depth }),
  fc.record({
    kind: fc.constant('long-string' as const),
    field: fc.constantFrom('userAgent', 'model', 'app', 'settings'),
    length: fc.oneof(fc.constantFrom(200, 201, 1000, 1001, 2000, 2001), aroundLimit),
  }),
  fc.record({ kind: fc.constant('padded' as const), size: aroundLimit }),
  fc.record({ kind: fc.constant('wide-array' as const), length: fc.integer({ min: 0, max: 1_200_000 }) }),
  fc.record({ kind: fc.constant('wide-object' as const), keys: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({ kind: fc.constant('many-cases' as const), cases: fc.constantFrom(2000, 2001, 3500) }),
  fc.record({ kind: fc.constant('many-samples' as const), samples: fc.constantFrom(5000, 5001, 100_000) }),
);

function buildBig(spec: BigSpec, id: string): string {
  const base = () => makeRun({ id, createdAt: FIXED_TIME }, 1);
  switch (spec.kind) {
    case 'deep-array':
      return '['.repeat(spec.depth) + (spec.balanced ? ']'.repeat(spec.depth) : '');
    case 'deep-object':
      return `${'{"a":'.repeat(spec.depth)}1${'}'.repeat(spec.depth)}`;
    case 'deep-in-record': {
      const text = JSON.stringify({ ...base(), settings: { deep: 0 } });
      return text.replace('"deep":0', `"deep":${'['.repeat(spec.depth)}${']'.repeat(spec.depth)}`);
    }
    case 'long-string': {
      const run = base();
      const long = 'x'.repeat(spec.length);
      if (spec.field === 'userAgent') run.env.userAgent = long;
      else if (spec.field === 'model') (run.cases[0] as Run['cases'][number]).model = long;
      else if (spec.field === 'app') run.app.version = long;
      else run.settings = { note: long };
      return JSON.stringify(run);
    }
    case 'padded': {
      const text = JSON.stringify(base());
      return text + ' '.repeat(Math.max(0, spec.size - text.length));
    }
    case 'wide-array':
      return `[${new Array(spec.length).fill('0').join(',')}]`;
    case 'wide-object':
      return `{${Array.from({ length: spec.keys }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    case 'many-cases': {
      const run = base();
      // Small cases so the count limit, not the size limit, is what decides.
      run.cases = Array.from({ length: spec.cases }, (_, i) => ({
        model: `m${i % 7}`,
        runtime: 'ort',
        backend: 'wasm',
        status: 'unsupported' as const,
      }));
      return JSON.stringify(run);
    }
    case 'many-samples': {
      const run = base();
      const warm = (run.cases[0] as Run['cases'][number]).timings?.warm;
      if (warm) warm.samplesMs = new Array(spec.samples).fill(1);
      return JSON.stringify(run);
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(storeKinds())('ingest fuzz on $name', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  /** Runs answered 201, with their case counts: exactly what the store must hold. */
  const stored = new Map<string, number>();
  /** Answers seen, by expected outcome and status (printed with FC_VERBOSE=1). */
  const tally = new Map<string, number>();

  beforeAll(async () => {
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'x' });
  });
  afterAll(async () => {
    if (process.env.FC_VERBOSE) console.log(kind.name, Object.fromEntries([...tally].sort()));
    await app?.close();
    await dispose?.();
  });

  async function counts(): Promise<{ runs: number; cases: number }> {
    const { rows } = await sql<{ runs: number | string; cases: number | string }>`
      select (select count(*) from runs) as runs, (select count(*) from cases) as cases`.execute(store.db);
    const row = rows[0] as { runs: number | string; cases: number | string };
    return { runs: Number(row.runs), cases: Number(row.cases) };
  }

  /** Posts one body and checks the answer and the store against the contract. */
  async function check(payload: Payload, type: string | undefined = JSON_TYPE): Promise<number> {
    const expected = expectedOutcome(payload, type);
    const res = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: type === undefined ? {} : { 'content-type': type },
      payload,
    });
    const status = res.statusCode;
    const tallyKey = `${expected.kind}:${status}`;
    tally.set(tallyKey, (tally.get(tallyKey) ?? 0) + 1);
    const seen = `${status} ${res.body.slice(0, 300)} (expected ${expected.kind})`;
    expect(status, seen).toBeLessThan(500);
    switch (expected.kind) {
      case 'too-large':
        expect(status, seen).toBe(413);
        break;
      case 'not-json-type':
        expect(status, seen).toBe(415);
        break;
      case 'invalid':
        expect([400, 415], seen).toContain(status);
        break;
      case 'valid': {
        const { id } = expected.run;
        if (stored.has(id)) {
          expect([200, 409], seen).toContain(status);
        } else {
          expect(status, seen).toBe(201);
          stored.set(id, expected.run.cases.length);
          const back = await app.inject({ method: 'GET', url: `/api/runs/${id}` });
          expect(back.statusCode).toBe(200);
          // The validated record, never the text as sent.
          expect(back.body).toBe(JSON.stringify(expected.run));
        }
        break;
      }
    }
    if (status >= 400) expect(res.json(), seen).toHaveProperty('error');
    const now = await counts();
    let cases = 0;
    for (const n of stored.values()) cases += n;
    expect(now, `store after ${seen}`).toEqual({ runs: stored.size, cases });
    return status;
  }

  it(
    'answers arbitrary JSON values and record-shaped junk with 400, storing nothing',
    async () => {
      const recordShaped = fc.record(
        {
          schema: fc.oneof(fc.constant('atlas.run/1'), oddValue),
          id: fc.oneof(fc.uuid(), oddValue),
          createdAt: fc.oneof(fc.constant(FIXED_TIME), oddValue),
          app: fc.oneof(fc.record({ version: oddValue }), oddValue),
          suite: fc.oneof(fc.record({ id: oddValue, version: oddValue }), oddValue),
          source: fc.oneof(fc.constant('browser'), oddValue),
          env: oddValue,
          cases: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), oddValue),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), recordShaped), async (value) => {
          await check(JSON.stringify(value) ?? 'null');
        }),
        runs(500),
      );
    },
    TIMEOUT,
  );

  it(
    'answers a valid record with fields dropped, retyped or added: 400 and nothing stored unless still valid',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validRecord,
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          async (record, edits) => {
            await check(JSON.stringify(mutate(record, edits)));
          },
        ),
        runs(700),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses a valid record with members added anywhere (prototype keys included) with 400 and their paths',
    async () => {
      const extra = fc.record({
        at: fc.nat(),
        key: fc.oneof(
          fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x-${k}`),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'isAdmin'),
        ),
        value: oddValue,
      });
      await fc.assert(
        fc.asyncProperty(
          validRecord,
          fc.array(extra, { minLength: 1, maxLength: 3 }),
          async (record, extras) => {
            const root = structuredClone(record) as Run;
            const objects = containersOf(root).filter((c) => !Array.isArray(c)) as Record<string, unknown>[];
            // Maps of names the schema leaves open (case options, settings): any name may be added
            // there, except the forbidden ones, which are refused at any depth.
            const open = new Set<unknown>([
              ...root.cases.map((c) => c.options),
              ...containersOf(root.settings),
            ]);
            const added: string[] = [];
            for (const { at, key, value } of extras) {
              const target = objects[at % objects.length] as Record<string, unknown>;
              if (Object.hasOwn(target, key)) continue;
              if (open.has(target) && !['__proto__', 'constructor', 'prototype'].includes(key)) continue;
              // As JSON.parse makes it: an own property even for __proto__.
              Object.defineProperty(target, key, {
                value,
                enumerable: true,
                writable: true,
                configurable: true,
              });
              added.push(pathTo(root, target, key));
            }
            if (!added.length) return;
            const status = await check(JSON.stringify(root));
            expect(status).toBe(400);
            const res = await app.inject({
              method: 'POST',
              url: '/api/runs',
              headers: { 'content-type': JSON_TYPE },
              payload: JSON.stringify(root),
            });
            const paths = (res.json() as { issues: { path: string }[] }).issues.map((i) => i.path);
            // Prototype keys are always listed; unknown members once nothing else is wrong (an
            // added value may also break a member the schema knows, e.g. in case options).
            const listed = validateRun(root).ok
              ? added
              : added.filter((p) => /(^|\.)(__proto__|constructor|prototype)$/.test(p));
            for (const path of listed) expect(paths, JSON.stringify(paths)).toContain(path);
          },
        ),
        runs(300),
      );
    },
    TIMEOUT,
  );

  it(
    'answers truncated, byte-damaged (invalid UTF-8) and odd-number bodies without a 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validRecord,
          fc.array(byteEdit, { minLength: 1, maxLength: 3 }),
          async (record, edits) => {
            let bytes: Buffer = Buffer.from(JSON.stringify(record));
            for (const edit of edits) bytes = applyByteEdit(bytes, edit);
            await check(bytes);
          },
        ),
        runs(500),
      );
    },
    TIMEOUT,
  );

  it(
    'answers 415 to anything not sent as application/json, whatever the body',
    async () => {
      const body = fc.oneof(
        validRecord.map((r) => JSON.stringify(r)),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
        fc.string({ maxLength: 40 }),
        fc.constant(''),
        fc.constant('a=1&b=2'),
      );
      await fc.assert(
        fc.asyncProperty(body, contentType, async (payload, type) => {
          await check(payload, type);
        }),
        runs(250),
      );
    },
    TIMEOUT,
  );

  it(
    'answers huge, wide and deeply nested bodies with 400/413 (up to 100 000 levels)',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uuid({ version: 4 }), bigSpec, async (id, spec) => {
          await check(buildBig(spec, id));
        }),
        runs(50),
      );
    },
    TIMEOUT,
  );

  // Minimal inputs of failures the fuzzer found; each is a valid record by the schema, so the
  // contract's answer is 201 (or a 400 if the schema is tightened) — never a 5xx.
  describe('regressions found by fuzzing', () => {
    const raw = (run: Run) => JSON.stringify(run);
    it('a NUL character (\\u0000) in a string field', async () => {
      const run = makeRun({ id: randomUUID() }, 1);
      (run.cases[0] as Run['cases'][number]).model = 'm\u0000';
      expect(await check(raw(run))).toBeLessThan(500);
    });
    it('env.hardwareConcurrency beyond 32-bit (2^31)', async () => {
      const run = makeRun({ id: randomUUID() }, 1);
      run.env.hardwareConcurrency = 2 ** 31;
      expect(await check(raw(run))).toBeLessThan(500);
    });
    it('timings.warm.n beyond 32-bit (2^31)', async () => {
      const run = makeRun({ id: randomUUID() }, 1);
      const warm = (run.cases[0] as Run['cases'][number]).timings?.warm;
      if (warm) warm.n = 2 ** 31;
      expect(await check(raw(run))).toBeLessThan(500);
    });
  });
});
