/**
 * The dashboard's comparisons against the real server: the zoo's MobileNetV2 in three formats
 * ranked library by library, Chromium, Firefox and Safari runs on one machine showing where the
 * fastest library changes with the browser, time to first answer and memory beside warm latency,
 * and first vs repeat visit. Every test posts runs under its own model or device names.
 */
import { expect, test } from '@playwright/test';
import { buildRun } from '../support/records.ts';
import { deviceGroupOf, mobilenetCases, post, postThreeEngines, rows, tag } from './dashboard-helpers.ts';

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
