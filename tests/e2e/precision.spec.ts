/**
 * The number-format axis in real Chromium: the zoo's MobileNetV2 in float32, float16 and int8 on
 * ONNX Runtime and LiteRT.js WASM, and int8 through MediaPipe's classifier. Every reduced-precision case runs `ok` with the similarity check
 * against the float32 network (cosine, norm ratio, top-5 classes), and the page weighs the three
 * factors — library, number format, GPU — for the network after the run, and so does the dashboard
 * once the run is stored. On WebGPU: float16 ONNX and float16 .tflite (LiteRT.js at fp16 precision)
 * run only where the adapter has shader-f16 and say so where not; float32 .tflite keeps fp32.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const FLOAT32 = ['zoo-mobilenet-v2-onnx', 'zoo-mobilenet-v2-tflite'];
const REDUCED = [
  'zoo-mobilenet-v2-onnx-int8',
  'zoo-mobilenet-v2-tflite-int8',
  // MediaPipe's classifier takes the full-integer .tflite (float32 I/O) with the same metadata.
  'zoo-mobilenet-v2-mediapipe-int8',
  'zoo-mobilenet-v2-onnx-fp16',
  'zoo-mobilenet-v2-tflite-fp16',
];

test('quantized MobileNetV2 runs ok with its similarity check on ORT and LiteRT.js WASM; the page weighs the factors', async ({
  page,
}) => {
  test.setTimeout(5 * 60_000);
  // The person consented earlier, so the run is uploaded and reaches the dashboard.
  await page.addInitScript(() => localStorage.setItem('atlas.consent.deviceDetails', '1'));
  await page.goto(`/?model=${[...FLOAT32, ...REDUCED].join(',')}&backend=wasm&runs=5&autorun=1`);
  const run = await waitForRun(page, 4 * 60_000);
  for (const model of REDUCED) {
    const cases = run.cases.filter((c) => c.model === model);
    expect(cases.length, model).toBeGreaterThan(0);
    for (const c of cases) {
      const what = `${model} ${c.runtime}/${c.backend} ${JSON.stringify(c.options)}`;
      expect(c.status, `${what}: ${c.error ?? ''}`).toBe('ok');
      // Judged by similarity to the float32 network, not by a float32 tolerance.
      expect(c.check?.metric, what).toBe('cosine');
      expect(c.check?.ok, what).toBe(true);
      expect(c.check?.value ?? 0, what).toBeGreaterThanOrEqual(c.check?.tolerance ?? 1);
      console.log(
        `${what}: cosine ${c.check?.value.toFixed(6)} median ${c.timings?.warm.medianMs.toFixed(1)} ms`,
      );
    }
  }
  for (const model of FLOAT32)
    for (const c of run.cases.filter((x) => x.model === model)) expect(c.check?.metric).toBe('maxAbsDiff');

  // The page sets the factors side by side for the network: both libraries, their format gains.
  const factors = page.locator('#factors');
  await expect(factors).toBeVisible();
  const head = factors.locator('tr.network-row', { hasText: 'zoo-mobilenet-v2' });
  await expect(head).toContainText(/library \d+\.\d+×/);
  await expect(head).toContainText(/number format \d+\.\d+×/);
  await expect(head).toContainText(/(matters most|one factor measured|no factor speeds it up)/);
  for (const runtime of ['ort', 'litert']) {
    const row = factors.locator(`tr[data-network="zoo-mobilenet-v2"][data-runtime="${runtime}"]`);
    // The best reduced format's name over its speed-up ("(weights)" when it computes in float32).
    await expect(row.locator('.factor-format').nth(1)).toHaveText(/^(int8|float16)( \(weights\))?$/);
    await expect(row).toContainText(/\d+\.\d+×/);
  }
  // Float32 and reduced formats are never ranked together in "same network, different libraries".
  await expect(page.locator('#networks-body')).not.toContainText('int8');

  // Once stored, the dashboard weighs the same factors for this device group.
  await page.waitForFunction(() => window.atlas?.upload?.state === 'stored', undefined, { timeout: 30_000 });
  await page.goto('/dashboard');
  // Other tests' runs may sit in other device groups (no consent) with float32 cases only.
  const card = page
    .locator('#factors .network-card[data-network="zoo-mobilenet-v2"]')
    .filter({ hasText: 'number format' })
    .first();
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.locator('.factor-verdict')).toContainText(
    /number format \d+\.\d+× \((int8|float16), (ort|litert)\)/,
  );
  for (const runtime of ['ort', 'litert'])
    await expect(card.locator(`tr[data-runtime="${runtime}"]`)).toBeVisible();
  await expect(card.locator('tr[data-runtime="litert"] .factor-format').nth(1)).toHaveText(
    /^(int8|float16)( \(weights\))?$/,
  );
});

test('float16 ONNX on WebGPU runs only where the adapter has shader-f16, and says so where not', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/?model=zoo-mobilenet-v2-onnx-fp16&runtime=ort&backend=webgpu&runs=3&autorun=1');
  const run = await waitForRun(page, 150_000);
  const hasF16 = await page.evaluate(async () => {
    const gpu = (
      navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }
    ).gpu;
    return (await gpu?.requestAdapter())?.features.has('shader-f16') ?? false;
  });
  const [c] = run.cases;
  if (hasF16) {
    expect(c?.status, c?.error).toBe('ok');
  } else {
    // SwiftShader here: without the check ORT returned all-zero logits.
    expect(c?.status).toBe('unsupported');
    expect(c?.error).toMatch(/shader-f16/);
  }
});

test('float16 .tflite on LiteRT.js WebGPU asks for fp16 where the adapter has shader-f16; float32 keeps fp32', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  // SwiftShader runs MobileNetV2 at ~1 s an inference here: a longer case limit than the short
  // software-GPU budget's 20 s, so a loaded machine does not turn it into a timeout.
  await page.goto(
    '/?model=zoo-mobilenet-v2-tflite,zoo-mobilenet-v2-tflite-fp16&runtime=litert&backend=webgpu&runs=3&caseTimeout=120000&autorun=1',
  );
  const run = await waitForRun(page, 200_000);
  const hasF16 = await page.evaluate(async () => {
    const gpu = (
      navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }
    ).gpu;
    return (await gpu?.requestAdapter())?.features.has('shader-f16') ?? false;
  });
  const float32 = run.cases.find((c) => c.model === 'zoo-mobilenet-v2-tflite');
  expect(float32?.status, float32?.error).toBe('ok');
  expect(float32?.options?.precision).toBe('fp32');
  expect(float32?.check?.metric).toBe('maxAbsDiff');
  const fp16 = run.cases.find((c) => c.model === 'zoo-mobilenet-v2-tflite-fp16');
  if (hasF16) {
    expect(fp16?.status, fp16?.error).toBe('ok');
    expect(fp16?.options?.precision).toBe('fp16');
    // Float16 arithmetic, judged by similarity to the float32 network.
    expect(fp16?.check?.metric).toBe('cosine');
    expect(fp16?.check?.ok).toBe(true);
  } else {
    // SwiftShader here: asked anyway, ResNet-18 came back all zeros (docs/QUIRKS.md).
    expect(fp16?.status).toBe('unsupported');
    expect(fp16?.error).toMatch(/shader-f16/);
  }
});
