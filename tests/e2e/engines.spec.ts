/**
 * The page in the two other engines on this machine — Firefox ESR (WebDriver BiDi) and WebKitGTK
 * (WebKitWebDriver) — driven exactly as `npm run bench -- --browser …` drives them. A cross-library
 * subset (every library; the zoo's MobileNetV2 in four formats; the BlazeFace pair and MediaPipe's
 * face detector) must give a valid `atlas.run/1` record in which every case is `ok` with its check
 * passed or `unsupported` with a reason; which backends exist comes from the run's own probe.
 * Cold-start and memory figures the engine lets the page see must be plausible, the rest absent.
 */
import { expect, test } from '@playwright/test';
import { identifyBrowser } from '../../src/report/browser-identity.ts';
import type { Case, Run } from '../../src/schema/run.ts';
import { driveRun } from '../../tools/bench/drive.ts';
import { launchFirefox } from '../../tools/bench/engines/firefox.ts';
import type { Engine, EngineId } from '../../tools/bench/engines/types.ts';
import { launchWebKit } from '../../tools/bench/engines/webkit.ts';
import { expectHonestFigures, figuresSeen } from './honest-figures.ts';

const SUBSET = [
  'zoo-mobilenet-v2-onnx',
  'zoo-mobilenet-v2-tfjs',
  'zoo-mobilenet-v2-tflite',
  'zoo-mobilenet-v2-mediapipe',
  'blazeface-front',
  'blazeface-front-onnx',
  'face-detector-task',
];

/**
 * Cases whose output check fails in every engine, Chromium included, for a reason of the library:
 * MediaPipe's GPU delegate computes in float16 and its classifier's logits miss the float32
 * tolerance (docs/QUIRKS.md). Anything else that is `wrong` fails this test.
 */
const WRONG_EVERYWHERE: readonly { model: string; runtime: string; backend: string }[] = [
  { model: 'zoo-mobilenet-v2-mediapipe', runtime: 'mediapipe', backend: 'webgl' },
];

/**
 * Hangs of a library in one engine, seen intermittently and recorded in docs/QUIRKS.md: LiteRT.js's
 * threaded build in Firefox sometimes never finishes starting its pthread pool (about 1 run in 4
 * here). Such a case must end as `timeout` during init — the watchdog's job — and the run goes on;
 * any other timeout fails this test.
 */
const KNOWN_HANGS: readonly { engine: EngineId; runtime: string; backend: string; threaded: boolean }[] = [
  { engine: 'firefox', runtime: 'litert', backend: 'wasm', threaded: true },
];

const ENGINES: { id: EngineId; launch: () => Promise<Engine>; browser: string; engine: string }[] = [
  { id: 'firefox', launch: launchFirefox, browser: 'Firefox', engine: 'Gecko' },
  { id: 'webkit', launch: () => launchWebKit(), browser: 'Safari', engine: 'WebKit' },
];

const label = (c: Case) => `${c.model} ${c.runtime}/${c.backend} ${JSON.stringify(c.options)}`;
const isThreaded = (c: Case) => typeof c.options?.threads === 'number' && (c.options?.threads as number) > 1;

/** The rule of the issue, per case, with what the run's own probe says exists. */
function checkCase(engine: EngineId, run: Run, c: Case): void {
  const f = run.env.features;
  const hang = KNOWN_HANGS.some(
    (h) =>
      h.engine === engine &&
      h.runtime === c.runtime &&
      h.backend === c.backend &&
      h.threaded === isThreaded(c),
  );
  if (c.status === 'timeout' && hang) {
    expect(c.error ?? '', `${label(c)} timed out while starting`).toContain('during init');
    return;
  }
  const known = WRONG_EVERYWHERE.some(
    (w) => w.model === c.model && w.runtime === c.runtime && w.backend === c.backend,
  );
  if (c.status === 'wrong' && known) return;
  expect(['ok', 'unsupported'], `${label(c)}: ${c.status} ${c.error ?? ''}`).toContain(c.status);
  if (c.status === 'ok') {
    expect(c.check?.ok, `${label(c)} passed its check`).toBe(true);
    expectHonestFigures(c, label(c));
  } else {
    expect(c.error ?? '', `${label(c)} says why it is unsupported`).not.toBe('');
  }
  // Expectations from the probe: what it says is missing never runs, what it offers does.
  if (c.backend === 'webgpu') expect(c.status === 'ok', label(c)).toBe(f.webgpu);
  if (c.backend === 'wasm' && isThreaded(c)) expect(c.status === 'ok', label(c)).toBe(f.wasmThreads);
  if (c.backend === 'webgl' && f.workerWebgl2 === false) expect(c.status, label(c)).toBe('unsupported');
}

for (const spec of ENGINES) {
  test(`${spec.id}: every library in the subset ends ok with its check or unsupported with a reason`, async ({
    baseURL,
  }, testInfo) => {
    test.setTimeout(360_000);
    const started = Date.now();
    const engine = await spec.launch();
    let run: Run;
    try {
      run = await driveRun({
        engine,
        pageUrl: `${baseURL}/`,
        // pageMemory: the page asks, and neither engine has the API, so no case may carry the figure.
        params: { models: SUBSET, runs: 3, pageMemory: true },
        timeoutMs: 300_000,
      });
    } finally {
      await engine.close();
    }
    testInfo.annotations.push({
      type: 'wall time',
      description: `${((Date.now() - started) / 1000).toFixed(1)} s`,
    });

    expect(run.schema).toBe('atlas.run/1');
    expect(run.source).toBe('automation');
    const who = identifyBrowser(run.env);
    expect(who.browser).toBe(spec.browser);
    expect(who.engine).toBe(spec.engine);
    expect(run.env.features.workerWebgl2, 'the worker probe answered').toBeDefined();
    expect(run.env.features.sharedArrayBuffer, 'the shared-memory probe answered').toBeDefined();

    // Every model of the subset was planned, and every library ran at least one case.
    expect(new Set(run.cases.map((c) => c.model))).toEqual(new Set(SUBSET));
    for (const runtime of ['ort', 'tfjs', 'litert', 'mediapipe'])
      expect(
        run.cases.some((c) => c.runtime === runtime && c.status === 'ok'),
        `${runtime} ran at least one case`,
      ).toBe(true);
    for (const c of run.cases) checkCase(spec.id, run, c);
    const seen = figuresSeen(run.cases);
    testInfo.annotations.push({ type: 'cold start and memory seen', description: seen });
    console.log(`${spec.id}: cold start and memory seen in ok cases — ${seen}`);
    // Both engines show at least the time to first answer and the WASM heap of a WASM case.
    expect(run.cases.some((c) => c.status === 'ok' && c.coldStart?.firstAnswerMs !== undefined)).toBe(true);
    expect(run.cases.filter((c) => c.memory?.pageBytes !== undefined)).toEqual([]);
  });
}

test('webkit without WebGL in workers: WebGL and MediaPipe cases are unsupported and say why', async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  // WebKitGTK's default; Safari ships WebGL in workers, which the bench turns on (SAFARI_FEATURES).
  const engine = await launchWebKit({ features: [] });
  let run: Run;
  try {
    run = await driveRun({
      engine,
      pageUrl: `${baseURL}/`,
      params: { models: ['blazeface-front', 'face-detector-task'], backends: ['wasm', 'webgl'], runs: 3 },
      timeoutMs: 200_000,
    });
  } finally {
    await engine.close();
  }
  expect(run.env.features.workerWebgl2).toBe(false);
  const cases = new Map(run.cases.map((c) => [`${c.model} ${c.backend}`, c]));
  expect(cases.get('blazeface-front wasm')?.status).toBe('ok');
  for (const key of ['blazeface-front webgl', 'face-detector-task webgl', 'face-detector-task wasm']) {
    const c = cases.get(key);
    expect(c?.status, key).toBe('unsupported');
    expect(c?.error, key).toMatch(/WebGL2 is not available in workers/);
  }
});

test('a page that is not the benchmark fails the run with a clear message instead of waiting forever', async ({
  baseURL,
}) => {
  test.setTimeout(90_000);
  const engine = await launchFirefox();
  try {
    await expect(
      driveRun({ engine, pageUrl: `${baseURL}/healthz`, params: {}, pageLoadTimeoutMs: 3_000 }),
    ).rejects.toThrow(/did not load the benchmark page \(no window\.atlas after 3 s\): check --url/);
  } finally {
    await engine.close();
  }
});
