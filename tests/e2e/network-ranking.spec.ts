/**
 * The page compares libraries on one network: BlazeFace front ships as a TF.js graph model and as
 * ONNX (the same weights), so after running both the page ranks TensorFlow.js and ONNX Runtime on
 * it, fastest first, with the winner at 1.00×.
 */
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

test('after a run the page ranks the libraries on a network shipped in two formats', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await page.goto('/');
  await expect(page.locator('#networks')).toBeHidden();
  await page.goto('/?model=blazeface-front,blazeface-front-onnx&backend=wasm&runs=5&autorun=1');
  const run = await waitForRun(page, 2.5 * 60_000);
  expect(run.cases.every((c) => c.status === 'ok' && c.check?.ok)).toBe(true);

  await expect(page.locator('#networks')).toBeVisible();
  const rows = page.locator('#networks-body tr[data-network="mediapipe-blazeface-front"]');
  await expect(rows).toHaveCount(2);
  const libraries = await rows.locator('.case-model').allTextContents();
  expect(libraries.map((l) => l.split(' · ')[0]).sort()).toEqual(['ort', 'tfjs']);
  await expect(rows.locator('.case-runtime')).toHaveText(
    libraries.map((l) => (l.startsWith('ort') ? 'blazeface-front-onnx' : 'blazeface-front')),
  );
  await expect(page.locator('#networks-body tr.network-row')).toContainText(['mediapipe-blazeface-front']);
  await expect(rows.first().locator('td:last-child')).toHaveText('1.00×');
  // The winner is the library whose fastest case has the smaller median in the record.
  const best = (runtime: string) =>
    Math.min(
      ...run.cases.filter((c) => c.runtime === runtime).map((c) => c.timings?.warm.medianMs ?? Infinity),
    );
  const winner = best('ort') < best('tfjs') ? 'ort' : 'tfjs';
  expect(libraries[0]?.startsWith(winner)).toBe(true);
});
