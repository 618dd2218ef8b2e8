/**
 * The dashboard's multi-backend scenarios against the real server: results posted per device
 * group show their gains, flips and headlines.
 */
import { expect, test } from '@playwright/test';
import { buildRun } from '../support/records.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  STEADY_LEVELS,
  splitResult,
  sustainedResult,
} from '../support/scenario-records.ts';
import { post, scenarioGroupOf, tag } from './dashboard-helpers.ts';

test('scenario results show per device group: multi-backend gains, flips, headlines', async ({
  page,
  request,
}) => {
  const t = tag();
  const [theta, iota] = [`Theta-${t}`, `Iota-${t}`];
  const sustained = sustainedResult(1.1);
  sustained.headline = {
    metric: 'lastOverFirstWindowMedian',
    value: 1.1,
    text: '<img src=x onerror=alert(1)> drift',
  };
  await post(request, {
    ...buildRun(theta, []),
    scenarios: [
      splitResult({ 0: 100, 0.5: 85, 1: 120 }), // 100 / 85 = 1.18
      dynamicResult([
        [0.5, 'fixed', 10],
        [0.5, 'least-loaded', 5],
        [0.8, 'fixed', 34],
        [0.8, 'least-loaded', 40], // 34 / 40 = 0.85
      ]),
      interferenceResult(FLIPPING_LEVELS),
      sustained,
    ],
  });
  await post(request, { ...buildRun(theta, []), scenarios: [interferenceResult(STEADY_LEVELS)] });
  await post(request, {
    ...buildRun(iota, []),
    scenarios: [
      splitResult({ 0: 100, 0.5: 50, 1: 100 }),
      { ...splitResult({ 0: 100, 0.5: 10, 1: 100 }), visibilityLost: true },
    ],
  });
  const [groupT, groupI] = [await scenarioGroupOf(request, theta), await scenarioGroupOf(request, iota)];

  await page.goto('/dashboard');
  const section = page.locator('#scenarios-section');
  await expect(section.getByRole('heading', { name: 'Several backends at once' })).toBeVisible();
  const onTheta = section.locator(`.scen-card[data-device-group="${groupT}"]`);
  await expect(onTheta.locator('.scen-where')).toHaveText(`${groupT} · Chrome`);
  await expect(onTheta.locator('.scen-item')).toHaveCount(4);
  expect(await onTheta.locator('.scen-title').allTextContents()).toEqual([
    'One batch split across two backends',
    'Background load',
    'Requests arriving at random',
    'Sustained load',
  ]);
  const item = (card: typeof onTheta, id: string) => card.locator(`.scen-item[data-scenario="${id}"]`);
  await expect(item(onTheta, 'split').locator('.scen-gain-figure')).toHaveText('1.18× faster');
  await expect(item(onTheta, 'split').locator('.scen-gain')).toContainText('ratio 0.5');
  await expect(item(onTheta, 'dynamic').locator('.scen-gain-figure')).toHaveText('0.85× — slower');
  await expect(item(onTheta, 'dynamic').locator('.scen-gain')).toContainText(
    'least-loaded vs fixed, p99 at load 0.8',
  );
  await expect(item(onTheta, 'interference').locator('.scen-runs')).toHaveText('2 runs');
  await expect(item(onTheta, 'interference').locator('.scen-flip')).toHaveText(
    'the fastest backend flips at 2 busy CPU workers: wasm → webgpu — in 1 of 2 runs',
  );
  await expect(item(onTheta, 'interference').locator('.scen-median')).toHaveText(
    'wasm slowdown all cores busy: median 1.50',
  );
  await expect(item(onTheta, 'sustained').locator('.scen-median')).toHaveText(
    'last over first window median: median 1.10',
  );
  // Client text is text: the headline's markup is shown, not parsed.
  await expect(item(onTheta, 'sustained').locator('.scen-detail')).toHaveText(
    'latest: <img src=x onerror=alert(1)> drift',
  );
  await expect(section.locator('img')).toHaveCount(0);

  const onIota = section.locator(`.scen-card[data-device-group="${groupI}"]`);
  await expect(item(onIota, 'split').locator('.scen-gain-figure')).toHaveText('2.00× faster');
  // The run that lost visibility is left out.
  await expect(item(onIota, 'split').locator('.scen-runs')).toHaveText('1 run');

  // The device filter narrows the cards.
  await page.locator('#f-device').selectOption(groupI);
  await expect(section.locator('.scen-card')).toHaveCount(1);
  await expect(onIota).toHaveCount(1);
  await page.locator('#f-device').selectOption(groupT);
  await expect(section.locator('.scen-card')).toHaveCount(1);
  await expect(onTheta.locator('.scen-item')).toHaveCount(4);
});
