/**
 * Cold start and memory in real Chromium, one small model per library (the zoo's MobileNetV2 as
 * ONNX, TF.js, .tflite and MediaPipe's classifier), WASM backends: every case's breakdown is
 * there, its parts are non-negative and add up to no more than the first answer and the case's
 * wall time, the library's WebAssembly was seen, and the WASM heap holds at least the model file.
 * A repeat visit in the same browser reports the model as read from the page's own store, and with
 * `?pageMemory=1` the whole page's memory as Chromium measures it. GPU
 * cases (LiteRT.js WebGPU, TF.js WebGPU and WebGL, on SwiftShader) report GPU bytes.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Case, Run } from '../../src/schema/run.ts';
import { waitForRun } from './helpers.ts';

const MODELS = [
  'zoo-mobilenet-v2-onnx',
  'zoo-mobilenet-v2-tfjs',
  'zoo-mobilenet-v2-tflite',
  'zoo-mobilenet-v2-mediapipe',
];
/** wallMs is rounded to whole ms by the page; every other figure is the worker's own clock. */
const ROUNDING_MS = 1;

function figures(c: Case): string {
  const cs = c.coldStart;
  const lib = cs?.library;
  return [
    `${c.runtime}/${c.backend}`,
    `firstAnswer ${cs?.firstAnswerMs.toFixed(0)} ms`,
    `import ${cs?.libraryImportMs?.toFixed(0)}`,
    `load ${c.timings?.loadMs.toFixed(0)} init ${c.timings?.initMs.toFixed(0)} first ${c.timings?.firstMs.toFixed(0)}`,
    `lib js ${lib?.jsBytes} wasm ${lib?.wasmBytes} dl ${lib?.downloadMs.toFixed(0)} ms compile ${lib?.compileMs?.toFixed(0)} ms`,
    `model ${cs?.model?.bytes} B transfer ${cs?.model?.transferBytes}`,
    `heap ${c.memory?.wasmHeapInitBytes} → ${c.memory?.wasmHeapPeakBytes} (${c.memory?.wasmMemories})`,
    `gpu ${c.memory?.gpuInitBytes} → ${c.memory?.gpuPeakBytes}`,
    `page ${c.memory?.pageBytes} (workers ${c.memory?.pageWorkersBytes})`,
    `wall ${c.wallMs}`,
  ].join(' · ');
}

function assertBreakdown(c: Case, wasm = true): void {
  const what = `${c.model} ${c.runtime}/${c.backend}`;
  expect(c.status, `${what}: ${c.error ?? ''}`).toBe('ok');
  if (c.status !== 'ok') return;
  const cs = c.coldStart;
  const t = c.timings;
  expect(cs, `${what}: no coldStart`).toBeDefined();
  expect(t).toBeDefined();
  if (!cs || !t) return;
  const parts = [cs.workerStartMs, cs.libraryImportMs, t.loadMs, t.initMs, t.firstMs];
  for (const p of parts) {
    expect(p, `${what}: a part is missing`).toBeDefined();
    expect(p ?? -1, what).toBeGreaterThanOrEqual(0);
  }
  const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
  expect(sum, `${what}: parts ${parts.join(' + ')} > first answer ${cs.firstAnswerMs}`).toBeLessThanOrEqual(
    cs.firstAnswerMs + 1e-6,
  );
  expect(cs.firstAnswerMs, what).toBeLessThanOrEqual((c.wallMs ?? 0) + ROUNDING_MS);
  // The library's code: its WebAssembly was fetched (bytes known) and its downloads fit in the wait.
  const lib = cs.library;
  expect(lib, `${what}: no library code seen`).toBeDefined();
  expect(lib?.downloadMs ?? Infinity).toBeLessThanOrEqual(cs.firstAnswerMs);
  const fileBytes = (c.modelFiles ?? []).reduce((a, f) => a + f.bytes, 0);
  expect(cs.model?.bytes).toBe(fileBytes);
  if (cs.model?.downloadMs !== undefined) expect(cs.model.downloadMs).toBeLessThanOrEqual(t.loadMs + 1e-6);
  if (!wasm) return;
  expect(lib?.wasmBytes ?? 0, `${what}: no .wasm seen`).toBeGreaterThan(0);
  expect(lib?.downloadMs ?? -1).toBeGreaterThanOrEqual(0);
  expect(lib?.instantiateMs ?? -1, `${what}: no WebAssembly compile/instantiate seen`).toBeGreaterThan(0);
  expect(lib?.compileMs ?? Infinity).toBeLessThanOrEqual(lib?.instantiateMs ?? 0);
  // The WASM heap holds the model's weights: at least the model file's size; the peak is not below init.
  const heap = c.memory;
  expect(
    heap?.wasmHeapPeakBytes ?? 0,
    `${what}: heap below the model's ${fileBytes} B`,
  ).toBeGreaterThanOrEqual(fileBytes);
  expect(heap?.wasmHeapInitBytes ?? Infinity).toBeLessThanOrEqual(heap?.wasmHeapPeakBytes ?? 0);
}

async function runOnce(page: Page, models: string[], query = 'backend=wasm&runs=10'): Promise<Run> {
  await page.goto(`/?model=${models.join(',')}&${query}&autorun=1`);
  return waitForRun(page, 4.5 * 60_000);
}

test('every library reports its cold start and WASM heap; a repeat visit reads the model from the store', async ({
  page,
}) => {
  test.setTimeout(6 * 60_000);
  const cold = await runOnce(page, MODELS);
  const runtimes = new Set(cold.cases.map((c) => c.runtime));
  expect([...runtimes].sort()).toEqual(['litert', 'mediapipe', 'ort', 'tfjs']);
  for (const c of cold.cases) {
    console.log(`cold ${figures(c)}`);
    assertBreakdown(c);
  }
  // The first case of each model downloaded its files: bytes moved over the network.
  const firstOnnx = cold.cases.find((c) => c.model === 'zoo-mobilenet-v2-onnx');
  expect(firstOnnx?.modelFiles?.every((f) => f.source === 'network' && (f.transferBytes ?? 0) > 0)).toBe(
    true,
  );
  expect(firstOnnx?.coldStart?.model?.transferBytes ?? 0).toBeGreaterThanOrEqual(
    firstOnnx?.coldStart?.model?.bytes ?? Infinity,
  );

  // The repeat visit also asks for the whole page's memory (the test's Chromium answers at once).
  const warm = await runOnce(
    page,
    ['zoo-mobilenet-v2-onnx', 'zoo-mobilenet-v2-tfjs'],
    'backend=wasm,cpu&runs=10&pageMemory=1',
  );
  for (const c of warm.cases) {
    console.log(`repeat ${figures(c)}`);
    assertBreakdown(c, c.backend !== 'cpu');
    expect(c.modelFiles?.every((f) => f.source === 'cache')).toBe(true);
    expect(c.coldStart?.model?.transferBytes).toBe(0);
    expect(c.coldStart?.model?.downloadMs).toBeUndefined();
    // The page's memory holds the case's workers, and they hold at least the model's files (the
    // worker keeps them as ArrayBuffers for the case; WebAssembly memories are not in this figure).
    const m = c.memory;
    if (Number(c.options?.threads ?? 1) > 1) {
      // A threaded library's pool sleeps where the browser cannot measure it: the page does not ask.
      expect(m?.pageBytes, `${c.runtime}/${c.backend} threaded`).toBeUndefined();
      continue;
    }
    const fileBytes = (c.modelFiles ?? []).reduce((a, f) => a + f.bytes, 0);
    expect(
      m?.pageWorkersBytes ?? 0,
      `${c.runtime}/${c.backend}: workers below the model`,
    ).toBeGreaterThanOrEqual(fileBytes);
    expect(m?.pageBytes ?? 0).toBeGreaterThanOrEqual(m?.pageWorkersBytes ?? Infinity);
  }
  // Without ?pageMemory=1 the page never asks (an ordinary Chromium would hold each case ~20 s).
  for (const c of cold.cases) expect(c.memory?.pageBytes).toBeUndefined();
});

test('GPU cases report the GPU memory they allocated (WebGPU and WebGL, counted in the case worker)', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  const run = await runOnce(
    page,
    ['face-detection-short', 'blazeface-front'],
    'runtime=litert,tfjs&backend=webgpu,webgl&runs=3',
  );
  const gpuCases = run.cases.filter((c) => c.backend === 'webgpu' || c.backend === 'webgl');
  expect(gpuCases.map((c) => `${c.runtime}/${c.backend}`).sort()).toEqual([
    'litert/webgpu',
    'tfjs/webgl',
    'tfjs/webgpu',
  ]);
  for (const c of gpuCases) {
    console.log(`gpu ${c.model} ${figures(c)}`);
    assertBreakdown(c, false);
    expect(c.memory?.gpuPeakBytes ?? 0, `${c.runtime}/${c.backend}: no GPU bytes`).toBeGreaterThan(0);
    expect(c.memory?.gpuInitBytes ?? Infinity).toBeLessThanOrEqual(c.memory?.gpuPeakBytes ?? 0);
  }
});
