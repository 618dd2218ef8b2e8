/**
 * The database's tables as Kysely types: one interface for SQLite and PostgreSQL alike.
 * Booleans are stored as 0/1 integers and timestamps as ISO 8601 text so both dialects read the
 * same values back.
 */

export interface RunsTable {
  id: string;
  /** Client's `createdAt`. */
  created_at: string;
  /** Server time the run was stored (ISO 8601); the list's sort key. */
  received_at: string;
  suite_id: string;
  suite_version: string;
  app_version: string;
  source: string;
  emulated: number;
  emulated_device: string | null;
  cpu_throttle: number | null;
  browser: string;
  browser_version: string;
  /** "Blink", "Gecko", "WebKit", …; null only for a stored run whose record could not be read when the column was added. */
  engine: string | null;
  os: string;
  os_version: string | null;
  mobile: number;
  device_model: string | null;
  gpu_vendor: string | null;
  gpu_architecture: string | null;
  gpu_fallback: number | null;
  cores: number;
  device_memory: number | null;
  isolated: number;
  device_group: string;
  /** Coarse hash of the device's reported traits, to count devices without storing who. */
  device_key: string;
  case_count: number;
  ok_count: number;
  /**
   * The score the server computed from the run's cases at ingest (src/report/score.ts; never the
   * client's `score`): its version when the run's suite is scored (else null), and each class's
   * value, null when that class has none. Filled in for runs stored before by migration 008.
   */
  score_version: string | null;
  score_cpu: number | null;
  score_gpu: number | null;
  /** sha256 of the validated record; decides 200 (same) vs 409 (different) on a repeated id. */
  body_sha256: string;
  /** The record exactly as sent. */
  record: string;
  /**
   * sha256 (hex) of the deletion token the 201 carried (the token itself is never stored); null
   * for runs stored before tokens existed, or imported without one.
   */
  delete_token_sha256: string | null;
  /**
   * The record's `visit` (`first` or `repeat`, set by automation that ran the same plan twice in
   * one browser profile); null when the record does not say. Migration 012, filled by 013.
   */
  visit: string | null;
}

export interface CasesTable {
  run_id: string;
  idx: number;
  model: string;
  runtime: string;
  backend: string;
  /** Options as canonical JSON (sorted keys), so equal options compare equal. */
  options: string;
  status: string;
  error: string | null;
  load_ms: number | null;
  init_ms: number | null;
  first_ms: number | null;
  median_ms: number | null;
  mean_ms: number | null;
  min_ms: number | null;
  p90_ms: number | null;
  stdev_ms: number | null;
  ci_lo_ms: number | null;
  ci_hi_ms: number | null;
  n: number | null;
  check_ok: number | null;
  check_metric: string | null;
  check_value: number | null;
  /** 1 when the page lost visibility during the case (also after its re-measurement); else null. */
  visibility_lost: number | null;
  /*
   * Cold start and memory (server/store/case-figures.ts; migration 010, `page_bytes` 012): null
   * where the record does not say.
   */
  /** Worker start to the first output read back, ms. */
  first_answer_ms: number | null;
  /** The library's code fetched before the first answer (JS, WASM and other files), bytes. */
  library_bytes: number | null;
  /** The model: its files' sizes (or the cold-start model bytes), bytes. */
  model_bytes: number | null;
  /** Model bytes that crossed the network (0: all from a cache). */
  model_transfer_bytes: number | null;
  wasm_heap_peak_bytes: number | null;
  gpu_peak_bytes: number | null;
  /** The whole page's memory after the timed runs (`memory.pageBytes`: JS, DOM, ArrayBuffers; no WebAssembly memories). */
  page_bytes: number | null;
}

/** One scenario result of a run (the run's `scenarios[idx]`), with the run's device fields. */
export interface ScenarioResultsTable {
  run_id: string;
  idx: number;
  scenario_id: string;
  version: string;
  status: string;
  headline_metric: string | null;
  headline_value: number | null;
  /** 1 when the page lost visibility while the scenario ran (its timings are not comparable). */
  visibility_lost: number;
  device_group: string;
  device_model: string | null;
  browser: string;
  emulated: number;
  /** The run's `createdAt`. */
  created_at: string;
  /** When the run was stored; the list's sort key, as for runs. */
  received_at: string;
  /** The scenario result as canonical JSON. */
  result: string;
}

export interface Database {
  runs: RunsTable;
  cases: CasesTable;
  scenario_results: ScenarioResultsTable;
}
