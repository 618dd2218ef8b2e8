/** The dashboard's scenario section data: filters, card grouping in catalog order, and the words for gains and flips. */
import { describe, expect, it } from 'vitest';
import {
  flipText,
  gainText,
  metricText,
  scenarioCards,
  scenarioTitle,
} from '../../src/dashboard/scenarios.ts';
import type { ScenarioSummary, ScenarioSummaryGroup } from '../../src/schema/api.ts';

const group = (
  scenario: string,
  deviceGroup: string,
  browser = 'Chrome',
  emulated = false,
): ScenarioSummaryGroup => ({
  scenario,
  deviceGroup,
  browser,
  emulated,
  count: 1,
  headline: null,
});

describe('scenario section', () => {
  it('says a gain in words', () => {
    expect(gainText(1.1764)).toBe('1.18× faster');
    expect(gainText(0.85)).toBe('0.85× — slower');
    expect(gainText(1.001)).toBe('1.00× — no faster');
    expect(metricText('bestPolicyP99OverFixed')).toBe('best policy p99 over fixed');
    expect(scenarioTitle('split')).toBe('One batch split across two backends');
    expect(scenarioTitle('unknown-x')).toBe('unknown-x');
  });

  it('says the flips', () => {
    expect(flipText(undefined)).toBeUndefined();
    expect(flipText({ results: 2, flipped: 0, levels: [] })).toBe('the fastest backend never flips (2 runs)');
    const level = { busyWorkers: 4, gpuLoad: false, from: 'wasm', to: 'webgpu' };
    expect(
      flipText({
        results: 3,
        flipped: 3,
        levels: [
          { ...level, level: '4 busy CPU workers', count: 2 },
          { ...level, level: 'GPU compute loop', from: 'webgpu', to: 'wasm', count: 1 },
        ],
      }),
    ).toBe(
      'the fastest backend flips at 4 busy CPU workers: wasm → webgpu (2); at GPU compute loop: webgpu → wasm (1) — in 3 of 3 runs',
    );
  });

  it('groups by device group and browser, scenarios in catalog order, and honours the filters', () => {
    const summary: ScenarioSummary = {
      generatedAt: '',
      groups: [
        group('sustained', 'B'),
        group('split', 'B'),
        group('interference', 'A'),
        group('split', 'A', 'Edge'),
        group('split', 'emulated X', 'Chrome', true),
      ],
    };
    const all = scenarioCards(summary, { device: '', browser: '', emulated: true });
    expect(all.map((c) => [c.deviceGroup, c.browser, c.scenarios.map((s) => s.scenario)])).toEqual([
      ['A', 'Chrome', ['interference']],
      ['A', 'Edge', ['split']],
      ['B', 'Chrome', ['split', 'sustained']],
      ['emulated X', 'Chrome', ['split']],
    ]);
    expect(scenarioCards(summary, { device: 'A', browser: '', emulated: true })).toHaveLength(2);
    expect(scenarioCards(summary, { device: '', browser: 'Edge', emulated: true })).toHaveLength(1);
    expect(scenarioCards(summary, { device: '', browser: '', emulated: false })).toHaveLength(3);
  });
});
