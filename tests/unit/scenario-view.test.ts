/** The scenario cards' chart specs and table metrics for the split and dynamic scenarios. */
import { describe, expect, it } from 'vitest';
import { scenarioModule, shownMetrics } from '../../src/scenarios/index.ts';
import type { ScenarioConfigOf } from '../../src/schema/scenario.ts';

describe('scenario view', () => {
  it('charts the split as measured and predicted makespan against the ratio', () => {
    const spec = scenarioModule('split').chart;
    const c: ScenarioConfigOf<'split'> = {
      label: 'c',
      params: { ratio: 0.25, cpuItems: 6, gpuItems: 2 },
      metrics: { makespanMs: 120, predictedMakespanMs: 100, throughputPerS: 66 },
    };
    expect(spec.x(c)).toBe(0.25);
    expect(spec.points?.(c)).toEqual([
      { series: 'measured', y: 120 },
      { series: 'predicted from service times', y: 100 },
    ]);
  });

  it('charts the dynamic p99 per policy on a log scale', () => {
    const spec = scenarioModule('dynamic').chart;
    expect(spec.y).toBe('p99Ms');
    expect(spec.yLog).toBe(true);
    expect(spec.series({ label: 'c', params: { policy: 'fixed', load: 0.8, ratePerS: 80 } })).toBe('fixed');
  });

  it('shows the chosen metrics in order, a trailing _ taking every metric it starts', () => {
    const c: ScenarioConfigOf<'dynamic'> = {
      label: 'c',
      params: { policy: 'fixed', load: 0.8, ratePerS: 80 },
      metrics: {
        share_wasm: 0.75,
        throughputPerS: 10,
        missRate: 0.1,
        share_webgpu: 0.25,
        dispatchLateMaxMs: 1,
      },
    };
    expect(shownMetrics(c, ['missRate', 'share_', 'absent'])).toEqual([
      ['missRate', 0.1],
      ['share_wasm', 0.75],
      ['share_webgpu', 0.25],
    ]);
    expect(shownMetrics(c)).toHaveLength(5);
  });
});
