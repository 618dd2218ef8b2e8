/**
 * All settings of a run in one frozen, documented object, parsed from the page's URL. The CLI and
 * the tests build the same URL (`toSearchParams`), so a headless run and a tap on Run are
 * configured identically.
 */
import { DEFAULT_SUITE } from '../suite/suites.ts';

/** The faults the harness can inject into one case (see `RunParams.fault`). */
export type FaultKind = 'hang' | 'throw' | 'crash';

export interface RunParams {
  /** Suite id (`phone` | `quick` | `full`). Default `phone` (DEFAULT_SUITE). */
  suite: string;
  /** Only these model ids (empty: all of the suite). */
  models: readonly string[];
  /** Only these runtime ids (empty: all). */
  runtimes: readonly string[];
  /** Only these backend ids (empty: all). */
  backends: readonly string[];
  /** Fixed number of measured runs (sets minRuns = maxRuns), or undefined for the adaptive rule. */
  runs: number | undefined;
  /** Watchdog limit per case in ms, overriding the suite's. */
  caseTimeoutMs: number | undefined;
  /** Start the run as soon as the page is ready (not while an interrupted run waits: see `resume`). */
  autorun: boolean;
  /**
   * Continue a run this page left unfinished (closed or crashed mid-run) without asking
   * (`?resume=1`). Without it the page offers to continue or discard it, and `autorun` waits.
   */
  resume: boolean;
  /** Who started the run. */
  source: 'browser' | 'automation';
  /** Playwright device descriptor name the automation emulates, if any. */
  emulatedDevice: string | undefined;
  /** CPU slow-down asked of the automation, and how it was made (JSON), if any. */
  cpuThrottle: number | undefined;
  throttleInfo: Record<string, unknown> | undefined;
  /**
   * Fault injection for harness tests: `hang|throw|crash:model/runtime/backend`. `crash` makes the
   * page reload itself while that case runs, as if the tab had been killed (app/crash-fault.ts).
   */
  fault: { kind: FaultKind; model: string; runtime: string; backend: string } | undefined;
  /** Results server (`?results=URL`) to upload to instead of the build's default or the page's origin. */
  resultsUrl: string | undefined;
  /**
   * GPU cases on a software GPU (SwiftShader, llvmpipe, a fallback adapter): `short` (default) runs
   * them with a short fixed budget, `full` with the suite's (`?softwareGpu=full`).
   */
  softwareGpu: 'short' | 'full';
  /** Scenario ids to run after the cases (`?scenario=a,b`), each at the suite's size. */
  scenarios: readonly string[];
  /** Run only the scenarios, no suite cases (`?only=scenarios`). */
  scenariosOnly: boolean;
  /**
   * Which visit of one browser profile this run is (`?visit=first|repeat`), set by automation that
   * runs the same plan twice to show what caching saves (`npm run bench -- --repeat-visit`).
   */
  visit: 'first' | 'repeat' | undefined;
  /**
   * Measure the whole page's memory after each case's timed runs (`?pageMemory=1`; cross-origin-
   * isolated Chromium only). Off by default: an ordinary Chromium answers only after its next garbage
   * collection, and the case's worker is held until then (src/app/page-memory.ts).
   */
  pageMemory: boolean;
}

const list = (value: string | null): string[] =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function positiveInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function parseFault(value: string | null): RunParams['fault'] {
  if (!value) return undefined;
  const match = /^(hang|throw|crash):([^/]+)\/([^/]+)\/([^/]+)$/.exec(value);
  if (!match) throw new Error(`fault must look like hang:model/runtime/backend, got "${value}"`);
  const [, kind, model, runtime, backend] = match as unknown as [string, FaultKind, string, string, string];
  return { kind, model, runtime, backend };
}

function parseResultsUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`results must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`results must be an http(s) URL, got "${value}"`);
  return value;
}

function parseSoftwareGpu(value: string | null): RunParams['softwareGpu'] {
  if (value === null || value === '' || value === 'short') return 'short';
  if (value === 'full') return 'full';
  throw new Error(`softwareGpu must be short or full, got "${value}"`);
}

function parseJsonObject(value: string | null): Record<string, unknown> | undefined {
  if (!value) return undefined;
  const parsed: unknown = JSON.parse(value);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
}

/** Parses URL search parameters; throws one clear message for a bad value. */
function parseVisit(value: string | null): 'first' | 'repeat' | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'first' || value === 'repeat') return value;
  throw new Error(`visit must be first or repeat, got "${value}"`);
}

export function parseRunParams(search: URLSearchParams): Readonly<RunParams> {
  const throttle = search.get('cpuThrottle');
  const cpuThrottle = throttle ? Number(throttle) : undefined;
  if (cpuThrottle !== undefined && !(cpuThrottle >= 1))
    throw new Error(`cpuThrottle must be ≥ 1, got "${throttle}"`);
  return Object.freeze({
    suite: search.get('suite') || DEFAULT_SUITE,
    models: list(search.get('model')),
    runtimes: list(search.get('runtime')),
    backends: list(search.get('backend')),
    runs: positiveInt(search.get('runs'), 'runs'),
    caseTimeoutMs: positiveInt(search.get('caseTimeout'), 'caseTimeout'),
    autorun: search.get('autorun') === '1',
    resume: search.get('resume') === '1',
    source: search.get('source') === 'automation' ? 'automation' : 'browser',
    emulatedDevice: search.get('emulate') || undefined,
    cpuThrottle,
    throttleInfo: parseJsonObject(search.get('throttle')),
    fault: parseFault(search.get('fault')),
    resultsUrl: parseResultsUrl(search.get('results')),
    softwareGpu: parseSoftwareGpu(search.get('softwareGpu')),
    scenarios: list(search.get('scenario')),
    scenariosOnly: search.get('only') === 'scenarios',
    visit: parseVisit(search.get('visit')),
    pageMemory: search.get('pageMemory') === '1',
  });
}

/** The inverse of `parseRunParams` for the fields set; used by the CLI and tests. */
export function toSearchParams(p: Partial<RunParams>): URLSearchParams {
  const s = new URLSearchParams();
  if (p.suite) s.set('suite', p.suite);
  if (p.models?.length) s.set('model', p.models.join(','));
  if (p.runtimes?.length) s.set('runtime', p.runtimes.join(','));
  if (p.backends?.length) s.set('backend', p.backends.join(','));
  if (p.runs !== undefined) s.set('runs', String(p.runs));
  if (p.caseTimeoutMs !== undefined) s.set('caseTimeout', String(p.caseTimeoutMs));
  if (p.autorun) s.set('autorun', '1');
  if (p.resume) s.set('resume', '1');
  if (p.source === 'automation') s.set('source', 'automation');
  if (p.emulatedDevice) s.set('emulate', p.emulatedDevice);
  if (p.cpuThrottle !== undefined) s.set('cpuThrottle', String(p.cpuThrottle));
  if (p.throttleInfo) s.set('throttle', JSON.stringify(p.throttleInfo));
  if (p.fault) s.set('fault', `${p.fault.kind}:${p.fault.model}/${p.fault.runtime}/${p.fault.backend}`);
  if (p.resultsUrl) s.set('results', p.resultsUrl);
  if (p.softwareGpu === 'full') s.set('softwareGpu', 'full');
  if (p.scenarios?.length) s.set('scenario', p.scenarios.join(','));
  if (p.scenariosOnly) s.set('only', 'scenarios');
  if (p.visit) s.set('visit', p.visit);
  if (p.pageMemory) s.set('pageMemory', '1');
  return s;
}
