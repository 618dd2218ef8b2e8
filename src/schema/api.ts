/**
 * Shapes of the results server's JSON answers (contract section 4), shared by the server that
 * makes them and the pages that read them (dashboard, run page, upload). Types only.
 */
import type { ScenarioResult } from './scenario.ts';

/** `POST /api/runs` → 201 (stored now) or 200 (already stored, identical). */
export interface IngestAccepted {
  id: string;
  /** Page showing this one run, relative to the server (`/runs/<id>`). */
  url: string;
  /**
   * Only on the 201: the secret that deletes this run (`DELETE /api/runs/:id` with
   * `Authorization: Bearer <token>`). Shown once; the server keeps only its sha256. A repeat (200)
   * carries none, so nobody who merely holds a copy of a record can get a token for it.
   */
  deleteToken?: string;
}

/** `DELETE /api/runs/:id` → 200: what was removed. */
export interface RunDeleted {
  id: string;
  deleted: true;
}

/** Every 4xx/5xx answer. `issues` lists each schema problem on a 400. */
export interface ApiError {
  error: string;
  issues?: { path: string; message: string }[];
}

/** Device fields the server derives from a run's `env` at ingest; what results are grouped by. */
export interface DeviceFields {
  /** Browser brand, e.g. "Chrome", "Edge", "Safari", "Firefox", "Chromium". */
  browser: string;
  /** Major version, e.g. "156". */
  browserVersion: string;
  /**
   * The browser engine: "Blink", "Gecko", "WebKit" (every browser on iOS: Chrome there is
   * "Chrome" with engine "WebKit"), another name ua-parser-js knows, or "unknown" (runs stored
   * before the engine was recorded whose user agent names none).
   */
  engine: string;
  /** e.g. "Android", "iOS", "Linux", "Windows", "macOS". */
  os: string;
  osVersion: string | null;
  mobile: boolean;
  /** Device model when the client sent it (client hints with consent, or the UA string). */
  deviceModel: string | null;
  gpuVendor: string | null;
  gpuArchitecture: string | null;
  /** The WebGPU adapter was a software fallback (e.g. SwiftShader). */
  gpuFallback: boolean | null;
  /** Run made under device emulation (timings are the host's). */
  emulated: boolean;
  emulatedDevice: string | null;
  /** The grouping key shown on the dashboard, e.g. "Pixel 7 · Android" or "emulated Pixel 7 (host Linux)". */
  deviceGroup: string;
}

/** One entry of `GET /api/runs`. */
export interface RunListItem {
  id: string;
  createdAt: string;
  receivedAt: string;
  suite: { id: string; version: string };
  source: 'browser' | 'automation';
  device: DeviceFields;
  cases: number;
  okCases: number;
  url: string;
  /**
   * The score the server computed from the run's cases (never the client's), when its suite is
   * scored: the version, and each class's value or null when that class has none. Absent for
   * unscored suites (additive).
   */
  score?: { version: string; cpu: number | null; gpu: number | null };
}

/** `GET /api/runs?…` newest first; pass `nextCursor` back as `cursor` for the next page. */
export interface RunList {
  runs: RunListItem[];
  nextCursor: string | null;
}

/** One runtime/backend/options combination within a summary group. */
export interface SummaryEntry {
  runtime: string;
  backend: string;
  options: Record<string, string | number | boolean | null>;
  /** Human label, e.g. "ort · wasm (2 threads)". */
  label: string;
  /** Median over runs of each run's warm median, ms (ok cases only). */
  medianMs: number;
  /**
   * 95% CI of medianMs: distribution-free (order statistics of the run medians) from 6 runs on;
   * with fewer runs, the envelope of those runs' own CIs.
   */
  ciMs: [number, number];
  /** Lowest and highest run median, ms. */
  minMs: number;
  maxMs: number;
  runs: number;
  /** medianMs / best medianMs of the group (1 for the best). */
  ratioToBest: number;
  /**
   * Cold start and memory (issue 18; each absent when no run of the entry carried it): the median
   * over runs of the time to the first answer (worker start to the first output read back), ms,
   * and how many runs that rests on…
   */
  firstAnswerMs?: number;
  firstAnswerRuns?: number;
  /** …the median peak WebAssembly heap, bytes, over how many runs, and its median multiple of the model's size… */
  wasmHeapPeakBytes?: number;
  wasmHeapRuns?: number;
  heapToModel?: number;
  /** …the median peak of GPU bytes allocated, bytes… */
  gpuPeakBytes?: number;
  /**
   * …the median of the whole page's memory after the timed runs (`memory.pageBytes`: JavaScript
   * objects, DOM and ArrayBuffers of the page and its workers, not WebAssembly memories), bytes…
   */
  pageBytes?: number;
  /**
   * …and the time to the first answer split by the runs' `visit` (a first visit with nothing
   * cached, a repeat visit in the same browser profile), each only where some run said it was one.
   * Runs that do not say count in `firstAnswerMs` alone.
   */
  visits?: Partial<Record<'first' | 'repeat', VisitFigures>>;
}

/** The cold-start figures of one kind of visit within a summary entry. */
export interface VisitFigures {
  /** Median over those runs of the time to the first answer, ms, and how many runs it rests on. */
  firstAnswerMs: number;
  runs: number;
  /** Median model bytes that crossed the network on such a visit (0: all from a cache), where runs said. */
  modelTransferBytes?: number;
}

/**
 * One model on one device group in one browser (and engine: Chrome on iOS is WebKit, never
 * grouped with Blink's Chrome); emulated and real runs never share a group.
 */
export interface SummaryGroup {
  model: string;
  deviceGroup: string;
  browser: string;
  /** "Blink", "Gecko", "WebKit", … as in `DeviceFields.engine`. */
  engine: string;
  emulated: boolean;
  runs: number;
  devices: number;
  /** Sorted fastest first; entries[0] is the best. */
  entries: SummaryEntry[];
}

/** `GET /api/summary`. */
export interface Summary {
  generatedAt: string;
  /** Distinct devices are counted by a coarse hash of reported traits (user agent, cores, memory, GPU). */
  totals: { runs: number; cases: number; devices: number; deviceGroups: number };
  groups: SummaryGroup[];
}

/** One scenario result in `GET /api/scenarios`, with its run's device fields. */
export interface ScenarioListItem {
  runId: string;
  /** Page of the run (`/runs/<id>`). */
  url: string;
  createdAt: string;
  receivedAt: string;
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  scenario: string;
  version: string;
  status: 'ok' | 'unsupported' | 'error' | 'excluded';
  headline: { metric: string; value: number; text: string } | null;
  /** The scenario result as stored (`atlas.run/1` `scenarios[i]`). */
  result: ScenarioResult;
}

/** `GET /api/scenarios?scenario=&device=&limit=&cursor=` newest first; `nextCursor` continues. */
export interface ScenarioList {
  results: ScenarioListItem[];
  nextCursor: string | null;
}

/** The multi-backend answer of one result: best multi-backend configuration over best single backend. */
export interface MultiBackendGain {
  /** Best single backend's figure over the best multi-backend one: above 1 = faster with several backends. */
  gain: number;
  /** What was compared, e.g. "ratio 0.25 vs the best single backend" or "least-loaded vs fixed, p99 at load 0.8". */
  detail: string;
}

/** Where the fastest backend of an interference result changes, when it does. */
export interface InterferenceFlip {
  /** The first load level whose fastest backend differs from the idle level's, e.g. "4 busy CPU workers". */
  level: string;
  busyWorkers: number | null;
  gpuLoad: boolean | null;
  from: string;
  to: string;
}

/** One scenario on one device group in one browser (ok results that kept visibility only). */
export interface ScenarioSummaryGroup {
  scenario: string;
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  /** Results counted. */
  count: number;
  /** Headline of the newest result, and the median of every result's headline with the same metric. */
  headline: {
    metric: string;
    median: number;
    n: number;
    latest: { value: number; text: string; createdAt: string };
  } | null;
  /** `split` and `dynamic`: the gain over the best single backend, median over results, and the newest. */
  gain?: { median: number; n: number; latest: MultiBackendGain };
  /** `interference`: how many results saw the fastest backend flip, and where (most frequent first). */
  flips?: { results: number; flipped: number; levels: (InterferenceFlip & { count: number })[] };
}

/** `GET /api/scenarios/summary`. */
export interface ScenarioSummary {
  generatedAt: string;
  groups: ScenarioSummaryGroup[];
}

/** A class of backend the score is given for (src/report/score.ts). */
export type ScoreClassName = 'cpu' | 'gpu';

/** One device group's figure in a score comparison: the median of its runs' scores. */
export interface GroupScore {
  deviceGroup: string;
  /** Median of the group's runs' scores of that version and class. */
  score: number;
  runs: number;
}

/** How one class's score of a run compares with every device group's (`GET /api/compare`). */
export interface ClassComparison {
  /** This run's score (computed by the server at ingest). */
  score: number;
  /** This run's device group, this run included. */
  group: GroupScore;
  /**
   * Share, in percent, of the other device groups whose median is below this run's score; null
   * when there is no other group, with `percentileNote` saying so.
   */
  percentile: number | null;
  percentileNote?: string;
  /** Groups compared against (every group with a score of this version and class but this run's). */
  otherGroups: number;
  /** The other group with the lowest median at or above this run's score, and the highest below it. */
  above: GroupScore | null;
  below: GroupScore | null;
  /**
   * What the comparison rests on, this run's group included: runs, device groups, and distinct
   * devices (the store's coarse device signature: a hash of user agent, cores, memory and GPU).
   */
  basis: { runs: number; groups: number; devices: number };
}

/** A library/backend (with options) and its median, ms. */
export interface FastestEntry {
  runtime: string;
  backend: string;
  options: Record<string, string | number | boolean | null>;
  /** e.g. "ort · wasm (2 threads)". */
  label: string;
  medianMs: number;
}

/** One model of the run: its fastest correct case here, and the fastest on similar devices. */
export interface ModelComparison {
  model: string;
  /** This run's fastest correct case of the model; null when none was correct. */
  here: FastestEntry | null;
  /**
   * On similar devices (other runs): the runtime/backend/options with the lowest median of its
   * runs' medians, and how many runs that median is over; null when no similar device has data.
   */
  similar: (FastestEntry & { runs: number }) | null;
}

/** `GET /api/compare?run=ID`: how a stored run compares with the rest of the store. */
export interface Comparison {
  run: string;
  deviceGroup: string;
  emulated: boolean;
  /** The run's score version (e.g. "phone-1"), or null when its suite is not scored. */
  version: string | null;
  /** Each class the run has a score in; only runs of the same score version and the same kind (real or emulated) are compared. */
  classes: Partial<Record<ScoreClassName, ClassComparison>>;
  /** Why a class has no comparison (the run has no score in it). */
  missing: Partial<Record<ScoreClassName, string>>;
  /** The most similar devices: same OS and GPU vendor (and real or emulated, like this run). */
  similar: {
    os: string;
    gpuVendor: string | null;
    label: string;
    /** Other runs of similar devices. */
    runs: number;
    /** How many of them (the newest) the per-model figures are taken over. */
    newest: number;
  };
  /** Per model of the run, in the run's order. */
  models: ModelComparison[];
}

/** `GET /api/scores`: the median score per device group for the newest score version with scores. */
export interface ScoreGroups {
  /** The score version shown, or null when no run has a score yet. */
  version: string | null;
  groups: {
    deviceGroup: string;
    emulated: boolean;
    cpu: { score: number; runs: number } | null;
    gpu: { score: number; runs: number } | null;
  }[];
}
