/**
 * Cold start and memory on the server (issue 18), on SQLite and PostgreSQL: a posted run's
 * `coldStart`/`memory` figures land in the case columns (migration 010), `/api/summary` gives
 * each entry's median time to the first answer and peak heap (and its multiple of the model's
 * size) next to the warm median, the CSV and NDJSON exports carry the columns, and runs stored
 * before the columns get them from their records (migration 011), going on where a stopped fill
 * left off without redoing what it did.
 */

import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { CASE_FIGURE_COLUMNS } from '../../server/store/case-figures.ts';
import { openStore, type StoreTarget } from '../../server/store/database.ts';
import type { Database } from '../../server/store/schema.ts';
import type { Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { oldStore } from '../support/old-store.ts';
import { buildRun } from '../support/records.ts';
import { describeOnStores, storeKinds } from '../support/stores.ts';

const MB = 1_000_000;

/** Two runs where ORT wins warm and TF.js wins cold; one older-style case without figures. */
function runs(): Run[] {
  return [1, 2].map((k) =>
    buildRun('Pixel 7', [
      {
        model: 'm',
        runtime: 'ort',
        backend: 'wasm',
        medianMs: 5,
        firstAnswerMs: 900 + 100 * k,
        wasmHeapPeakBytes: 40 * MB * k,
        modelBytes: 10 * MB,
      },
      {
        model: 'm',
        runtime: 'tfjs',
        backend: 'webgl',
        medianMs: 8,
        firstAnswerMs: 300,
        gpuPeakBytes: 7 * MB,
        modelBytes: 10 * MB,
      },
      { model: 'm', runtime: 'litert', backend: 'wasm', medianMs: 9 },
    ]),
  );
}

/** What a run's case rows hold in the figure columns, by idx. */
async function figureRows(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom('cases')
    .select(['idx', ...CASE_FIGURE_COLUMNS])
    .where('run_id', '=', runId)
    .orderBy('idx')
    .execute();
}

const FIRST_RUN_ROWS = [
  {
    idx: 0,
    first_answer_ms: 1000,
    library_bytes: null,
    model_bytes: 10 * MB,
    model_transfer_bytes: null,
    wasm_heap_peak_bytes: 40 * MB,
    gpu_peak_bytes: null,
    page_bytes: null,
  },
  {
    idx: 1,
    first_answer_ms: 300,
    library_bytes: null,
    model_bytes: 10 * MB,
    model_transfer_bytes: null,
    wasm_heap_peak_bytes: null,
    gpu_peak_bytes: 7 * MB,
    page_bytes: null,
  },
  {
    idx: 2,
    first_answer_ms: null,
    library_bytes: null,
    model_bytes: null,
    model_transfer_bytes: null,
    wasm_heap_peak_bytes: null,
    gpu_peak_bytes: null,
    page_bytes: null,
  },
];

describe.each(storeKinds())('cold start and memory at ingest on $name', (kind) => {
  it('stores the figures, summarises them next to warm latency and exports them', async () => {
    const { store, dispose } = await kind.open();
    const app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 's' });
    try {
      const posted = runs();
      for (const run of posted) {
        const res = await app.inject({ method: 'POST', url: '/api/runs', payload: run });
        expect(res.statusCode).toBe(201);
      }
      expect(await figureRows(store.db, posted[0]?.id as string)).toEqual(FIRST_RUN_ROWS);

      const summary = (await app.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
      const entries = summary.groups.find((g) => g.model === 'm')?.entries ?? [];
      const byRuntime = new Map(entries.map((e) => [e.runtime, e]));
      expect(byRuntime.get('ort')).toMatchObject({
        medianMs: 5,
        firstAnswerMs: 1050,
        firstAnswerRuns: 2,
        wasmHeapPeakBytes: 60 * MB,
        wasmHeapRuns: 2,
        heapToModel: 6,
      });
      expect(byRuntime.get('ort')?.gpuPeakBytes).toBeUndefined();
      expect(byRuntime.get('tfjs')).toMatchObject({ firstAnswerMs: 300, gpuPeakBytes: 7 * MB });
      expect(byRuntime.get('tfjs')?.wasmHeapPeakBytes).toBeUndefined();
      // An entry whose runs carried no figures has none of the new members (older clients).
      const litert = byRuntime.get('litert') ?? {};
      for (const key of ['firstAnswerMs', 'wasmHeapPeakBytes', 'heapToModel', 'gpuPeakBytes'])
        expect(litert).not.toHaveProperty(key);

      const csv = (await app.inject({ method: 'GET', url: '/api/export.csv' })).body.trim().split('\n');
      const header = (csv[0] as string).split(',');
      for (const column of CASE_FIGURE_COLUMNS) expect(header).toContain(column);
      const rows = csv
        .slice(1)
        .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
      const ort = rows.find((r) => r.run_id === posted[0]?.id && r.runtime === 'ort');
      expect(ort).toMatchObject({ first_answer_ms: '1000', wasm_heap_peak_bytes: String(40 * MB) });
      const ndjson = (await app.inject({ method: 'GET', url: '/api/export.ndjson' })).body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(ndjson.find((r) => r.run_id === posted[1]?.id && r.runtime === 'tfjs')).toMatchObject({
        first_answer_ms: 300,
        gpu_peak_bytes: 7 * MB,
        model_bytes: 10 * MB,
      });
    } finally {
      await app.close();
      await dispose();
    }
  });
});

async function figuresAfterUpgrade(target: StoreTarget, ids: string[]) {
  const store = await openStore(target);
  try {
    return await Promise.all(ids.map((id) => figureRows(store.db, id)));
  } finally {
    await store.close();
  }
}

async function checkUpgrade(target: StoreTarget): Promise<void> {
  const [first, second] = runs() as [Run, Run];
  const unreadable = buildRun('Pixel 7', [{ model: 'm', runtime: 'ort', backend: 'wasm', medianMs: 5 }]);
  const stored = [
    { run: first, raw: JSON.stringify(first) },
    { run: second, raw: JSON.stringify(second) },
    { run: unreadable, raw: 'not json "coldStart"' },
  ];
  await oldStore(target, '009-run-delete-token', stored);
  const [a, b, c] = await figuresAfterUpgrade(target, [first.id, second.id, unreadable.id]);
  expect(a).toEqual(FIRST_RUN_ROWS);
  expect(b?.[0]).toMatchObject({ first_answer_ms: 1100, wasm_heap_peak_bytes: 80 * MB });
  expect(c?.[0]?.first_answer_ms).toBeNull();
}

/** A fill stopped after the first run: that run keeps what it had, the other gets its figures. */
async function checkResume(target: StoreTarget): Promise<void> {
  const [first, second] = runs() as [Run, Run];
  const stored = [
    { run: first, raw: JSON.stringify(first) },
    { run: second, raw: JSON.stringify(second) },
  ];
  await oldStore(target, '010-case-figures', stored, async (db) => {
    await db
      .updateTable('cases')
      .set({ first_answer_ms: 123 })
      .where('run_id', '=', first.id)
      .where('idx', '=', 0)
      .execute();
  });
  const [a, b] = await figuresAfterUpgrade(target, [first.id, second.id]);
  expect(a?.[0]).toMatchObject({ first_answer_ms: 123, wasm_heap_peak_bytes: null });
  expect(b?.[1]).toMatchObject({ first_answer_ms: 300, gpu_peak_bytes: 7 * MB });
}

describeOnStores('case figures backfill', (fresh) => {
  it('fills the columns of runs stored before them from their records', async () => {
    await checkUpgrade(await fresh());
  });
  it('goes on where a stopped fill left off', async () => {
    await checkResume(await fresh());
  });
});
