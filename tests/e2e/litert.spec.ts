/**
 * LiteRT.js in real Chromium, in the per-case module worker like every other library: its
 * `wasm` backend runs one thread on the plain build and all cores on the threaded build (pthreads
 * in the worker), `webgpu` runs small models with outputs read back, and its glue and `.wasm`
 * come from our own origin. Three small models, capped runs; the quick-suite test runs every
 * `.tflite` model of the default suite on wasm.
 */
import { expect, test } from '@playwright/test';
import { waitForRun, watchCsp, watchRequests } from './helpers.ts';

/** Three small .tflite models (the quick-suite test runs every one on wasm). */
const TFLITE = ['face-detection-short', 'selfie-segmentation', 'hand-landmark-lite'];

test('LiteRT.js wasm runs .tflite models in the case worker, one thread and threaded, with passing checks', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(5 * 60_000);
  const requests = watchRequests(page, baseURL, /litert_wasm_/);
  // LiteRT.js evaluates its glue (indirect eval) and starts pthreads from a Blob URL: under the CSP.
  const csp = await watchCsp(page);
  await page.goto(`/?model=${TFLITE.join(',')}&runtime=litert&backend=wasm&runs=15&autorun=1`);
  const run = await waitForRun(page, 4.5 * 60_000);

  expect(run.env.crossOriginIsolated).toBe(true);
  expect(run.cases.length).toBe(TFLITE.length * 2);
  for (const c of run.cases) {
    const label = `${c.model} litert/wasm ${JSON.stringify(c.options)}`;
    expect(c.runtime).toBe('litert');
    expect(c.status, `${label}: ${c.error ?? ''}`).toBe('ok');
    expect(c.check?.ok, label).toBe(true);
    expect(c.timings?.warm.n, label).toBe(15);
    expect(c.actualBackend, label).toBe('wasm');
    expect(c.libraryVersion, label).toBe('@litertjs/core@2.5.3');
  }
  const okModels = new Set(run.cases.filter((c) => c.status === 'ok' && c.check?.ok).map((c) => c.model));
  expect(okModels.size).toBeGreaterThanOrEqual(3);
  // One thread on the relaxed-SIMD build; more threads on the threaded build (pthreads in the worker).
  expect(run.cases.filter((c) => c.options?.threads === 1).every((c) => c.options?.build === 'plain')).toBe(
    true,
  );
  const threaded = run.cases.filter((c) => Number(c.options?.threads) > 1);
  expect(threaded.length).toBe(TFLITE.length);
  expect(threaded.every((c) => c.options?.build === 'threaded')).toBe(true);

  expect(requests.foreign, 'requests to other origins').toEqual([]);
  expect(requests.libraryFiles.some((p) => /litert_wasm_internal-[\w-]+\.wasm$/.test(p))).toBe(true);
  expect(requests.libraryFiles.some((p) => /litert_wasm_threaded_internal-[\w-]+\.wasm$/.test(p))).toBe(true);
  await expect(page.locator('#results-body tr[data-status]')).toHaveCount(run.cases.length);
  expect(csp.violations, 'Content-Security-Policy violations').toEqual([]);
});

test('LiteRT.js webgpu runs small .tflite models with outputs read back and checked', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(3 * 60_000);
  const requests = watchRequests(page, baseURL, /litert_wasm_/);
  const models = ['face-detection-short', 'selfie-segmentation'];
  await page.goto(`/?model=${models.join(',')}&runtime=litert&backend=webgpu&runs=10&autorun=1`);
  const run = await waitForRun(page, 2.5 * 60_000);
  expect(run.env.features.webgpu).toBe(true);
  expect(run.cases.map((c) => c.model)).toEqual(models);
  for (const c of run.cases) {
    expect(c.status, `${c.model} litert/webgpu: ${c.error ?? ''}`).toBe('ok');
    expect(c.actualBackend).toBe('webgpu');
    expect(c.check?.ok, c.model).toBe(true);
    expect(typeof c.options?.fullyAccelerated, c.model).toBe('boolean');
    expect(c.options?.precision, c.model).toBe('fp32');
  }
  expect(requests.foreign, 'requests to other origins').toEqual([]);
});
