/**
 * Models the fetcher decodes or cuts out of packages run in real Chromium with passing output
 * checks: nsfwjs's MobileNet v2 (a TF.js layers model decoded from base64 JS bundles) on
 * TensorFlow.js wasm, MediaPipe's face landmark model (cut from emscripten packed assets) and
 * BlazePose full (.tflite) on LiteRT.js wasm, one thread and all cores.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const MODELS = ['nsfw-mobilenet-v2', 'face-landmark', 'pose-landmark-full'];

test('extracted models run on wasm with passing checks', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  await page.goto(`/?model=${MODELS.join(',')}&backend=wasm&runs=5&autorun=1`);
  const run = await waitForRun(page, 4.5 * 60_000);

  expect(new Set(run.cases.map((c) => c.model))).toEqual(new Set(MODELS));
  expect(run.cases.filter((c) => c.model === 'nsfw-mobilenet-v2').map((c) => c.runtime)).toEqual(['tfjs']);
  expect(run.cases.filter((c) => c.model !== 'nsfw-mobilenet-v2').every((c) => c.runtime === 'litert')).toBe(
    true,
  );
  for (const c of run.cases) {
    const label = `${c.model} ${c.runtime}/${c.backend} ${JSON.stringify(c.options)}`;
    expect(c.status, `${label}: ${c.error ?? ''}`).toBe('ok');
    expect(c.actualBackend, label).toBe('wasm');
    expect(c.check?.ok, `${label}: ${JSON.stringify(c.check)}`).toBe(true);
    expect(c.timings?.warm.n, label).toBe(5);
  }
});
