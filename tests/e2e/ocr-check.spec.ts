/**
 * Task checks in real Chromium: the PP-OCR models and Silero VAD run in their case workers on
 * ORT wasm (one thread and all cores) on our rendered text images and synthetic silence, and
 * every case's task check passes — the recogniser reads the rendered "ATLAS 2026", the detector
 * lights up the text lines, the classifier says upright, the voice detector stays low.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

const MODELS = ['ppocr-det', 'ppocr-rec', 'ppocr-cls', 'silero-vad'];
const KIND: Record<string, string> = {
  'ppocr-det': 'textRegions',
  'ppocr-rec': 'ctcText',
  'ppocr-cls': 'argmax',
  'silero-vad': 'maxBelow',
};

test('OCR and VAD task checks pass on ORT wasm; the recogniser reads the rendered text', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  await page.goto(`/?model=${MODELS.join(',')}&runtime=ort&backend=wasm&runs=5&autorun=1`);
  const run = await waitForRun(page, 4.5 * 60_000);

  expect(run.cases.length).toBe(MODELS.length * 2);
  for (const c of run.cases) {
    const label = `${c.model} ort/wasm ${JSON.stringify(c.options)}`;
    expect(c.status, `${label}: ${c.error ?? ''}`).toBe('ok');
    expect(c.check?.ok, label).toBe(true);
    expect(c.taskCheck, label).toMatchObject({ ok: true, kind: KIND[c.model] });
  }
  const rec = run.cases.filter((c) => c.model === 'ppocr-rec');
  expect(rec.length).toBe(2);
  for (const c of rec) expect(c.taskCheck?.detail).toBe('read "ATLAS 2026"');

  // The check column says so, with the task check's detail on hover.
  const recCells = page
    .locator('#results-body tr[data-status]', { hasText: 'ppocr-rec' })
    .locator('td:last-child');
  await expect(recCells).toHaveCount(2);
  await expect(recCells.first()).toContainText('task ✓');
  await expect(recCells.first()).toHaveAttribute('title', 'read "ATLAS 2026"');
});
