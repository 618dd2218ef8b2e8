/**
 * Reading runs from the store — the record as sent and the newest-first list with filters and
 * keyset paging — and deleting one with its deletion token. (Writing is `run-writer.ts`.)
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeviceFields, RunList, RunListItem } from '../../src/schema/api.ts';
import type { Store } from './database.ts';
import type { RunsTable } from './schema.ts';

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
    engine: r.engine ?? 'unknown',
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
    ...(r.score_version === null
      ? {}
      : { score: { version: r.score_version, cpu: r.score_cpu, gpu: r.score_gpu } }),
  }));
  const last = page.at(-1);
  return { runs, nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null };
}

/** Answers when the store does. */
export async function ping(store: Store): Promise<void> {
  await store.db.selectFrom('runs').select('id').limit(1).execute();
}

/** What `deleteRun` came to. */
export type DeleteOutcome = 'deleted' | 'missing' | 'no-token-stored' | 'wrong-token';

/** sha256 (hex) of a deletion token: what the store keeps in place of the token. */
export function deleteTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = createHash('sha256').update(token).digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

/**
 * Removes a run, its cases and its scenario results in one transaction, when `token` is the one
 * its 201 carried. Scores and comparisons are computed from these rows, so they follow at once;
 * the in-memory summary is the caller's to update.
 */
export async function deleteRun(store: Store, id: string, token: string): Promise<DeleteOutcome> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('runs')
      .select('delete_token_sha256')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return 'missing';
    if (row.delete_token_sha256 === null) return 'no-token-stored';
    if (!tokenMatches(token, row.delete_token_sha256)) return 'wrong-token';
    await trx.deleteFrom('cases').where('run_id', '=', id).execute();
    await trx.deleteFrom('scenario_results').where('run_id', '=', id).execute();
    await trx.deleteFrom('runs').where('id', '=', id).execute();
    return 'deleted';
  });
}
