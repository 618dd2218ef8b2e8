/**
 * Runs in the store: the idempotent insert (one transaction: the run row, then its case rows),
 * the record as sent, and the newest-first list with filters and keyset paging.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DeviceFields, RunList, RunListItem } from '../../src/schema/api.ts';
import type { Case, Run } from '../../src/schema/run.ts';
import { deriveDevice, deviceKey } from '../device.ts';
import type { Store } from './database.ts';
import type { CasesTable, RunsTable } from './schema.ts';

export type IngestOutcome = 'created' | 'duplicate' | 'conflict';

/** Case rows per INSERT statement (keeps SQLite under its bound-variable limit). */
const CASE_CHUNK = 400;

/** JSON with object keys sorted, so equal values give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const bit = (value: boolean) => (value ? 1 : 0);
const nullableBit = (value: boolean | null | undefined) =>
  value === null || value === undefined ? null : bit(value);

function runRow(
  run: Run,
  raw: string,
  receivedAt: string,
  device: DeviceFields,
  hash: string,
): Insertable<RunsTable> {
  return {
    id: run.id,
    created_at: run.createdAt,
    received_at: receivedAt,
    suite_id: run.suite.id,
    suite_version: run.suite.version,
    app_version: run.app.version,
    source: run.source,
    emulated: bit(device.emulated),
    emulated_device: device.emulatedDevice,
    cpu_throttle: run.emulation?.cpuThrottle ?? null,
    browser: device.browser,
    browser_version: device.browserVersion,
    os: device.os,
    os_version: device.osVersion,
    mobile: bit(device.mobile),
    device_model: device.deviceModel,
    gpu_vendor: device.gpuVendor,
    gpu_architecture: device.gpuArchitecture,
    gpu_fallback: nullableBit(device.gpuFallback),
    cores: run.env.hardwareConcurrency,
    device_memory: run.env.deviceMemory ?? null,
    isolated: bit(run.env.crossOriginIsolated),
    device_group: device.deviceGroup,
    device_key: deviceKey(run),
    case_count: run.cases.length,
    ok_count: run.cases.filter((c) => c.status === 'ok').length,
    body_sha256: hash,
    record: raw,
  };
}

function caseRow(runId: string, idx: number, c: Case): Insertable<CasesTable> {
  const warm = c.timings?.warm;
  return {
    run_id: runId,
    idx,
    model: c.model,
    runtime: c.runtime,
    backend: c.backend,
    options: canonicalJson(c.options ?? {}),
    status: c.status,
    error: c.error ?? null,
    load_ms: c.timings?.loadMs ?? null,
    init_ms: c.timings?.initMs ?? null,
    first_ms: c.timings?.firstMs ?? null,
    median_ms: warm?.medianMs ?? null,
    mean_ms: warm?.meanMs ?? null,
    min_ms: warm?.minMs ?? null,
    p90_ms: warm?.p90Ms ?? null,
    stdev_ms: warm?.stdevMs ?? null,
    ci_lo_ms: warm?.ci95Ms[0] ?? null,
    ci_hi_ms: warm?.ci95Ms[1] ?? null,
    n: warm?.n ?? null,
    check_ok: nullableBit(c.check?.ok),
    check_metric: c.check?.metric ?? null,
    check_value: c.check?.value ?? null,
  };
}

/**
 * Stores a validated run with its raw text, atomically. A repeated id is `duplicate` when the
 * validated record is the same and `conflict` when it differs; neither writes anything.
 */
export async function insertRun(
  store: Store,
  run: Run,
  raw: string,
  receivedAt = new Date(),
): Promise<IngestOutcome> {
  const hash = createHash('sha256').update(canonicalJson(run)).digest('hex');
  const row = runRow(run, raw, receivedAt.toISOString(), deriveDevice(run), hash);
  return store.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('runs')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('runs')
        .select('body_sha256')
        .where('id', '=', run.id)
        .executeTakeFirst();
      return existing?.body_sha256 === hash ? 'duplicate' : 'conflict';
    }
    const rows = run.cases.map((c, i) => caseRow(run.id, i, c));
    for (let i = 0; i < rows.length; i += CASE_CHUNK) {
      await trx
        .insertInto('cases')
        .values(rows.slice(i, i + CASE_CHUNK))
        .execute();
    }
    return 'created';
  });
}

/** The record exactly as it was sent, or undefined. */
export async function getRunRecord(store: Store, id: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('runs').select('record').where('id', '=', id).executeTakeFirst();
  return row?.record;
}

export interface RunFilters {
  model?: string | undefined;
  runtime?: string | undefined;
  backend?: string | undefined;
  /** A device group, or a device model. */
  device?: string | undefined;
}

function encodeCursor(receivedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([receivedAt, id])).toString('base64url');
}

/** Decodes a cursor from `listRuns`; throws a clear error for anything else. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {
    // fall through to the error below
  }
  throw new Error('cursor is not one this server gave out');
}

export function deviceFieldsOf(r: RunsTable): DeviceFields {
  return {
    browser: r.browser,
    browserVersion: r.browser_version,
    os: r.os,
    osVersion: r.os_version,
    mobile: r.mobile === 1,
    deviceModel: r.device_model,
    gpuVendor: r.gpu_vendor,
    gpuArchitecture: r.gpu_architecture,
    gpuFallback: r.gpu_fallback === null ? null : r.gpu_fallback === 1,
    emulated: r.emulated === 1,
    emulatedDevice: r.emulated_device,
    deviceGroup: r.device_group,
  };
}

/** Runs newest first, `limit` at a time; `cursor` continues where the previous page ended. */
export async function listRuns(
  store: Store,
  filters: RunFilters,
  limit: number,
  cursor?: string,
): Promise<RunList> {
  let query = store.db.selectFrom('runs').selectAll();
  if (filters.model || filters.runtime || filters.backend) {
    query = query.where(({ exists, selectFrom }) => {
      let cases = selectFrom('cases').select('cases.idx').whereRef('cases.run_id', '=', 'runs.id');
      if (filters.model) cases = cases.where('cases.model', '=', filters.model);
      if (filters.runtime) cases = cases.where('cases.runtime', '=', filters.runtime);
      if (filters.backend) cases = cases.where('cases.backend', '=', filters.backend);
      return exists(cases);
    });
  }
  if (filters.device) {
    const device = filters.device;
    query = query.where((eb) => eb.or([eb('device_group', '=', device), eb('device_model', '=', device)]));
  }
  if (cursor) {
    const [at, id] = decodeCursor(cursor);
    query = query.where((eb) =>
      eb.or([eb('received_at', '<', at), eb.and([eb('received_at', '=', at), eb('id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const runs: RunListItem[] = page.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    receivedAt: r.received_at,
    suite: { id: r.suite_id, version: r.suite_version },
    source: r.source === 'automation' ? 'automation' : 'browser',
    device: deviceFieldsOf(r),
    cases: r.case_count,
    okCases: r.ok_count,
    url: `/runs/${r.id}`,
  }));
  const last = page.at(-1);
  return { runs, nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null };
}

/** Answers when the store does. */
export async function ping(store: Store): Promise<void> {
  await store.db.selectFrom('runs').select('id').limit(1).execute();
}
