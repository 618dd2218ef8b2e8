/**
 * Firefox, Safari (WebKitGTK), iPhone Safari and iPhone Chrome beside Chromium, through the real
 * server on SQLite and (when DATABASE_URL points at one) PostgreSQL: the derived browser and
 * engine, one summary group per browser and engine, the dashboard's browser filter over the
 * summary the server sends, and the cross-browser view finding a flip on one machine.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { browserComparisons } from '../../src/dashboard/browser-winners.ts';
import { filterGroups, NO_FILTERS } from '../../src/dashboard/model.ts';
import type { RunList, Summary } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { networkOf } from '../../src/suite/catalog.ts';
import { makeRun, okCase, USER_AGENTS } from '../support/records.ts';
import { storeKinds } from '../support/stores.ts';

const UA = {
  ...USER_AGENTS,
  androidChrome:
    'Mozilla/5.0 (Linux; Android 15; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  macChrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  // Made up for the grouping: a WebKit Chrome (CriOS) whose user agent says Macintosh, so its
  // device group and browser name are those of Blink's Chrome on a Mac; only the engine differs.
  macCriOS:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.156 Version/18.5 Safari/605.1.15',
} as const;

const hints = (brand: string, platform: string, mobile = false, model?: string) => ({
  brands: [
    { brand: 'Not:A-Brand', version: '8' },
    { brand: 'Chromium', version: '156' },
    ...(brand === 'Chromium' ? [] : [{ brand, version: '156' }]),
  ],
  mobile,
  platform,
  ...(model ? { model } : {}),
});

/** A run on one machine (same cores and memory) in the browser `userAgent` names. */
function runIn(userAgent: string, cases: Run['cases'], extra: Partial<Run['env']> = {}): Run {
  const run = makeRun({ cases });
  const { uaData: _hints, gpu: _gpu, deviceMemory: _memory, ...env } = run.env;
  run.env = { ...env, userAgent, hardwareConcurrency: 2, ...extra };
  return run;
}

describe.each(storeKinds())('browsers and engines on $name', (kind) => {
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let summary: Summary;
  let runs: RunList['runs'];
  const model = `engines-${Math.random().toString(36).slice(2, 8)}`;
  // ort is faster in Chromium, tfjs in Firefox and in Safari (beyond noise: CIs are ±2%).
  const cases = (ortMs: number, tfjsMs: number) => [
    okCase(model, 'ort', 'wasm', ortMs),
    okCase(model, 'tfjs', 'wasm', tfjsMs),
  ];

  beforeAll(async () => {
    let store: Awaited<ReturnType<typeof kind.open>>['store'];
    ({ store, dispose } = await kind.open());
    app = await buildApp({ store, rateLimit: { max: 0, windowMs: 60_000 }, ipHashSalt: 'test-salt' });
    const posted = [
      runIn(UA.chromium, cases(10, 20), {
        uaData: hints('Chromium', 'Linux'),
        gpu: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
      }),
      runIn(UA.firefox, cases(30, 15)),
      runIn(UA.webkitgtk, cases(40, 20)),
      runIn(UA.iphoneSafari, cases(12, 24)),
      runIn(UA.iphoneChrome, cases(13, 26)),
      runIn(UA.androidChrome, cases(5, 50), { uaData: hints('Google Chrome', 'Android', true, 'Pixel 8') }),
      runIn(UA.macChrome, cases(6, 12), { uaData: hints('Google Chrome', 'macOS') }),
      runIn(UA.macCriOS, cases(60, 120)),
    ];
    for (const run of posted) {
      const res = await app.inject({ method: 'POST', url: '/api/runs', payload: run });
      expect(res.statusCode, res.body).toBe(201);
    }
    summary = (await app.inject({ method: 'GET', url: '/api/summary' })).json() as Summary;
    runs = ((await app.inject({ method: 'GET', url: `/api/runs?model=${model}` })).json() as RunList).runs;
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('derives browser, engine, OS and device group from user agents without client hints', () => {
    expect(runs).toHaveLength(8);
    const fields = runs
      .map((r) => [r.device.browser, r.device.engine, r.device.os, r.device.deviceGroup])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(fields).toEqual([
      ['Chrome', 'Blink', 'Android', 'Pixel 8 · Android'],
      ['Chrome', 'Blink', 'macOS', 'Macintosh · macOS'],
      ['Chrome', 'WebKit', 'iOS', 'iPhone · iOS'],
      ['Chrome', 'WebKit', 'macOS', 'Macintosh · macOS'],
      ['Chromium', 'Blink', 'Linux', 'Linux desktop'],
      ['Firefox', 'Gecko', 'Linux', 'Linux desktop'],
      ['Mobile Safari', 'WebKit', 'iOS', 'iPhone · iOS'],
      ['Safari', 'WebKit', 'Linux', 'Linux desktop'],
    ]);
  });

  it('keeps each browser and engine in its own summary group', () => {
    const groups = summary.groups
      .filter((g) => g.model === model)
      .map((g) => [g.deviceGroup, g.browser, g.engine, g.runs, g.entries[0]?.runtime]);
    expect(groups).toEqual([
      ['iPhone · iOS', 'Chrome', 'WebKit', 1, 'ort'],
      ['iPhone · iOS', 'Mobile Safari', 'WebKit', 1, 'ort'],
      ['Linux desktop', 'Chromium', 'Blink', 1, 'ort'],
      ['Linux desktop', 'Firefox', 'Gecko', 1, 'tfjs'],
      ['Linux desktop', 'Safari', 'WebKit', 1, 'tfjs'],
      // Same device group and browser name, different engines: two groups, never one.
      ['Macintosh · macOS', 'Chrome', 'Blink', 1, 'ort'],
      ['Macintosh · macOS', 'Chrome', 'WebKit', 1, 'ort'],
      ['Pixel 8 · Android', 'Chrome', 'Blink', 1, 'ort'],
    ]);
    const onMac = (engine: string) =>
      summary.groups.find(
        (g) => g.model === model && g.deviceGroup === 'Macintosh · macOS' && g.engine === engine,
      );
    expect(onMac('Blink')?.entries[0]?.medianMs).toBe(6);
    expect(onMac('WebKit')?.entries[0]?.medianMs).toBe(60);
  });

  it('filters the summary by browser the way the dashboard does', () => {
    const shown = (browser: string) =>
      filterGroups(summary, { ...NO_FILTERS, browser, model })
        .map((g) => `${g.deviceGroup} · ${g.browser} · ${g.engine}`)
        .sort((a, b) => a.localeCompare(b));
    expect(shown('Firefox')).toEqual(['Linux desktop · Firefox · Gecko']);
    expect(shown('Safari')).toEqual(['Linux desktop · Safari · WebKit']);
    expect(shown('Mobile Safari')).toEqual(['iPhone · iOS · Mobile Safari · WebKit']);
    expect(shown('Chrome')).toEqual([
      'iPhone · iOS · Chrome · WebKit',
      'Macintosh · macOS · Chrome · Blink',
      'Macintosh · macOS · Chrome · WebKit',
      'Pixel 8 · Android · Chrome · Blink',
    ]);
  });

  it('finds that the fastest library changes with the browser on the Linux machine', () => {
    const [linux] = browserComparisons(
      summary.groups.filter((g) => g.model === model && g.deviceGroup === 'Linux desktop'),
      networkOf,
    );
    expect(linux?.verdict).toBe('flip');
    expect(linux?.browsers.map((b) => [b.name, b.libraries[0]?.runtime, b.margin])).toEqual([
      ['Chromium', 'ort', 2],
      ['Firefox', 'tfjs', 2],
      ['Safari', 'tfjs', 2],
    ]);
  });
});
