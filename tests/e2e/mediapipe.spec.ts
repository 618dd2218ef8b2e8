/**
 * MediaPipe Tasks in real Chromium, in the per-case module worker like every other library: the
 * CPU delegate (`wasm`) runs every catalog task model with a passing output check (references
 * were computed on that delegate in Chromium), the GPU delegate (`webgl`, SwiftShader here) runs
 * them too or records why not, and the WASM, its loader and the models come from our own origin.
 * The models are named in the URL (they are also in the default suite).
 */
import { expect, test } from '@playwright/test';
import type { Case } from '../../src/schema/run.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { waitForRun, watchCsp, watchRequests } from './helpers.ts';

// The packages' task models (float16 weights, as published) and the zoo's float32 classifiers: the
// zoo's reduced-precision variants are precision.spec.ts's business.
const TASKS = MODELS.filter(
  (m) => m.format === 'mediapipe-task' && !(m.source === 'generated' && m.precision),
).map((m) => m.id);

const summary = (c: Case) =>
  `${c.model} mediapipe/${c.backend}: warm median ${c.timings?.warm.medianMs.toFixed(2) ?? '—'} ms`;

test('MediaPipe CPU delegate runs every task model in the case worker with passing checks', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(4 * 60_000);
  expect(TASKS.length).toBeGreaterThanOrEqual(3);
  const requests = watchRequests(page, baseURL, /vision_wasm_/);
  const csp = await watchCsp(page);
  await page.goto(`/?model=${TASKS.join(',')}&runtime=mediapipe&backend=wasm&runs=10&autorun=1`);
  const run = await waitForRun(page, 3.5 * 60_000);

  expect(run.cases.map((c) => c.model)).toEqual(TASKS);
  for (const c of run.cases) {
    const label = `${c.model} mediapipe/wasm`;
    expect(c.status, `${label}: ${c.error ?? ''}`).toBe('ok');
    expect(c.check?.ok, label).toBe(true);
    expect(c.timings?.warm.n, label).toBe(10);
    expect(c.actualBackend, label).toBe('wasm');
    expect(c.libraryVersion, label).toBe('@mediapipe/tasks-vision@1.1.0');
    expect(c.options?.delegate, label).toBe('CPU');
    expect(c.notes?.join(' '), label).toMatch(/pre- and post-processing/);
    console.log(summary(c));
  }
  expect(requests.foreign, 'requests to other origins').toEqual([]);
  expect(requests.libraryFiles.some((p) => /vision_wasm_module_internal-[\w-]+\.wasm$/.test(p))).toBe(true);
  await expect(page.locator('#results-body tr[data-status]')).toHaveCount(run.cases.length);
  expect(csp.violations, 'Content-Security-Policy violations').toEqual([]);
});

// PoseLandmarker on the GPU delegate takes ~1 s a run on SwiftShader (first run ~7 s) and does not
// fit this test's time; the two small tasks do.
const GPU_TASKS = ['face-detector-task', 'selfie-segmenter-task'];

test('MediaPipe GPU delegate runs task models on WebGL2 with masks read back, or says why not', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(4 * 60_000);
  const requests = watchRequests(page, baseURL, /vision_wasm_/);
  await page.goto(`/?model=${GPU_TASKS.join(',')}&runtime=mediapipe&backend=webgl&runs=10&autorun=1`);
  const run = await waitForRun(page, 3.5 * 60_000);
  expect(run.env.features.webgl2).toBe(true);
  expect(run.cases.map((c) => c.model)).toEqual(GPU_TASKS);
  for (const c of run.cases) {
    const label = `${c.model} mediapipe/webgl: ${c.status} ${c.error ?? ''}`;
    console.log(`${summary(c)}; ${c.status} ${c.error ?? ''}`);
    if (c.status === 'unsupported') {
      expect(c.error, label).toMatch(/MediaPipe|WebGL/);
      continue;
    }
    expect(c.actualBackend, label).toBe('webgl');
    expect(c.options?.delegate, label).toBe('GPU');
    // Timed and checked: a GPU result outside the tolerance is recorded as `wrong` with its value.
    expect(['ok', 'wrong'], label).toContain(c.status);
    expect(c.check?.ok, label).toBe(c.status === 'ok');
    expect(c.timings?.warm.n, label).toBe(10);
  }
  // BlazeFace and the segmenter (masks read back from WebGL textures) agree with the CPU delegate.
  for (const id of GPU_TASKS) {
    expect(run.cases.find((c) => c.model === id)?.status, id).toBe('ok');
  }
  expect(requests.foreign, 'requests to other origins').toEqual([]);
});
