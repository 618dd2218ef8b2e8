/**
 * What one validated run becomes in the store: its `runs` row (with the device fields derived at
 * ingest, the score recomputed from its cases, the record as sent and its hash), its `cases` rows
 * (with their cold-start and memory figures), one `scenario_results` row per
 * scenario result (with the run's device fields), and the comparison that tells a
 * repeat of the same run (200) from a different run under the same id (409).
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { scoreRun } from '../../src/report/score.ts';
import { type Case, type Run, validateRun } from '../../src/schema/run.ts';
import type { ScenarioResult } from '../../src/schema/scenario.ts';
import { deriveDevice, deviceKey } from '../device.ts';
import { caseFigures } from './case-figures.ts';
import type { CasesTable, RunsTable, ScenarioResultsTable } from './schema.ts';

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

/** What the store holds of a run with the same id. */
export interface StoredRun {
  body_sha256: string;
  record: string;
}

/**
 * Whether a stored run is the same run as `rows` (a repeat: 200) or a different one (409).
 * The same bytes are the common case (a client retrying) and cost one comparison; otherwise both
 * records are compared by meaning, so a re-serialized copy is still a repeat. (Rows stored
 * before this hashed a canonical form rather than the bytes; they take the second path.)
 */
export function sameRun(stored: StoredRun, rows: RunRows): boolean {
  if (stored.body_sha256 === rows.bodyHash) return true;
  let value: unknown;
  try {
    value = JSON.parse(stored.record);
  } catch {
    return false;
  }
  const checked = validateRun(value);
  if (!checked.ok) return false;
  const incoming = validateRun(JSON.parse(rows.runRow.record));
  return incoming.ok && canonicalJson(checked.run) === canonicalJson(incoming.run);
}

const bit = (value: boolean) => (value ? 1 : 0);
const nullableBit = (value: boolean | null | undefined) =>
  value === null || value === undefined ? null : bit(value);

/**
 * A run ready to store: its rows (the run row holds the record as sent) and the hash of that
 * record. Plain data, so a worker thread can build it and post it to the thread that writes.
 */
export interface RunRows {
  id: string;
  /** sha256 of the record as sent. */
  bodyHash: string;
  runRow: Insertable<RunsTable>;
  caseRows: Insertable<CasesTable>[];
  /** One per entry of the run's optional `scenarios` (none without it). */
  scenarioRows: Insertable<ScenarioResultsTable>[];
}

export function runRows(run: Run, raw: string, receivedAt: Date): RunRows {
  const device = deriveDevice(run);
  const key = deviceKey(run);
  const bodyHash = createHash('sha256').update(raw).digest('hex');
  // Computed here from the cases: the record's own `score` is the client's claim, never stored.
  const score = scoreRun(run);
  const runRow: Insertable<RunsTable> = {
    id: run.id,
    created_at: run.createdAt,
    received_at: receivedAt.toISOString(),
    suite_id: run.suite.id,
    suite_version: run.suite.version,
    app_version: run.app.version,
    source: run.source,
    emulated: bit(device.emulated),
    emulated_device: device.emulatedDevice,
    cpu_throttle: run.emulation?.cpuThrottle ?? null,
    browser: device.browser,
    browser_version: device.browserVersion,
    engine: device.engine,
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
    device_key: key,
    case_count: run.cases.length,
    ok_count: run.cases.filter((c) => c.status === 'ok').length,
    score_version: score?.version ?? null,
    score_cpu: score?.cpu?.value ?? null,
    score_gpu: score?.gpu?.value ?? null,
    body_sha256: bodyHash,
    record: raw,
    // Set by the ingest route once the run is accepted; always present so every row binds alike.
    delete_token_sha256: null,
    visit: run.visit ?? null,
  };
  return {
    id: run.id,
    bodyHash,
    runRow,
    caseRows: run.cases.map((c, i) => caseRow(run.id, i, c)),
    scenarioRows: (run.scenarios ?? []).map((result, idx) => ({
      run_id: run.id,
      idx,
      scenario_id: result.id,
      version: result.version,
      status: result.status,
      headline_metric: result.headline?.metric ?? null,
      headline_value: result.headline?.value ?? null,
      visibility_lost: bit(result.visibilityLost === true),
      device_group: device.deviceGroup,
      device_model: device.deviceModel,
      browser: device.browser,
      emulated: bit(device.emulated),
      created_at: run.createdAt,
      received_at: runRow.received_at,
      result: canonicalJson(result satisfies ScenarioResult),
    })),
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
    visibility_lost: c.visibilityLost ? 1 : null,
    ...caseFigures(c),
  };
}
