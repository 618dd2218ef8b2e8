/**
 * The dashboard and the run page against the real server: runs posted through the API (two device
 * groups, two runtimes) show up in the counts, the heatmap names the faster runtime per device, the
 * table sorts and filters, the model chart draws an SVG, the zoo's MobileNetV2 in three formats is
 * ranked library by library, Chromium, Firefox and Safari runs on one machine show where the
 * fastest library changes with the browser, the multi-backend scenarios show their gains and flips
 * per device, and a stored run has its own page. An empty store and a failing API
 * are said in words. Every test uses its own model or device names, so runs other tests store do
 * not disturb it.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { RunList, ScenarioList, Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { buildRun, type CaseSpec, threeEngineRuns } from '../support/records.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  STEADY_LEVELS,
  splitResult,
  sustainedResult,
} from '../support/scenario-records.ts';
import { watchCsp } from './helpers.ts';

async function post(request: APIRequestContext, run: Run): Promise<void> {
  const response = await request.post('/api/runs', { data: run });
  expect(response.status(), await response.text()).toBe(201);
}

/** The device group the server derived for runs of `model` made on a phone named `deviceModel`. */
async function deviceGroupOf(
  request: APIRequestContext,
  model: string,
  deviceModel: string,
): Promise<string> {
  const list = (await (
    await request.get(`/api/runs?model=${encodeURIComponent(model)}&limit=50`)
  ).json()) as RunList;
  const run = list.runs.find((r) => r.device.deviceModel === deviceModel);
  expect(run, `a listed run made on ${deviceModel}`).toBeDefined();
  return run?.device.deviceGroup ?? '';
}

const tag = () => Math.random().toString(36).slice(2, 8);
const rows = (page: Page) => page.locator('#results-table tbody tr');

test('posted runs show up in the counts, heatmap, table and chart', async ({ page, request }) => {
  // Observable Plot's SVG (its <style> and style attributes) under the page's policy.
  const csp = await watchCsp(page);
  const t = tag();
  const model = `dash-model-${t}`;
  const other = `dash-other-${t}`;
  const [alpha, beta] = [`Alpha-${t}`, `Beta-${t}`];
  // On Alpha ort·wasm is 3× faster than tfjs·webgl; on Beta tfjs·webgl is 2× faster than ort·wasm.
  for (const scale of [1, 1.1]) {
    await post(
      request,
      buildRun(alpha, [
        { model, runtime: 'ort', backend: 'wasm', medianMs: 10 * scale },
        { model, runtime: 'tfjs', backend: 'webgl', medianMs: 30 * scale },
        { model: other, runtime: 'ort', backend: 'wasm', medianMs: 5 * scale },
      ]),
    );
    await post(
      request,
      buildRun(beta, [
        { model, runtime: 'ort', backend: 'wasm', medianMs: 40 * scale },
        { model, runtime: 'tfjs', backend: 'webgl', medianMs: 20 * scale },
        { model, runtime: 'tfjs', backend: 'webgpu', status: 'unsupported', error: 'no WebGPU adapter' },
      ]),
    );
  }
  const groupA = await deviceGroupOf(request, model, alpha);
  const groupB = await deviceGroupOf(request, model, beta);
  const summary = (await (await request.get('/api/summary')).json()) as Summary;

  await page.goto('/dashboard');
  const runsCount = page.locator('#counts .count', { hasText: 'runs' }).locator('.count-n');
  await expect(runsCount).toHaveText(summary.totals.runs.toLocaleString('en-US'));
  await expect(page.locator('#counts')).toContainText('device groups');

  // Heatmap: each device's cell names its faster runtime and says by how much in its accessible name.
  const cellA = page.getByRole('button', { name: `${model} on ${groupA}` });
  const cellB = page.getByRole('button', { name: `${model} on ${groupB}` });
  await expect(cellA).toContainText('ort · wasm');
  await expect(cellA).toHaveAttribute('aria-label', /runner-up: tfjs · webgl.*3\.0× the best/);
  await expect(cellB).toContainText('tfjs · webgl');
  await expect(cellB).toHaveAttribute('aria-label', /runner-up: ort · wasm.*2\.0× the best/);
  await expect(page.locator('#legend')).toContainText('1×');

  // Comparing against a chosen runtime: on Alpha tfjs·webgl is 3× the best, on Beta it is the best.
  await page.locator('#f-compare').selectOption('tfjs · webgl');
  await expect(cellA).toHaveAttribute('aria-label', /tfjs · webgl, 31\.5 ms, 3\.0× the best/);
  await expect(cellB).toContainText('best');
  await page.locator('#f-compare').selectOption('');

  // Filters narrow the table: this model has two runtimes on two devices.
  await page.locator('#f-model').selectOption(model);
  await expect(rows(page)).toHaveCount(4);
  await expect(page.locator('#table-note')).toHaveText('4 rows.');

  // Sorting by median: ascending, then descending on a second click.
  const medianHeader = page.locator('#results-table th', { hasText: 'Median ms' });
  const medians = async () =>
    (await rows(page).locator('td:nth-child(5)').allTextContents()).map((text) => Number(text));
  await medianHeader.getByRole('button').click();
  await expect(medianHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await medians()).toEqual([10.5, 21, 31.5, 42]);
  await medianHeader.getByRole('button').click();
  await expect(medianHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await medians()).toEqual([42, 31.5, 21, 10.5]);

  // The chart of this model: one SVG per device group, drawn once the section is in view.
  await page.locator('#chart-section').scrollIntoViewIfNeeded();
  await expect(page.locator('#chart-model')).toHaveValue(model);
  await expect(page.locator('#chart figure.facet svg')).toHaveCount(2);
  await expect(page.locator('#chart figure.facet').first()).toContainText(/Alpha|Beta/);

  await page.locator('#f-device').selectOption(groupA);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('#chart figure.facet svg')).toHaveCount(1);
  await page.locator('#f-search').fill('webgl');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('tfjs · webgl');
  // The filters are kept in the address, so the view can be shared.
  expect(new URL(page.url()).searchParams.get('model')).toBe(model);

  // The latest runs link to each run's own page.
  const link = page.locator('#latest a').first();
  await expect(link).toHaveAttribute('href', /^\/runs\/[0-9a-f-]{36}$/);
  expect(csp.violations, 'Content-Security-Policy violations').toEqual([]);
});

/** The zoo's MobileNetV2 in its three formats, one per library, and a faster backend of each. */
function mobilenetCases(): CaseSpec[] {
  return [
    { model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'wasm', medianMs: 12 },
    { model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'webgpu', medianMs: 5 },
    { model: 'zoo-mobilenet-v2-tfjs', runtime: 'tfjs', backend: 'wasm', medianMs: 20 },
    { model: 'zoo-mobilenet-v2-tfjs', runtime: 'tfjs', backend: 'webgl', medianMs: 7.5 },
    { model: 'zoo-mobilenet-v2-tflite', runtime: 'litert', backend: 'wasm', medianMs: 11.85 },
    // A wrong answer has no say, however fast it would have been.
    { model: 'zoo-mobilenet-v2-tflite', runtime: 'litert', backend: 'webgpu', status: 'wrong' },
  ];
}

test('the same network on different libraries is ranked per device', async ({ page, request }) => {
  const t = tag();
  const [epsilon, zeta] = [`Epsilon-${t}`, `Zeta-${t}`];
  await post(request, buildRun(epsilon, mobilenetCases()));
  // On Zeta only one library ran the network: nothing to compare there.
  await post(
    request,
    buildRun(zeta, [{ model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'wasm', medianMs: 9 }]),
  );
  const groupE = await deviceGroupOf(request, 'zoo-mobilenet-v2-tflite', epsilon);
  const groupZ = await deviceGroupOf(request, 'zoo-mobilenet-v2-onnx', zeta);

  await page.goto('/dashboard');
  const section = page.locator('#networks-section');
  await expect(section.getByRole('heading', { name: 'Same network, different libraries' })).toBeVisible();
  await expect(section.locator('.section-caption')).toContainText('same weights');
  const network = section.locator('table[data-network="zoo-mobilenet-v2"]');
  const onEpsilon = network.filter({ hasText: groupE });
  await expect(onEpsilon.locator('tr[data-runtime]')).toHaveCount(3);
  expect(await onEpsilon.locator('.net-library').allTextContents()).toEqual([
    'ort · webgpu',
    'tfjs · webgl',
    'litert · wasm',
  ]);
  expect(await onEpsilon.locator('.net-entry').allTextContents()).toEqual([
    'zoo-mobilenet-v2-onnx',
    'zoo-mobilenet-v2-tfjs',
    'zoo-mobilenet-v2-tflite',
  ]);
  expect(await onEpsilon.locator('.net-ratio').allTextContents()).toEqual(['1.00×', '1.50×', '2.37×']);
  expect(await onEpsilon.locator('.net-median').allTextContents()).toEqual(['5.00', '7.50', '11.8']);
  await expect(network.filter({ hasText: groupZ })).toHaveCount(0);

  // A model filter selects its network: all three formats stay, the other networks go.
  await page.locator('#f-model').selectOption('zoo-mobilenet-v2-tfjs');
  await expect(onEpsilon.locator('.net-ratio')).toHaveText(['1.00×', '1.50×', '2.37×']);
  await expect(section.locator('.network-block')).toHaveCount(1);
  // A device filter narrows the groups; one where a single library ran says there is nothing.
  await page.locator('#f-device').selectOption(groupE);
  await expect(network).toHaveCount(1);
  await page.locator('#f-device').selectOption(groupZ);
  await expect(section.locator('table')).toHaveCount(0);
  await expect(section.locator('#networks')).toContainText('No network has been measured on two or more');
});

/** Posts `threeEngineRuns(model)`: ort wins on `model` in Chromium, tfjs in Firefox and Safari. */
async function postThreeEngines(request: APIRequestContext, model: string): Promise<void> {
  for (const run of threeEngineRuns(model)) await post(request, run);
}

test('the fastest library per browser on one device: where it changes is flagged', async ({
  page,
  request,
}) => {
  const model = `engines-${tag()}`;
  await postThreeEngines(request, model);
  await page.goto('/dashboard');
  const section = page.locator('#browsers-section');
  await expect(
    section.getByRole('heading', { name: 'Does the fastest library change with the browser?' }),
  ).toBeVisible();
  const flip = section.locator(`.bw-card[data-subject="${model}"]`);
  await expect(flip).toHaveAttribute('data-verdict', 'flip');
  await expect(flip.locator('.bw-where')).toHaveText('Linux desktop');
  await expect(flip.locator('.bw-badge')).toHaveText('winner changes');
  await expect(flip.locator('.bw-verdict')).toContainText('ort in Chromium; tfjs in Firefox and Safari');
  const rowsOf = (card: typeof flip) => card.locator('tbody tr');
  await expect(rowsOf(flip).locator('.bw-browser')).toHaveText(['Chromium', 'Firefox', 'Safari']);
  await expect(rowsOf(flip).locator('.bw-library')).toHaveText(['ort · wasm', 'tfjs · wasm', 'tfjs · wasm']);
  await expect(rowsOf(flip).locator('.bw-margin')).toHaveText([
    '2.00× over tfjs',
    '2.00× over ort',
    '2.00× over ort',
  ]);
  // The network, in two formats: ort wins in every browser.
  const same = section.locator(
    '.bw-card[data-subject="zoo-mobilenet-v2"][data-device-group="Linux desktop"]',
  );
  await expect(same).toHaveAttribute('data-verdict', 'same');
  await expect(same.locator('.bw-verdict')).toContainText('Same library in every browser: ort');
  await expect(rowsOf(same).locator('.net-entry')).toHaveText(Array(3).fill('zoo-mobilenet-v2-onnx'));
  await expect(section.locator('.bw-tally')).toContainText('The fastest library changes with the browser in');

  // The browser filter keeps the comparisons with Firefox in them, every browser shown beside it;
  // the heatmap and the table keep Firefox's results only.
  await page.locator('#f-browser').selectOption('Firefox');
  await expect(rowsOf(flip)).toHaveCount(3);
  await expect(page.locator('#heatmap th.col .col-browser')).toHaveText(['Firefox']);
  await page.locator('#f-model').selectOption(model);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText('Firefox');
  // A device group measured in one browser only: the section says what it needs.
  await page.locator('#f-browser').selectOption('');
  const phone = (await page.locator('#f-device option').allTextContents()).find((d) => d.includes('Android'));
  await page.locator('#f-device').selectOption(phone ?? '');
  await expect(section.locator('.bw-card')).toHaveCount(0);
  await expect(section).toContainText('needs one device group measured in two or more browsers');
});

test('time to first answer and memory beside warm latency: a warm winner that loses cold is said', async ({
  page,
  request,
}) => {
  const model = `cold-${tag()}`;
  const MB = 1_000_000;
  // ort·wasm is fastest warm but slowest to its first answer; tfjs·webgl answers first, on the GPU.
  for (const k of [1, 2])
    await post(
      request,
      buildRun(`Cold-${model}`, [
        {
          model,
          runtime: 'ort',
          backend: 'wasm',
          medianMs: 5,
          firstAnswerMs: 900 + 100 * k,
          wasmHeapPeakBytes: 40 * MB * k,
          modelBytes: 10 * MB,
        },
        { model, runtime: 'tfjs', backend: 'webgl', medianMs: 8, firstAnswerMs: 300, gpuPeakBytes: 7 * MB },
        { model, runtime: 'litert', backend: 'wasm', medianMs: 9 },
        { model: `${model}-plain`, runtime: 'ort', backend: 'wasm', medianMs: 4 },
      ]),
    );
  await page.goto('/dashboard');
  await page.locator('#f-model').selectOption(model);
  const first = page.locator('#first-answer-section');
  await expect(first.getByRole('heading', { name: 'Time to first answer' })).toBeVisible();
  const card = first.locator(`.bw-card[data-model="${model}"]`);
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-verdict', 'flip');
  await expect(card.locator('.bw-badge')).toHaveText('wins warm, loses cold');
  await expect(card.locator('.bw-verdict')).toContainText(
    'ort wins warm but loses cold: ort · wasm is fastest warm (5.00 ms) yet takes 1050 ms to its first answer, against 300 ms for tfjs · webgl.',
  );
  // First to answer first; a library without the figure last, with a dash.
  const cells = (row: number) => card.locator('tbody tr').nth(row).locator('th, td');
  await expect(cells(0)).toHaveText(['tfjs · webgl', '8.00', '300']);
  await expect(cells(1)).toHaveText(['ort · wasm', '5.00', '1050']);
  await expect(cells(2)).toHaveText(['litert · wasm', '9.00', '—']);
  await expect(first.locator('.bw-tally')).toHaveText(
    'The library fastest warm is not first to answer in 1 of 1 comparison.',
  );

  const memory = page.locator(`#memory .bw-card[data-model="${model}"]`);
  await expect(memory).toHaveAttribute('data-verdict', 'flip');
  await expect(memory.locator('.bw-verdict')).toContainText(
    'ort · wasm peaks at 60.0 MB heap (6.0× the model), tfjs · webgl at 7.0 MB GPU',
  );
  await expect(memory.locator('tbody tr').nth(1).locator('th, td')).toHaveText([
    'ort · wasm',
    '5.00',
    '60.0 MB6.0× model',
    '—',
  ]);

  // A model whose runs carried no figures (older clients): both views say so in words.
  await page.locator('#f-model').selectOption(`${model}-plain`);
  await expect(first.locator('.bw-card')).toHaveCount(0);
  await expect(first).toContainText('No run with these filters has a time to first answer yet');
  await expect(page.locator('#memory')).toContainText('No run with these filters has memory figures yet');
});

test('first vs repeat visit: what caching saved is shown per library, the page memory with what it measures, and each run page says its visit', async ({
  page,
  request,
}) => {
  const model = `visit-${tag()}`;
  const MB = 1_000_000;
  const visit = (kind: 'first' | 'repeat', ort: number, tfjs: number, sent: number) => {
    const run = buildRun(`Visit-${model}`, [
      {
        model,
        runtime: 'ort',
        backend: 'wasm',
        medianMs: 5,
        firstAnswerMs: ort,
        wasmHeapPeakBytes: 40 * MB,
        modelBytes: 10 * MB,
        modelTransferBytes: sent,
        pageBytes: 30 * MB,
      },
      {
        model,
        runtime: 'tfjs',
        backend: 'wasm',
        medianMs: 8,
        firstAnswerMs: tfjs,
        wasmHeapPeakBytes: 20 * MB,
      },
    ]);
    run.visit = kind;
    return run;
  };
  const firstVisit = visit('first', 2000, 900, 10 * MB);
  const repeatVisit = visit('repeat', 500, 600, 0);
  await post(request, firstVisit);
  await post(request, repeatVisit);
  await page.goto('/dashboard');
  await page.locator('#f-model').selectOption(model);
  const card = page.locator(`#first-answer .bw-card[data-model="${model}"]`);
  await expect(card.locator('thead th')).toHaveText([
    'Library',
    'Warm ms',
    'First answer ms',
    'First visit',
    'Repeat visit',
  ]);
  const cells = (row: number) => card.locator('tbody tr').nth(row).locator('th, td');
  await expect(cells(0)).toHaveText(['tfjs · wasm', '8.00', '750', '900', '600300 ms saved · 1.50×']);
  await expect(cells(1)).toHaveText(['ort · wasm', '5.00', '1250', '2000', '5001500 ms saved · 4.00×']);
  await expect(card.locator('.visit-note')).toHaveText(
    'On a repeat visit caching saved the most, 1500 ms, for ort · wasm (2000 → 500 ms to the first answer, 4.00× faster).',
  );

  const memory = page.locator(`#memory .bw-card[data-model="${model}"]`);
  // No library here allocated GPU memory: no GPU column; the page's memory has one.
  await expect(memory.locator('thead th')).toHaveText(['Library', 'Warm ms', 'Heap', 'Page']);
  await expect(memory.locator('tbody tr[data-runtime="ort"] td').last()).toHaveText('30.0 MB');
  await expect(memory.locator('tbody tr[data-runtime="tfjs"] td').last()).toHaveText('—');
  await expect(memory.locator('.cold-note')).toContainText('not WebAssembly memories');

  // Each run's own page says which visit it was, and its first answers what caching did.
  await page.goto(`/runs/${repeatVisit.id}`);
  await expect(page.locator('#run-meta')).toContainText(
    'Visitrepeat: the same plan again in the same browser profile',
  );
  const ortRow = page.locator('#results-body tr[data-status]', { hasText: 'ort · wasm' });
  await expect(ortRow.locator('.first-answer-caching')).toHaveText('from cache');
  await page.goto(`/runs/${firstVisit.id}`);
  await expect(page.locator('#run-meta')).toContainText('Visitfirst: a fresh browser profile');
  await expect(
    page.locator('#results-body tr[data-status]', { hasText: 'ort · wasm' }).locator('.first-answer-caching'),
  ).toHaveText('downloaded 10.0 MB');
});

/** The device group the server derived for scenario results made on a phone named `deviceModel`. */
async function scenarioGroupOf(request: APIRequestContext, deviceModel: string): Promise<string> {
  const list = (await (
    await request.get(`/api/scenarios?device=${encodeURIComponent(deviceModel)}`)
  ).json()) as ScenarioList;
  expect(list.results.length, `scenario results made on ${deviceModel}`).toBeGreaterThan(0);
  return list.results[0]?.deviceGroup ?? '';
}

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

test('a stored run has its own page; an unknown id says so', async ({ page, request }) => {
  const t = tag();
  const model = `run-page-${t}`;
  const run = buildRun(`Gamma-${t}`, [
    { model, runtime: 'ort', backend: 'wasm', medianMs: 12.5 },
    { model, runtime: 'ort', backend: 'webgpu', status: 'error', error: 'device lost' },
  ]);
  await post(request, run);
  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('#run-meta')).toContainText(run.id);
  await expect(page.locator('#run-meta')).toContainText('quick');
  await expect(page.locator('#device-list')).toContainText(`Gamma-${t}`);
  await expect(page.locator('#results-body')).toContainText(model);
  await expect(page.locator('#results-body')).toContainText('12.5 ±');
  await expect(page.locator('#results-body tr.reason')).toContainText('device lost');
  const download = page.waitForEvent('download');
  await page.locator('#download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`atlas-run-${run.id}.json`);

  await page.goto(`/runs/${crypto.randomUUID()}`);
  await expect(page.locator('#error')).toContainText('No run with this id');
});

test('an empty store says how to add runs; a failing API shows an error line', async ({ page }) => {
  const empty: Summary = {
    generatedAt: new Date().toISOString(),
    totals: { runs: 0, cases: 0, devices: 0, deviceGroups: 0 },
    groups: [],
  };
  await page.route('**/api/summary', (route) => route.fulfill({ json: empty }));
  await page.goto('/dashboard');
  await expect(page.locator('#empty')).toContainText('No runs yet — run the benchmark at / and upload');
  await expect(page.locator('#content')).toBeHidden();
  await expect(page.locator('#chart svg')).toHaveCount(0);

  await page.unroute('**/api/summary');
  await page.route('**/api/summary', (route) =>
    route.fulfill({ status: 500, json: { error: 'the store is down' } }),
  );
  await page.goto('/dashboard');
  await expect(page.locator('#error')).toBeVisible();
  await expect(page.locator('#error')).toContainText('the store is down');
});

for (const width of [360, 1280]) {
  test(`the dashboard fits a ${width}-px-wide screen`, async ({ page, request }, testInfo) => {
    const t = tag();
    await post(request, {
      ...buildRun(`Delta-${t}`, [
        {
          model: `fit-${t}`,
          runtime: 'ort',
          backend: 'wasm',
          medianMs: 3,
          firstAnswerMs: 1234,
          wasmHeapPeakBytes: 52_000_000,
          modelBytes: 4_000_000,
        },
        {
          model: `fit-${t}`,
          runtime: 'tfjs',
          backend: 'webgl',
          medianMs: 6,
          firstAnswerMs: 400,
          gpuPeakBytes: 9_000_000,
        },
        ...mobilenetCases(),
      ]),
      scenarios: [
        splitResult({ 0: 100, 0.5: 85, 1: 120 }),
        interferenceResult(FLIPPING_LEVELS),
        dynamicResult([
          [0.8, 'fixed', 34],
          [0.8, 'shortest-expected', 40],
        ]),
      ],
    });
    await postThreeEngines(request, `fit-engines-${t}`);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/dashboard');
    await expect(page.locator('.heatmap')).toBeVisible();
    await expect(page.locator('#browser-winners .bw-card').first()).toBeVisible();
    await expect(page.locator('#networks table.network-table').first()).toBeVisible();
    await expect(page.locator('#scenarios .scen-card').first()).toBeVisible();
    await expect(page.locator('#first-answer .bw-card').first()).toBeVisible();
    await expect(page.locator('#memory .bw-card').first()).toBeVisible();
    await page.locator('#chart-section').scrollIntoViewIfNeeded();
    await expect(page.locator('#chart figure.facet svg').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${width}.png`), fullPage: true });
    for (const id of ['first-answer-section', 'memory-section'])
      await page.locator(`#${id}`).screenshot({ path: testInfo.outputPath(`${id}-${width}.png`) });
  });
}
