/**
 * The GPU backends in real Chromium (SwiftShader here: correctness, not speed): ONNX Runtime's
 * WebGPU and TensorFlow.js's WebGL and WebGPU each run a small model with a passing output check
 * and enough samples, and every case that did not run says why.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const MODELS = ['ppocr-cls', 'blazeface-back'];

test('ORT webgpu, TF.js webgl and webgpu run small models with passing checks', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  // The quick suite's budget (90 s a case) and the full one on the software GPU: ORT's WebGPU EP
  // needs tens of seconds for ten runs of ppocr-cls on SwiftShader, beyond the phone suite's 45 s.
  await page.goto(`/?model=${MODELS.join(',')}&backend=webgl,webgpu&suite=quick&softwareGpu=full&autorun=1`);
  const run = await waitForRun(page, 5.5 * 60_000);
  expect(run.env.features.webgpu).toBe(true);
  for (const [runtime, backend] of [
    ['ort', 'webgpu'],
    ['tfjs', 'webgl'],
    ['tfjs', 'webgpu'],
  ]) {
    const good = run.cases.filter(
      (c) =>
        c.runtime === runtime &&
        c.backend === backend &&
        c.actualBackend === backend &&
        c.status === 'ok' &&
        c.check?.ok &&
        (c.timings?.warm.n ?? 0) >= 10,
    );
    expect(good.length, `${runtime}/${backend} has an ok, checked case with ≥10 samples`).toBeGreaterThan(0);
  }
  for (const c of run.cases.filter((c) => c.status !== 'ok')) {
    expect(c.error, `${c.model} ${c.runtime}/${c.backend} says why it is ${c.status}`).toBeTruthy();
  }
});
