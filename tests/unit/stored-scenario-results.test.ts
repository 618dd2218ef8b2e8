/**
 * What stores hold today keeps working: a scenario result in every shape a committed runner has
 * written (both interference versions, the runner revisions before and after metrics were
 * added, failed and excluded results) is valid in `atlas.run/1`, comes out of validation exactly
 * as it went in (nothing stripped: the store keeps the validated result), gives the summary's
 * figures (headline median, multi-backend gain, interference flip) and draws the same chart
 * points and table figures on the page.
 */
import { describe, expect, it } from 'vitest';
import { summarizeScenarios } from '../../server/store/scenarios.ts';
import { chartPoints, scenarioModule, shownMetrics } from '../../src/scenarios/index.ts';
import { validateRun } from '../../src/schema/run.ts';
import type { ScenarioResult } from '../../src/schema/scenario.ts';
import { makeRun } from '../support/records.ts';
import {
  storedConcurrent,
  storedDynamic,
  storedInterference,
  storedPipeline,
  storedResults,
  storedSplit,
  storedSustained,
} from '../support/stored-scenario-results.ts';

const summaryOf = (result: ScenarioResult) =>
  summarizeScenarios([
    {
      scenario: result.id,
      deviceGroup: 'Pixel 9 · Android',
      browser: 'Chrome',
      emulated: false,
      createdAt: '2026-12-01T10:00:00.000Z',
      receivedAt: '2026-12-01T10:00:01.000Z',
      result,
    },
  ]).groups;

/** `[x, series, y]` of each chart point. */
const points = (result: ScenarioResult) =>
  chartPoints(scenarioModule(result.id).chart, result.configs).map((p) => [p.x, p.series, p.y]);

describe('scenario results as stored today', () => {
  it.each(storedResults())('%s is valid and validates to itself', (_name, result) => {
    const checked = validateRun({ ...makeRun({}, 1), scenarios: [result] });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(checked.ok && checked.run.scenarios).toEqual([result]);
  });

  it('keep their summary figures: headline medians, the split and dynamic gains, the flips', () => {
    for (const result of [storedSplit(), storedSplit({ serviceTimes: false })]) {
      const [split] = summaryOf(result);
      expect(split?.headline).toMatchObject({ metric: 'bestSplitGainOverBestSingle', median: 40 / 30, n: 1 });
      expect(split?.gain).toEqual({
        median: 40 / 30,
        n: 1,
        latest: { gain: 40 / 30, detail: 'best split at ratio 0.5 vs the best single backend' },
      });
    }
    for (const result of [storedDynamic(), storedDynamic(false)]) {
      const [dynamic] = summaryOf(result);
      expect(dynamic?.gain).toEqual({
        median: 40 / 25,
        n: 1,
        latest: { gain: 40 / 25, detail: 'least-loaded vs fixed, p99 at load 0.8' },
      });
      expect(dynamic?.flips).toBeUndefined();
    }
    for (const version of ['1', '2'] as const) {
      const [interference] = summaryOf(storedInterference(version));
      expect(interference?.flips, `v${version}`).toEqual({
        results: 1,
        flipped: 1,
        levels: [
          {
            level: '2 busy CPU workers',
            busyWorkers: 2,
            gpuLoad: false,
            from: 'wasm',
            to: 'webgpu',
            count: 1,
          },
        ],
      });
      expect(interference?.headline?.median).toBe(2);
      expect(interference?.gain).toBeUndefined();
    }
    for (const result of [storedConcurrent(), storedPipeline(), storedSustained()]) {
      const [group] = summaryOf(result);
      expect(group).toMatchObject({ scenario: result.id, count: 1 });
      expect(group?.headline?.median).toBe(result.headline?.value);
      expect(group?.gain).toBeUndefined();
      expect(group?.flips).toBeUndefined();
    }
  });

  it('keep their charts: what each varies on x, its series and figure', () => {
    const both = (suffix: string, face: string) => [
      [`alone${suffix}`, face, 1],
      [`alone${suffix}`, 'VAD (wasm)', 1],
      [`sequential${suffix}`, face, 1.05],
      [`sequential${suffix}`, 'VAD (wasm)', 1.1],
      [`co-run${suffix}`, face, 1.25],
      [`co-run${suffix}`, 'VAD (wasm)', 1.3],
    ];
    expect(points(storedConcurrent())).toEqual([
      ...both('', 'face detector (webgpu)'),
      ...both(' (1 backend)', 'face detector (wasm)'),
    ]);
    const makespans = [0, 40, 0.25, 34, 0.5, 30, 0.75, 36, 1, 48];
    const split = (ratio: number, ms: number) => [
      [ratio, 'measured', ms],
      [ratio, 'predicted from service times', ms * 0.9],
    ];
    expect(points(storedSplit())).toEqual(
      [0, 2, 4, 6, 8].flatMap((i) => split(makespans[i] as number, makespans[i + 1] as number)),
    );
    expect(points(storedSplit({ noWebGpu: true })).map(([, series]) => series)).toEqual(
      new Array(5).fill('measured'),
    );
    expect(points(storedPipeline())).toEqual([
      [10, 'wasm→wasm', 150],
      [25, 'wasm→webgpu', 60],
      [16, 'webgpu→wasm', 105],
    ]);
    for (const version of ['1', '2'] as const) {
      expect(points(storedInterference(version))).toEqual([
        ['0 busy', 'wasm', 10],
        ['0 busy', 'webgpu', 15],
        ['1 busy', 'wasm', 12],
        ['1 busy', 'webgpu', 15],
        ['2 busy', 'wasm', 20],
        ['2 busy', 'webgpu', 15],
        ['GPU loop', 'wasm', 10],
        ['GPU loop', 'webgpu', 30],
      ]);
    }
    expect(points(storedDynamic()).slice(0, 5)).toEqual([
      [0.3, 'fixed', 8],
      [0.3, 'round-robin', 9],
      [0.3, 'least-loaded', 7],
      [0.3, 'shortest-expected', 7],
      [0.6, 'fixed', 14],
    ]);
    expect(points(storedSustained())).toEqual([
      [0, 'median', 10],
      [3, 'median', 10.1],
      [6, 'median', 10.3],
      [9, 'median', 10.4],
      [12, 'median', 10.6],
    ]);
  });

  it('keep the figures their tables show under each configuration', () => {
    const shown = (result: ScenarioResult, index = 0) => {
      const config = result.configs[index];
      if (!config) throw new Error(`${result.id} has no configuration ${index}`);
      return shownMetrics(config, scenarioModule(result.id).chart.tableMetrics)
        .map(([name]) => name)
        .join(' ');
    };
    expect(shown(storedSplit())).toBe('makespanMs predictedMakespanMs throughputPerS transferMs');
    expect(shown(storedDynamic())).toBe(
      'missRate predictedP99Ms throughputPerS share_wasm share_webgpu dispatchLateMaxMs',
    );
    expect(shown(storedInterference('2'))).toBe(
      'rounds busyWorkersRunning busyIterationsPerS busyCores gpuDispatchesPerS gpuRunningShare',
    );
    expect(shown(storedInterference('1'))).toBe('');
    expect(shown(storedConcurrent(), 7)).toBe('wallMs throughputPerS speedupVsSequential');
    expect(shown(storedPipeline())).toBe(
      'throughputPerS boundThroughputPerS stage1Ms stage2Ms transferGapMs handoffMs messagingMs bytesPerItem',
    );
  });
});
