/**
 * Everything a client sent is shown as text, never run as markup: runs whose user agent, client
 * hints (model, platform, brand), GPU description, case model, runtime and error string are HTML
 * payloads are stored through the API, then the dashboard (heatmap, table, chart, latest runs,
 * time to first answer and memory) and
 * the run page are opened in Chromium. No payload may run, open a dialog or add an element; each
 * must be readable as text. Payloads in members the schema does not know are refused at the door.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { Case, Run } from '../../src/schema/run.ts';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const ALERT = "<img src=x onerror=alert('xss')>";
const IFRAME = '<iframe src="javascript:window.parent.__xss=1"></iframe>';

declare global {
  interface Window {
    __xss?: number;
  }
}

function timings(medianMs: number): NonNullable<Case['timings']> {
  return {
    loadMs: 1,
    initMs: 1,
    firstMs: medianMs,
    warm: {
      n: 3,
      medianMs,
      meanMs: medianMs,
      minMs: medianMs,
      p90Ms: medianMs,
      stdevMs: 0,
      ci95Ms: [medianMs, medianMs],
      samplesMs: [medianMs, medianMs, medianMs],
    },
  };
}

/** A run whose every client-controlled string that the pages show carries a payload. */
function hostileRun(t: string, withDeviceModel: boolean): Run {
  const model = `${SCRIPT}${t}`;
  return {
    schema: 'atlas.run/1',
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    app: { version: `${IMG}` },
    suite: { id: `${SVG}`, version: '1' },
    source: 'browser',
    env: {
      userAgent: `Mozilla/5.0 ${IMG} ${SCRIPT} ${SVG} ${t}`,
      uaData: {
        brands: [{ brand: `${ALERT}`, version: '99' }],
        mobile: !withDeviceModel,
        platform: SVG,
        ...(withDeviceModel ? { model: `${SCRIPT} ${t}` } : {}),
        platformVersion: IFRAME,
      },
      hardwareConcurrency: 4,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: true, webnn: false },
      gpu: { vendor: `${IMG}`, architecture: SVG, description: IMG },
      webglRenderer: SCRIPT,
    },
    cases: [
      {
        model,
        runtime: 'ort',
        backend: 'wasm',
        options: { threads: 1 },
        status: 'ok',
        timings: timings(4),
        coldStart: { firstAnswerMs: 500 },
        memory: { wasmHeapPeakBytes: 10_000_000 },
      },
      {
        model,
        runtime: `${SVG}`,
        backend: `${ALERT}`,
        options: {},
        status: 'ok',
        timings: timings(6),
        coldStart: { firstAnswerMs: 100 },
        memory: { gpuPeakBytes: 1_000_000 },
      },
      { model: IMG, runtime: 'ort', backend: 'webgpu', options: {}, status: 'ok', timings: timings(2) },
      {
        model,
        runtime: 'ort',
        backend: 'webgl',
        options: {},
        status: 'error',
        error: `${SCRIPT} ${IMG} ${SVG}`,
      },
    ],
  };
}

async function post(request: APIRequestContext, run: Run): Promise<void> {
  const response = await request.post('/api/runs', { data: run });
  expect(response.status(), await response.text()).toBe(201);
}

/** Records dialogs and fails on anything a payload could have done to the page. */
function watch(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: readonly string[]): Promise<void> {
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // No payload became an element.
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll(
        'img[src="x"], img[onerror], svg[onload], iframe, script:not([src]):not([type="module"]), [onerror], [onload]',
      ).length,
  );
  expect(injected).toBe(0);
}

test('payloads in client data are shown as text on the dashboard and the run page', async ({
  page,
  request,
}) => {
  const t = Math.random().toString(36).slice(2, 8);
  const withModel = hostileRun(t, true);
  const withoutModel = hostileRun(t, false);
  // Payloads in members the schema does not know, or under __proto__, are refused, never stored.
  const smuggled = hostileRun(`${t}x`, true);
  const body = JSON.stringify({ ...smuggled, note: SCRIPT, env: { ...smuggled.env, extra: IMG } }).replace(
    '{',
    `{"__proto__":{"html":${JSON.stringify(IFRAME)}},`,
  );
  const refused = await request.post('/api/runs', {
    data: body,
    headers: { 'content-type': 'application/json' },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
    '__proto__',
    'env.extra',
    'note',
  ]);
  expect((await request.get(`/api/runs/${smuggled.id}`)).status()).toBe(404);
  await post(request, withModel);
  await post(request, withoutModel);
  const dialogs = watch(page);

  await page.goto('/dashboard');
  await expect(page.locator('.heatmap')).toBeVisible();
  // Draw the chart of the hostile model too (Plot writes SVG text nodes).
  await page.locator('#chart-model').selectOption(`${SCRIPT}${t}`);
  await page.locator('#chart-section').scrollIntoViewIfNeeded();
  await expect(page.locator('#chart figure.facet svg').first()).toBeVisible();
  await expect(page.locator('#chart')).toContainText(SVG);
  // Hover a dot so Plot's tip renders the payload label.
  await page.locator('#chart figure.facet svg circle').first().hover();
  await expect(page.locator('#latest')).toContainText(SCRIPT);

  await expect(page.locator('#heatmap').getByText(SCRIPT).first()).toBeVisible();
  await expect(page.locator('.heatmap')).toContainText(`${SCRIPT}${t}`);
  await expect(page.locator('.heatmap')).toContainText(IMG);
  await expect(page.locator('.heatmap thead')).toContainText(ALERT);
  await expect(page.locator('#results-table')).toContainText(`${SVG} · ${ALERT}`);
  // The time-to-first-answer and memory cards: model, labels and the verdict sentence.
  await expect(page.locator('#first-answer').getByText(`${SCRIPT}${t}`).first()).toBeVisible();
  await expect(page.locator('#first-answer .bw-verdict').first()).toContainText(`${SVG} · ${ALERT}`);
  await expect(page.locator('#memory')).toContainText(`${SVG} · ${ALERT}`);
  await page.locator('#f-search').fill(t);
  await expect(page.locator('#results-table tbody tr').first()).toBeVisible();
  await expectNothingRan(page, dialogs);

  await page.goto(`/runs/${withModel.id}`);
  await expect(page.locator('#results-body')).toContainText(`${SCRIPT}${t}`);
  await expect(page.getByText(`${SCRIPT} ${IMG} ${SVG}`).first()).toBeVisible();
  await expect(page.locator('#run-meta')).toContainText(`Mozilla/5.0 ${IMG} ${SCRIPT} ${SVG} ${t}`);
  await expect(page.locator('#run-meta')).toContainText(IMG);
  // Platform row: OS, OS version, then the device model (src/report/device-summary.ts).
  await expect(page.locator('#device-list')).toContainText(`${SVG} ${IFRAME} · ${SCRIPT} ${t}`);
  await expect(page.locator('#device-list')).toContainText(`${ALERT} 99 (Blink)`);
  await expect(page.locator('#device-list')).toContainText(IMG);
  await expect(page.locator('#results-body')).toContainText(`${SVG} · ${ALERT}`);
  await expectNothingRan(page, dialogs);
});

test('hostile addresses are text too: a payload run id, a javascript: results base', async ({ page }) => {
  const dialogs = watch(page);
  await page.goto(`/runs/${encodeURIComponent(IMG)}`);
  await expect(page.locator('#error')).toContainText('No run with this id');
  await expect(page.locator('#error')).toContainText(IMG);
  await expectNothingRan(page, dialogs);

  // `?results=` only ever names an http(s) server; anything else falls back to this origin.
  await page.goto(`/dashboard?results=${encodeURIComponent("javascript:alert('xss')")}`);
  await expect(page.locator('#counts')).toContainText('runs');
  await expect(page.locator('#source')).toBeEmpty();
  await page.goto(`/runs/${crypto.randomUUID()}?results=${encodeURIComponent('javascript:alert(1)//')}`);
  await expect(page.locator('#error')).toContainText('No run with this id');
  await expectNothingRan(page, dialogs);
});
