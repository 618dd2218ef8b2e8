/**
 * The scenarios in real Chromium at their quick sizes: every scenario of the catalog completes
 * with an `ok` result that the record schema accepts, its configurations carry latency figures
 * and its placements say which backend each session used; under background load the WASM
 * session is slower with every core busy than with none (pooled medians of alternating rounds,
 * with the load confirmed running; a ratio, never an absolute time).
 */
import { expect, test } from '@playwright/test';
import { SCENARIOS } from '../../src/scenarios/index.ts';
import { waitForRun } from './helpers.ts';

test('every scenario completes at its quick size with a valid record', async ({ page }) => {
  test.setTimeout(14 * 60_000);
  const ids = SCENARIOS.map((s) => s.id);
  await page.goto(`/?scenario=${ids.join(',')}&only=scenarios&autorun=1`);
  await expect(page.locator('#scenario-list input[type=checkbox]')).toHaveCount(ids.length);
  const run = await waitForRun(page, 13 * 60_000);
  expect(run.cases).toEqual([]);
  const results = run.scenarios ?? [];
  expect(results.map((r) => r.id)).toEqual(ids);
  for (const result of results) {
    const def = SCENARIOS.find((s) => s.id === result.id);
    expect(result.status, `${result.id}: ${result.error ?? ''}`).toBe('ok');
    expect(result.version).toBe(def?.version);
    expect(result.visibilityLost ?? false).toBe(false);
    expect(result.placements.length, result.id).toBeGreaterThan(0);
    for (const p of result.placements) {
      expect(p.serviceMs, `${result.id} ${p.role}`).toBeGreaterThan(0);
      expect(p.clock?.rttMs, `${result.id} ${p.role} clock`).toBeGreaterThanOrEqual(0);
    }
    expect(result.configs.length, result.id).toBeGreaterThan(0);
    expect(
      result.configs.some((c) => (c.latency?.n ?? 0) > 0),
      result.id,
    ).toBe(true);
    expect(result.headline?.text, result.id).toBeTruthy();
  }

  // Busy CPU workers slow the WASM session down: levels measured in alternating rounds and
  // pooled, with the background load confirmed running (and recorded) before each slice.
  const interference = results.find((r) => r.id === 'interference');
  const wasmAt = (busy: number) =>
    interference?.configs.find(
      (c) => c.params.backend === 'wasm' && c.params.busyWorkers === busy && c.params.gpuLoad === false,
    );
  const cores = run.env.hardwareConcurrency;
  const idle = wasmAt(0);
  const busy = wasmAt(cores);
  expect(interference?.params.loadShortfall, 'the background load did not run as asked').toBeUndefined();
  expect(idle?.metrics?.busyIterationsPerS, 'busy workers did work during the idle level').toBe(0);
  expect(
    busy?.metrics?.busyWorkersRunning,
    `the background load did not run: ${JSON.stringify(busy?.metrics)}`,
  ).toBe(cores);
  expect(busy?.metrics?.busyIterationsPerS ?? 0).toBeGreaterThan(0);
  expect(busy?.metrics?.rounds).toBe(interference?.params.rounds);
  const idleMs = idle?.latency?.medianMs ?? 0;
  const busyMs = busy?.latency?.medianMs ?? 0;
  expect(idleMs).toBeGreaterThan(0);
  // How many cores' worth of work the busy workers did: about 1 of 2 on an otherwise idle 2-core
  // host (they share the cores with the measured session and the browser's own threads), 0.2–0.5
  // measured while other processes kept this machine's cores busy (load average 10+), when the
  // ratio came out anywhere from 0.8× to 2.6×. Below a quarter of the cores, other processes own
  // the machine and neither level measures what the scenario asks: say so in the report instead
  // of judging a ratio that the host, not the load, decided.
  const busyCores = busy?.metrics?.busyCores ?? 0;
  expect(busyCores, 'the busy workers reported no work').toBeGreaterThan(0);
  const figures = `wasm pooled median ${idleMs} ms idle vs ${busyMs} ms with ${cores} busy workers (${JSON.stringify(busy?.metrics)})`;
  if (busyCores < cores / 4) {
    const description = `the background load got ${busyCores} of ${cores} cores; slowdown not judged: ${figures}`;
    test.info().annotations.push({ type: 'host too busy', description });
    console.warn(`interference: ${description}`);
  } else {
    expect(busyMs / idleMs, figures).toBeGreaterThan(1.1);
  }

  // One card per scenario on the page, each with its headline.
  await expect(page.locator('.scenario-card')).toHaveCount(ids.length);
  await expect(page.locator('.scenario-headline')).toHaveCount(ids.length);
});
