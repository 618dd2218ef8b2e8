/**
 * One network on every library, in real Chromium: the model zoo's MobileNetV2, emitted once as
 * ONNX, a TF.js graph model and a `.tflite` with the same seeded weights, runs with its output
 * check passing on ONNX Runtime (wasm, webgpu), TensorFlow.js (wasm, webgl, webgpu), LiteRT.js
 * (wasm, webgpu) and MediaPipe's ImageClassifier (CPU and GPU delegates), every one against the
 * same reference (ORT wasm's logits; their top 5 for MediaPipe). WebGL and WebGPU are SwiftShader
 * here: correctness, not speed.
 */
import { expect, test } from '@playwright/test';
import { waitForRun, watchCsp } from './helpers.ts';

const MODELS = [
  'zoo-mobilenet-v2-onnx',
  'zoo-mobilenet-v2-tfjs',
  'zoo-mobilenet-v2-tflite',
  'zoo-mobilenet-v2-mediapipe',
];

/** Measured runs per case: the fixed count the page was asked for, on every case that measured. */
const RUNS = 5;

test("the zoo's MobileNetV2 passes its check on every library and backend", async ({ page }) => {
  test.setTimeout(10 * 60_000);
  // Every library and backend (WASM, WebGL, WebGPU) under the page's Content-Security-Policy.
  const csp = await watchCsp(page);
  // Five measured runs each and a generous case limit: ORT's WebGPU EP takes seconds per run on a
  // software GPU (more on a busy machine), and only correctness is asserted here.
  await page.goto(
    `/?model=${MODELS.join(',')}&backend=wasm,webgl,webgpu&runs=${RUNS}&caseTimeout=240000&autorun=1`,
  );
  const run = await waitForRun(page, 9.5 * 60_000);
  const wanted: [string, string, string][] = [
    ['zoo-mobilenet-v2-onnx', 'ort', 'wasm'],
    ['zoo-mobilenet-v2-onnx', 'ort', 'webgpu'],
    ['zoo-mobilenet-v2-tfjs', 'tfjs', 'wasm'],
    ['zoo-mobilenet-v2-tfjs', 'tfjs', 'webgl'],
    ['zoo-mobilenet-v2-tfjs', 'tfjs', 'webgpu'],
    ['zoo-mobilenet-v2-tflite', 'litert', 'wasm'],
    ['zoo-mobilenet-v2-tflite', 'litert', 'webgpu'],
    // The same .tflite with our metadata, through MediaPipe's ImageClassifier: its top 5 classes and scores.
    ['zoo-mobilenet-v2-mediapipe', 'mediapipe', 'wasm'],
  ];
  for (const [model, runtime, backend] of wanted) {
    const cases = run.cases.filter(
      (c) => c.model === model && c.runtime === runtime && c.backend === backend,
    );
    const summary = cases.map(
      (c) => `${c.status} ${c.error ?? ''} ${c.check ? JSON.stringify(c.check) : ''}`,
    );
    const good = cases.filter(
      (c) =>
        c.status === 'ok' &&
        c.check?.ok === true &&
        c.check.metric === 'maxAbsDiff' &&
        c.timings?.warm.n === RUNS,
    );
    expect(good.length, `${model} on ${runtime}/${backend}: ${summary.join('; ')}`).toBeGreaterThan(0);
  }
  // MediaPipe's GPU delegate computes in float16 (scores come in fp16 steps and the top 5 can
  // reorder), so it runs but may fail the float32 check: it must run to the end, and when it is
  // off, the check says by how much.
  const gpuTask = run.cases.find((c) => c.model === 'zoo-mobilenet-v2-mediapipe' && c.backend === 'webgl');
  expect(['ok', 'wrong'], gpuTask?.error ?? 'no MediaPipe GPU case').toContain(gpuTask?.status);
  expect(gpuTask?.timings?.warm.n).toBe(RUNS);
  if (gpuTask?.status === 'wrong')
    expect(gpuTask.check?.value).toBeGreaterThan(gpuTask.check?.tolerance ?? 0);
  // Every other case of these models ran and was right: no error, timeout or wrong output.
  for (const c of run.cases.filter((c) => c !== gpuTask)) {
    expect(['ok', 'unsupported'], `${c.model} ${c.runtime}/${c.backend}: ${c.error ?? ''}`).toContain(
      c.status,
    );
  }
  await expect(page.getByText('Same network, different libraries')).toBeVisible();
  expect(csp.violations, 'Content-Security-Policy violations').toEqual([]);
});
