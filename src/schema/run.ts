/**
 * The `atlas.run/1` run record: the one schema shared by the page, the CLI and the server.
 * Required fields are exactly those of the design contract; everything else is optional so a
 * record holding only the contract's fields stays valid.
 */
import { z } from 'zod';
import { forbiddenKeys, MAX_MEMBER_ISSUES, unknownMembers } from './members.ts';
import { longText, ms, NUL_MESSAGE, noNul, shortText, text } from './primitives.ts';
import { scenarioResultSchema } from './scenario.ts';
import { MAX_COUNT, statisticsSchema } from './statistics.ts';

/** Bounds that keep a hostile record small: strings, arrays and sample counts are capped. */
const LIMITS = Object.freeze({
  cases: 2000,
  samples: 5000,
  notes: 20,
  count: MAX_COUNT,
  cores: 4096,
  resumes: 2000,
  modelFiles: 64,
});

const count = z.number().int().nonnegative().max(LIMITS.count);
/** Whether a JSON value holds a NUL in any string or key, at any depth. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return !noNul(value);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([key, child]) => !noNul(key) || holdsNul(child));
  return false;
}
/** Free-form JSON (settings): any value, as long as no string or key in it holds a NUL. */
const freeJson = z.unknown().refine((v) => !holdsNul(v), NUL_MESSAGE);

/**
 * `crashed`: the page was closed or crashed (out of memory, GPU process lost, tab killed) while
 * the case ran; it is recorded when the run is continued after the reload, and never re-run.
 */
export const CASE_STATUSES = ['ok', 'unsupported', 'error', 'timeout', 'wrong', 'crashed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case's warm block: the statistics of its measured runs, every sample, and why measuring stopped. */
export const warmStatsSchema = statisticsSchema.extend({
  samplesMs: z.array(ms).max(LIMITS.samples),
  /** Why measuring stopped: the CI converged, the time budget ran out, or maxRuns was reached. */
  stop: z.enum(['converged', 'budget', 'maxRuns']).optional(),
});
export type WarmStats = z.infer<typeof warmStatsSchema>;

export const timingsSchema = z.object({
  /** Getting every model file's bytes, from the device's model store or the network; hashing excluded. */
  loadMs: ms,
  /** Checking every model file's size and sha256 against the catalog (absent in older records). */
  verifyMs: ms.optional(),
  initMs: ms,
  firstMs: ms,
  warm: warmStatsSchema,
  /** Warm-up runs done before measuring (not recorded as samples). */
  warmupRuns: count.optional(),
});

export const checkSchema = z.object({
  ok: z.boolean(),
  metric: shortText,
  value: z.number(),
  tolerance: z.number(),
});
export type Check = z.infer<typeof checkSchema>;

/** The task check of a case (e.g. the OCR recogniser read the rendered text); optional, additive. */
export const taskCheckSchema = z.object({
  ok: z.boolean(),
  kind: shortText,
  detail: shortText,
});
export type TaskCheckRecord = z.infer<typeof taskCheckSchema>;

const optionValue = z.union([shortText, z.number(), z.boolean(), z.null()]);
/** Options of a case exactly as used (threads, device type, …): flat, primitive values only. */
export type CaseOptions = Record<string, z.infer<typeof optionValue>>;

/** Statuses of a case that reached its measurement: it may carry timings and output checks. */
export const MEASURED_STATUSES = ['ok', 'wrong', 'error'] as const;
/** Statuses of a case that never measured: no timings, no checks. */
export const UNMEASURED_STATUSES = ['unsupported', 'timeout', 'crashed'] as const;

const bytes = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 40);
/** Who answered a request (src/measure/cold-start.ts `arrivalOf`). */
const arrivalSchema = z.enum(['network', 'http-cache', 'revalidated']);

/** One file of library code the case's worker fetched before its first answer (Resource Timing). */
export const libraryFileSchema = z.object({
  /** The URL's path (no origin, no query), its last 200 characters. */
  path: shortText,
  kind: z.enum(['js', 'wasm', 'other']),
  /** Decoded body size; absent where the browser does not say. */
  bytes: bytes.optional(),
  transferBytes: bytes.optional(),
  via: arrivalSchema.optional(),
  downloadMs: ms,
});

/**
 * What the case cost before its first answer (src/measure/cold-start.ts): every part is a time
 * inside the case's worker, so the parts never add up to more than `firstAnswerMs`, nor that to
 * more than the case's `wallMs`. Absent in older records and where the first inference never ended.
 */
export const coldStartSchema = z.object({
  /**
   * Worker start to the first output read back, less the harness's own hashing of the model
   * files (`timings.verifyMs`, which no app does): what a user waits for a first answer.
   */
  firstAnswerMs: ms,
  /** Worker start until the case's call arrived (the worker's own script, the harness). */
  workerStartMs: ms.optional(),
  /** Importing the runtime adapter with its library's JavaScript (download, parse, evaluate). */
  libraryImportMs: ms.optional(),
  /** The library's code: every file the worker fetched before the first answer that is not a model file. */
  library: z
    .object({
      jsBytes: bytes.optional(),
      wasmBytes: bytes.optional(),
      otherBytes: bytes.optional(),
      transferBytes: bytes.optional(),
      /** Wall time with at least one library download under way (overlaps counted once). */
      downloadMs: ms,
      /** Wall time inside WebAssembly compile/instantiate calls (a streaming call includes its download). */
      instantiateMs: ms.optional(),
      /** The part of `instantiateMs` with no library download under way: compiling and instantiating alone. */
      compileMs: ms.optional(),
      files: z.array(libraryFileSchema).max(LIMITS.modelFiles),
    })
    .optional(),
  /** The model files: decoded bytes, bytes over the network, and the downloads' wall time (absent: all from the store). */
  model: z
    .object({
      bytes: bytes,
      transferBytes: bytes.optional(),
      downloadMs: ms.optional(),
    })
    .optional(),
});
export type ColdStart = z.infer<typeof coldStartSchema>;

/**
 * Memory of the case's worker as far as the page can see it. `wasmHeap*`: the summed size of every
 * `WebAssembly.Memory` the library made or exported in the case's worker (src/measure/wasm-watch.ts);
 * absent, not zero, when the library ran without WebAssembly.
 */
export const memorySchema = z.object({
  /** After the session was created, bytes. */
  wasmHeapInitBytes: bytes.optional(),
  /** After the timed runs; WebAssembly memory never shrinks, so this is its peak, bytes. */
  wasmHeapPeakBytes: bytes.optional(),
  /** How many distinct memories were summed. */
  wasmMemories: count.optional(),
  /**
   * GPU memory the case allocated (src/measure/gpu-watch.ts): WebGPU buffers and textures and
   * WebGL buffer and texture uploads, by their sizes, less what was destroyed or deleted; live after
   * the session was created, and the peak of the live total until the timed runs ended. Absent when
   * no allocation was seen (no GPU API used, or none the watch can size).
   */
  gpuInitBytes: bytes.optional(),
  gpuPeakBytes: bytes.optional(),
  /**
   * The whole page's memory after the timed runs, as `performance.measureUserAgentSpecificMemory()`
   * reports it (cross-origin-isolated Chromium, when the run asked: src/app/page-memory.ts): the
   * JavaScript objects, DOM and ArrayBuffers of the page and all its workers, not WebAssembly
   * memories. `pageWorkersBytes` is the part in dedicated workers (the case's and its library's).
   */
  pageBytes: bytes.optional(),
  pageWorkersBytes: bytes.optional(),
});
export type MemoryRecord = z.infer<typeof memorySchema>;

/**
 * What a case may carry once it has measured. `error` is here too: the protocol records one with
 * its timings when the check itself cannot run (no reference output) or fails after measuring.
 */
const measured = {
  timings: timingsSchema.optional(),
  check: checkSchema.optional(),
  /** What the output means for the task on the deterministic input, when the model has such a check. */
  taskCheck: taskCheckSchema.optional(),
  /** What the first answer cost (absent in older records). */
  coldStart: coldStartSchema.optional(),
  /** Memory the case used (absent in older records). */
  memory: memorySchema.optional(),
};
/** A case that never measured refuses timings and checks rather than dropping them silently. */
const absent = (what: string) =>
  z
    .never({ error: `a case that is unsupported, timed out or crashed never measured: it has no ${what}` })
    .optional();
const unmeasured = {
  timings: absent('timings'),
  check: absent('check'),
  taskCheck: absent('task check'),
  coldStart: absent('cold-start breakdown'),
  memory: absent('memory figures'),
};

/** One model file a case used: its size, and whether the device's model store had it. */
export const modelFileSchema = z.object({
  path: shortText,
  bytes: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 40),
  /** `cache`: read from the device's model store; `network`: downloaded (then stored). */
  source: z.enum(['cache', 'network']),
  /** The stored copy failed the size or sha256 check and was downloaded again. */
  refetched: z.literal(true).optional(),
  /** Hashing this file (every attempt), ms. */
  verifyMs: ms.optional(),
  /**
   * Bytes that crossed the network for a downloaded file (Resource Timing `transferSize`: headers
   * included; 0 when the HTTP cache answered). Absent from the store or where the browser does not say.
   */
  transferBytes: bytes.optional(),
  /** Who answered a download: the server, the HTTP cache, or the server with a 304 (Resource Timing). */
  via: arrivalSchema.optional(),
  /** The file's download, request to last byte (Resource Timing), ms. */
  downloadMs: ms.optional(),
});
export type ModelFileRecord = z.infer<typeof modelFileSchema>;

/** The members every case has, whatever its status: first the ones naming it… */
const caseHead = {
  model: shortText,
  runtime: shortText,
  backend: shortText,
  /** Flat: each option is a string, number, boolean or null. */
  options: z.record(shortText, optionValue).optional(),
};
/** …and, after its status, error and results, what the library said. */
const caseTail = {
  /** Backend the library reports it actually used, when the library can tell. */
  actualBackend: shortText.optional(),
  /** Library version as loaded. */
  libraryVersion: shortText.optional(),
  /** Wall time of the whole case as the page saw it (worker start to result), ms. */
  wallMs: ms.optional(),
  /** Things the library said that matter for the numbers (e.g. nodes placed on CPU). */
  notes: z.array(longText).max(LIMITS.notes).optional(),
  /**
   * The page was hidden while this case ran, on its first run and again on the re-measurement:
   * background tabs are throttled, so its timings are not comparable with other cases'.
   */
  visibilityLost: z.boolean().optional(),
  /**
   * `software-gpu`: a GPU case on a software GPU, measured with the short fixed budget
   * (src/app/plan.ts) rather than the suite's; its numbers say nothing about GPU speed.
   */
  budget: z.enum(['software-gpu']).optional(),
  /** The model files as loaded (absent in older records and on cases that never loaded them). */
  modelFiles: z.array(modelFileSchema).max(LIMITS.modelFiles).optional(),
};

/** The cases of these statuses, with these results (members in the record's order). */
const caseOf = <S extends readonly [string, ...string[]], R extends z.ZodRawShape>(statuses: S, results: R) =>
  z.object({
    ...caseHead,
    status: z.enum(statuses),
    /** One line, when not ok. */
    error: longText.optional(),
    ...results,
    ...caseTail,
  });

/**
 * One case, discriminated on `status`: timings and checks only on a status that can have them
 * (MEASURED_STATUSES); `unsupported`, `timeout` and `crashed` never measured. Each may still omit them, so
 * a case holding only the contract's required fields stays valid.
 */
const measuredCaseSchema = caseOf(MEASURED_STATUSES, measured);
export const caseSchema = z.discriminatedUnion('status', [
  measuredCaseSchema,
  caseOf(UNMEASURED_STATUSES, unmeasured),
]);
/** A case whose status may carry timings and checks. */
export type MeasuredCase = z.infer<typeof measuredCaseSchema>;
export type Case = z.infer<typeof caseSchema>;

const gpuSchema = z.object({
  vendor: shortText.optional(),
  architecture: shortText.optional(),
  device: shortText.optional(),
  description: shortText.optional(),
  isFallbackAdapter: z.boolean().optional(),
  shaderF16: z.boolean().optional(),
});

const uaDataSchema = z.object({
  brands: z.array(z.object({ brand: shortText, version: shortText })).max(20),
  mobile: z.boolean(),
  platform: shortText,
  model: shortText.optional(),
  platformVersion: shortText.optional(),
  architecture: shortText.optional(),
});

export const envSchema = z.object({
  userAgent: text(1000),
  uaData: uaDataSchema.optional(),
  hardwareConcurrency: z.number().int().nonnegative().max(LIMITS.cores),
  deviceMemory: z.number().nonnegative().optional(),
  crossOriginIsolated: z.boolean(),
  /**
   * What isolated the page: the server's COOP/COEP headers, or the static build's service worker
   * adding them (hosts that cannot set headers; every fetch then passes through it). Absent when
   * not isolated, and in records from before it was recorded.
   */
  isolatedBy: z.enum(['headers', 'service-worker']).optional(),
  features: z.object({
    wasmSimd: z.boolean(),
    wasmThreads: z.boolean(),
    webgl2: z.boolean(),
    webgpu: z.boolean(),
    webnn: z.boolean(),
    /**
     * Where `SharedArrayBuffer` came from: the engine's global, or the constructor of shared
     * WebAssembly memory when the engine hides the name (WebKitGTK); absent in older records.
     */
    sharedArrayBuffer: z.enum(['global', 'wasm-memory', 'none']).optional(),
    /** WebGL2 on an OffscreenCanvas inside a dedicated worker, where cases run (absent: not probed). */
    workerWebgl2: z.boolean().optional(),
  }),
  gpu: gpuSchema.optional(),
  webglRenderer: shortText.optional(),
  /**
   * GPU APIs that run on a software rasteriser or a fallback adapter here (src/report/software-gpu.ts),
   * and why; absent when none does (or in records from before it was probed).
   */
  softwareGpu: z
    .object({ webgpu: z.boolean().optional(), webgl: z.boolean().optional(), why: shortText })
    .optional(),
});
export type Env = z.infer<typeof envSchema>;

/** `emulation.device` of a run that only slowed the host's CPU, without device emulation. */
export const HOST_DEVICE = 'host (no device emulation)';

export const emulationSchema = z.object({
  device: shortText,
  cpuThrottle: z.number().positive().optional(),
  /** How the CPU slow-down was made and how much it measured, when one was asked for. */
  throttle: z
    .object({
      mechanism: shortText,
      quotaUs: z.number().optional(),
      periodUs: z.number().optional(),
      hostCores: z.number().optional(),
      measuredFactor: z.number().optional(),
    })
    .optional(),
});

const classScoreSchema = z.object({
  value: z.number().positive().max(1e9),
  models: z.number().int().positive().max(LIMITS.cases),
});

/**
 * The run's score per class of backend (src/report/score.ts, docs/methodology.md "The score"),
 * present when the run's suite is scored; a class without a value says why under `missing`.
 * Servers recompute it from the cases rather than trust it.
 */
export const runScoreSchema = z.object({
  version: shortText,
  cpu: classScoreSchema.optional(),
  gpu: classScoreSchema.optional(),
  missing: z.object({ cpu: longText.optional(), gpu: longText.optional() }).optional(),
});

export const RUN_SCHEMA_ID = 'atlas.run/1';

export const WAKE_LOCK_STATES = ['held', 'refused', 'unavailable'] as const;
export type WakeLockState = (typeof WAKE_LOCK_STATES)[number];
/**
 * How the device's model store (Cache Storage) did during a run: kept the files (`ok`), ran out
 * of space (`full`), was not there (`unavailable`: not a secure context, storage blocked) or
 * failed (`error`); the files then came from the network. Absent in older records.
 */
export const modelCacheSchema = z.object({
  state: z.enum(['ok', 'full', 'unavailable', 'error']),
  detail: shortText.optional(),
});
export type ModelCache = z.infer<typeof modelCacheSchema>;

export const runSchema = z.object({
  schema: z.literal(RUN_SCHEMA_ID),
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  app: z.object({ version: shortText }),
  suite: z.object({ id: shortText, version: shortText }),
  source: z.enum(['browser', 'automation']),
  emulation: emulationSchema.optional(),
  env: envSchema,
  cases: z.array(caseSchema).max(LIMITS.cases),
  /** Settings the run was made with (budgets, filters), for reproducing it. */
  settings: z.record(shortText, freeJson).optional(),
  /** Heterogeneous and concurrent inference scenarios run with (or instead of) the cases. */
  scenarios: z.array(scenarioResultSchema).max(20).optional(),
  /** The score of the run, when its suite is scored (additive). */
  score: runScoreSchema.optional(),
  /**
   * The screen wake lock while the run went on: `held` (granted; asked again whenever the page
   * came back into view), `refused` (the browser said no), `unavailable` (no Wake Lock API).
   */
  wakeLock: z.enum(WAKE_LOCK_STATES).optional(),
  /**
   * When the run was continued after the page was closed or crashed mid-run, one time per
   * continuation: the case running then is `crashed`, the cases before it were kept.
   */
  resumedAt: z
    .array(z.iso.datetime({ offset: true }))
    .max(LIMITS.resumes)
    .optional(),
  modelCache: modelCacheSchema.optional(),
  /**
   * Set by automation that ran the same plan twice in one browser profile: `first` with nothing
   * cached, `repeat` with the HTTP cache and the model store as the first visit left them.
   */
  visit: z.enum(['first', 'repeat']).optional(),
});
export type Run = z.infer<typeof runSchema>;

/** One problem found in a record: where it is (dotted path) and what is wrong. */
export interface RecordIssue {
  path: string;
  message: string;
}

/** Validates an unknown value as `atlas.run/1`; never throws. */
export function validateRun(value: unknown): { ok: true; run: Run } | { ok: false; issues: RecordIssue[] } {
  const parsed = runSchema.safeParse(value);
  if (parsed.success) return { ok: true, run: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  };
}

/**
 * Validates a record as posted to a server: as `validateRun`, and refuses (rather than drops)
 * members the schema does not know, and the keys `__proto__`, `constructor` and `prototype`
 * anywhere, with their paths. Readers of stored records keep `validateRun`, which drops unknown
 * members, so a record stored before this rule stays readable.
 *
 * `text`: the validated record as JSON, what a server stores. Given the body as sent (`raw`),
 * the walks are skipped when they cannot find anything — no key that could spell a forbidden
 * name, and the body is exactly `text` (then it holds nothing the schema dropped) — which is
 * the case for every body the page sends.
 */
export function validatePostedRun(
  value: unknown,
  raw?: string,
): { ok: true; run: Run; text: string } | { ok: false; issues: RecordIssue[] } {
  const mayHoldForbidden = raw === undefined || FORBIDDEN_TEXT.test(raw);
  const forbidden = mayHoldForbidden ? forbiddenKeys(value).slice(0, MAX_MEMBER_ISSUES) : [];
  const checked = validateRun(value);
  if (!checked.ok)
    return {
      ok: false,
      issues: [...forbidden, ...checked.issues.filter((i) => !forbidden.some((f) => f.path === i.path))],
    };
  const text = JSON.stringify(checked.run);
  const issues =
    text === raw
      ? forbidden
      : [...forbidden, ...unknownMembers(value, checked.run).slice(0, MAX_MEMBER_ISSUES)];
  return issues.length ? { ok: false, issues } : { ok: true, run: checked.run, text };
}

/** Text that may spell a forbidden key: the names themselves, or any \u escape (`"__pro\u0074o__"`). */
const FORBIDDEN_TEXT = /__proto__|constructor|prototype|\\u/;
