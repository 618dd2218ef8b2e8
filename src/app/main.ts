/**
 * The benchmark page: probes the device, plans the chosen suite, runs every case in its own
 * worker with a progress bar and ETA, fills the results table live, offers the record as JSON and
 * uploads it to the results server (`upload.ts`). A run holds the screen awake and journals itself
 * (`run-guard.ts`), so a run the page lost to a crash or a reload can be continued (`resume-banner.ts`).
 * `window.atlas` exposes the state and the record to automation (the CLI and the tests).
 */
import { parseRunParams, type RunParams } from '../measure/params.ts';
import { renderSummary } from '../report/device-summary.ts';
import { appendResultRow } from '../report/results-table.ts';
import type { Case, Env, Run } from '../schema/run.ts';
import type { ScenarioResult } from '../schema/scenario.ts';
import { SUITES, suiteById } from '../suite/suites.ts';
import { compareView } from './compare.ts';
import { renderThreeFactors } from './factor-table.ts';
import type { InterruptedRun } from './interrupted-run.ts';
import { type Isolation, isolate } from './isolation.ts';
import { type ModelStorageState, type ModelStorageView, mountModelStorage } from './model-storage.ts';
import { modelsBaseUrl } from './models-base.ts';
import { renderNetworkRankings } from './network-table.ts';
import { planRun } from './plan.ts';
import { duration, type PlanOverview, showPlanOverview } from './plan-summary.ts';
import { probeEnvironment } from './probe.ts';
import { buildRecord } from './record.ts';
import { checkInterruptedRun, type InterruptedRunStatus } from './resume-banner.ts';
import { guardRun, type RunGuard } from './run-guard.ts';
import { type RunProgress, runPlan } from './run-plan.ts';
import { renderRunSummary } from './run-summary.ts';
import { renderScenario } from './scenario-view.ts';
import { runnableScenarios, runScenarios } from './scenarios/index.ts';
import { initUploader, type Uploader, type UploadStatus } from './upload.ts';

type AtlasState = 'probing' | 'ready' | 'running' | 'done' | 'failed';
interface AtlasHandle extends InterruptedRunStatus {
  state: AtlasState;
  record?: Run;
  error?: string;
  /** Upload of the last run to the results server, and the queue of records waiting to go. */
  upload?: UploadStatus;
  /** What the chosen suite will do here, as shown beside Run (cases, estimate). */
  plan?: PlanOverview;
  /** Estimated time left, ms, after each finished case of the current run (for automation and tests). */
  etaAfterCase?: number[];
  /** The screen wake lock of the current or last run. */
  wakeLock?: { state: string; active: boolean };
  /** The planned run's model bytes: already stored on this device, and to download. */
  models?: ModelStorageState;
  /** Cross-origin isolation: by headers, by the static build's service worker, or why not. */
  isolation?: Isolation;
}
declare global {
  interface Window {
    atlas: AtlasHandle;
  }
}

const CONSENT_KEY = 'atlas.consent.deviceDetails';

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el;
}

const handle: AtlasHandle = { state: 'probing' };
window.atlas = handle;
let uploader: Uploader | undefined;
let modelStorage: ModelStorageView | undefined;
/** How the last uploaded run compares with other devices (filled after its upload). */
const comparison = compareView($('compare'));

function fail(message: string): void {
  handle.state = 'failed';
  handle.error = message;
  const banner = $('error');
  banner.textContent = message;
  banner.hidden = false;
}

function showIsolation(env: Env, isolation: Isolation): void {
  const note = $('isolation');
  note.hidden = env.crossOriginIsolated;
  const why = isolation.step === 'unavailable' ? ` (${isolation.why})` : '';
  note.textContent = env.crossOriginIsolated
    ? ''
    : `This page is not cross-origin isolated${why}, so WebAssembly cannot use threads: multi-threaded WASM cases are skipped and only single-threaded WASM results are shown.`;
}

function showProgress(p: RunProgress): void {
  const bar = $('progress-bar') as HTMLProgressElement;
  bar.max = p.total;
  bar.value = p.index;
  const { spec } = p.planned;
  const phase =
    p.event.phase === 'measure' && p.event.samples ? `measuring (${p.event.samples} runs)` : p.event.phase;
  const eta = ` · about ${duration(p.etaMs)} left`;
  $('progress-text').textContent =
    `Case ${p.index + 1} of ${p.total}: ${spec.model.id} · ${spec.runtime} · ${spec.backend} — ${phase}${eta}`;
}

function offerDownload(record: Run): void {
  const button = $('download') as HTMLButtonElement;
  button.disabled = false;
  button.onclick = () => {
    const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `atlas-run-${record.id}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
}

/**
 * Runs the scenarios the params name (none: nothing) but those the run already has (`guard.done`),
 * showing progress and each result's card.
 */
async function runScenarioList(
  params: RunParams,
  env: Env,
  modelsBaseUrl: string,
  size: 'quick' | 'full',
  guard: RunGuard,
): Promise<ScenarioResult[]> {
  if (params.scenarios.length === 0) return [];
  const container = $('scenario-results');
  container.replaceChildren();
  container.hidden = false;
  const bar = $('progress-bar') as HTMLProgressElement;
  const total = params.scenarios.length;
  const done = guard.done.scenarios;
  let current = 0;
  let title = '';
  const ran = await runScenarios(params.scenarios.slice(done.length), {
    env,
    modelsBaseUrl,
    size,
    onStart: (index, def) => {
      current = done.length + index;
      title = def.title;
      return guard.scenarioStarting(current, def);
    },
    onDone: (index, result) => guard.scenarioDone(done.length + index, result),
    onProgress: (text, fraction) => {
      bar.max = total;
      bar.value = current + fraction;
      $('progress-text').textContent = `Scenario ${current + 1} of ${total}: ${title} — ${text}`;
    },
  });
  const results = [...done, ...ran];
  const defs = runnableScenarios();
  for (const result of results) {
    const def = defs.find((d) => d.id === result.id);
    if (def) renderScenario(container, def, result);
  }
  return results;
}

async function run(params: RunParams, resume?: InterruptedRun): Promise<void> {
  const runButton = $('run') as HTMLButtonElement;
  const scenarioButton = $('run-scenarios') as HTMLButtonElement;
  runButton.disabled = true;
  scenarioButton.disabled = true;
  handle.state = 'running';
  delete handle.error;
  delete handle.interrupted;
  $('error').hidden = true;
  $('resume').hidden = true;
  // The last run's score and "fastest here" go until this run has its own.
  $('summary').hidden = true;
  const began = Date.now();
  let guard: RunGuard | undefined;
  uploader?.runStarted();
  await modelStorage?.beginRun();
  comparison.clear();
  try {
    const consent = ($('consent') as HTMLInputElement).checked;
    const env = await probeEnvironment(consent);
    const suite = suiteById(params.suite);
    const plan = params.scenariosOnly ? [] : planRun(params, env, modelsBaseUrl());
    if (plan.length === 0 && params.scenarios.length === 0) {
      throw new Error('No case matches the chosen models, runtimes and backends.');
    }
    guard = await guardRun({ params, suite, plan, ...(resume ? { resume } : {}) });
    const { startedAt } = guard;
    const runGuard = guard;
    handle.wakeLock = { state: guard.wakeLock.state, active: guard.wakeLock.active };
    $('progress').hidden = false;
    let cases: Case[] = [];
    if (plan.length > 0) {
      const body = $('results-body') as HTMLTableSectionElement;
      body.replaceChildren();
      $('networks').hidden = true;
      $('factors').hidden = true;
      $('results').hidden = false;
      handle.etaAfterCase = [];
      cases = await runPlan(
        plan,
        {
          onProgress: (p) => {
            runGuard.caseProgress(p.planned);
            modelStorage?.noteProgress(p.event);
            showProgress(p);
          },
          onEstimate: (etaMs) => handle.etaAfterCase?.push(etaMs),
          onCaseStart: (index, planned) => runGuard.caseStarting(index, planned),
          onCaseDone: (result, index) => {
            appendResultRow(body, result);
            ($('progress-bar') as HTMLProgressElement).value = index + 1;
            return runGuard.caseDone(index, result);
          },
        },
        guard.done.cases,
        { pageMemory: params.pageMemory },
      );
      $('networks').hidden =
        renderNetworkRankings($('networks-body') as HTMLTableSectionElement, cases) === 0;
      $('factors').hidden =
        renderThreeFactors(
          $('factors-body') as HTMLTableSectionElement,
          cases,
          env.softwareGpu !== undefined,
        ) === 0;
    }
    const scenarios = await runScenarioList(
      params,
      env,
      modelsBaseUrl(),
      suite.id === 'full' ? 'full' : 'quick',
      guard,
    );
    const record = await buildRecord(
      params,
      suite,
      env,
      cases,
      startedAt,
      scenarios,
      guard.recordFields(),
      modelStorage?.runStatus(),
    );
    const ok = cases.filter((c) => c.status === 'ok').length;
    const scenarioText = scenarios.length
      ? `, ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} (${scenarios.filter((s) => s.status === 'ok').length} ok)`
      : '';
    const resumed = record.resumedAt ? ' (continued after the page was closed or crashed)' : '';
    $('progress-text').textContent =
      `Done: ${cases.length} cases, ${ok} ok${scenarioText}, in ${duration(Date.now() - began)}${resumed}.`;
    $('results').hidden = false;
    if (cases.length > 0) renderRunSummary($('summary-body'), record);
    $('summary').hidden = cases.length === 0;
    // Done means let go: the journal entry is gone and the screen may sleep.
    await guard.end();
    handle.wakeLock = { state: guard.wakeLock.state, active: guard.wakeLock.active };
    handle.record = record;
    handle.state = 'done';
    offerDownload(record);
    uploader?.runFinished(record);
  } catch (error) {
    fail(`The run stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await (guard ? guard.end() : resume?.discard());
    if (guard) handle.wakeLock = { state: guard.wakeLock.state, active: guard.wakeLock.active };
    runButton.disabled = false;
    scenarioButton.disabled = false;
    void modelStorage?.refresh();
  }
}

/** One checkbox per scenario this page can run; returns the ids ticked at the time of asking. */
function scenarioPicker(preselected: readonly string[]): () => string[] {
  const list = $('scenario-list');
  list.replaceChildren();
  // Closed by default so the picker does not push Run and the results down on a phone; a link
  // that names scenarios opens it.
  if (preselected.length > 0) list.closest('details')?.setAttribute('open', '');
  const legend = document.createElement('legend');
  legend.textContent = 'Scenarios to run';
  list.append(legend);
  const boxes: HTMLInputElement[] = [];
  for (const def of runnableScenarios()) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = def.id;
    box.checked = preselected.length === 0 || preselected.includes(def.id);
    const name = document.createElement('strong');
    name.textContent = def.title;
    const question = document.createElement('span');
    question.className = 'muted';
    question.textContent = ` — ${def.question}`;
    label.append(box, ' ', name, question);
    list.append(label);
    boxes.push(box);
  }
  return () => boxes.filter((b) => b.checked).map((b) => b.value);
}

async function start(): Promise<void> {
  let params: Readonly<RunParams>;
  try {
    params = parseRunParams(new URLSearchParams(location.search));
    suiteById(params.suite);
  } catch (error) {
    fail(`Bad link: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const isolation = await isolate();
  handle.isolation = isolation;
  if (isolation.step === 'reloading') {
    $('isolation').textContent = 'Turning on cross-origin isolation for WASM threads: the page reloads once…';
    $('isolation').hidden = false;
    return;
  }
  const consent = $('consent') as HTMLInputElement;
  consent.checked = localStorage.getItem(CONSENT_KEY) === '1';
  consent.addEventListener('change', () => localStorage.setItem(CONSENT_KEY, consent.checked ? '1' : '0'));
  uploader = initUploader(
    {
      auto: $('upload-auto') as HTMLInputElement,
      host: $('upload-host'),
      button: $('upload') as HTMLButtonElement,
      status: $('upload-status'),
      pending: $('upload-pending'),
      pendingText: $('upload-pending-text'),
      retry: $('upload-retry') as HTMLButtonElement,
      remove: $('upload-delete') as HTMLButtonElement,
      consent,
    },
    params,
    (status) => {
      handle.upload = status;
    },
    (runId, endpoint) => void comparison.show(endpoint, runId),
  );

  const select = $('suite') as HTMLSelectElement;
  for (const suite of SUITES) {
    const option = document.createElement('option');
    option.value = suite.id;
    option.textContent = suite.title;
    option.title = suite.description;
    select.append(option);
  }
  select.value = params.suite;

  const env = await probeEnvironment(consent.checked);
  renderSummary($('device-list'), env);
  showIsolation(env, isolation);
  modelStorage = mountModelStorage(
    { line: $('model-storage-text'), clear: $('model-storage-clear') as HTMLButtonElement },
    () => planRun({ ...params, suite: select.value }, env, modelsBaseUrl()),
    (state) => {
      handle.models = state;
    },
  );
  select.addEventListener('change', () => void modelStorage?.refresh());
  await modelStorage.refresh();
  const overview = () => {
    const shown = showPlanOverview(
      $('plan-summary'),
      { ...params, suite: select.value },
      env,
      modelsBaseUrl(),
    );
    if (shown) handle.plan = shown;
    else delete handle.plan;
  };
  select.addEventListener('change', overview);
  overview();
  handle.state = 'ready';
  const pickedScenarios = scenarioPicker(params.scenarios);
  $('run').addEventListener('click', () => void run({ ...params, suite: select.value }));
  $('run-scenarios').addEventListener('click', () => {
    const scenarios = pickedScenarios();
    if (scenarios.length === 0) {
      fail('Tick at least one scenario to run.');
      return;
    }
    void run({ ...params, suite: select.value, scenarios, scenariosOnly: true });
  });
  // A run this page left unfinished comes first: autorun never starts over it.
  const interrupted = await checkInterruptedRun($('resume'), {
    resumeNow: params.resume,
    publish: (status) => Object.assign(handle, status),
    continueRun: (r) => {
      select.value = r.entry.params.suite;
      void run(r.entry.params, r);
    },
  });
  if (interrupted) return;
  if (params.autorun) await run(params);
}

void start().catch((error: unknown) =>
  fail(`The page failed to start: ${error instanceof Error ? error.message : String(error)}`),
);
