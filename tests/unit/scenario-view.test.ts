/** The scenario cards' chart specs and table metrics for the split and dynamic scenarios. */
import { describe, expect, it } from 'vitest';
import { chartSpec, shownMetrics } from '../../src/app/scenario-view.ts';
import type { ScenarioConfig } from '../../src/schema/scenario.ts';

const config = (metrics: Record<string, number>, params: ScenarioConfig['params'] = {}): ScenarioConfig => ({
  label: 'c',
  params,
  metrics,
});

describe('scenario view', () => {
  it('charts the split as measured and predicted makespan against the ratio', () => {
    const spec = chartSpec('split');
    const c = config({ makespanMs: 120, predictedMakespanMs: 100, throughputPerS: 66 }, { ratio: 0.25 });
    expect(spec.x(c)).toBe(0.25);
    expect(spec.points?.(c)).toEqual([
      { series: 'measured', y: 120 },
      { series: 'predicted from service times', y: 100 },
    ]);
  });

  it('charts the dynamic p99 per policy on a log scale', () => {
    const spec = chartSpec('dynamic');
    expect(spec.y).toBe('p99Ms');
    expect(spec.yLog).toBe(true);
    expect(spec.series(config({}, { policy: 'fixed', load: 0.8 }))).toBe('fixed');
  });

  it('shows the chosen metrics in order, a trailing _ taking every metric it starts', () => {
    const c = config({ share_wasm: 0.75, throughputPerS: 10, missRate: 0.1, share_webgpu: 0.25, other: 1 });
    expect(shownMetrics(c, ['missRate', 'share_', 'absent'])).toEqual([
      ['missRate', 0.1],
      ['share_wasm', 0.75],
      ['share_webgpu', 0.25],
    ]);
    expect(shownMetrics(c)).toHaveLength(5);
  });
});
