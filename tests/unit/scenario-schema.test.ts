/**
 * The record's optional `scenarios` array: records without it stay valid, results the runners
 * make (statistics from makeConfig) pass, and what a hostile or broken client could send is
 * refused with the path of the problem — unknown statuses, non-finite or negative figures,
 * nested parameters, oversized sample arrays, NUL characters, too many scenarios, an unknown
 * scenario id, and a result whose shape does not match its id (each scenario's parameters and
 * figures are typed); members a scenario does not name are kept as sent.
 */
import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../src/measure/scenarios/latency.ts';
import { validateRun } from '../../src/schema/run.ts';
import type { ScenarioResult } from '../../src/schema/scenario.ts';
import { makeRun } from '../support/records.ts';
import {
  dynamicResult,
  FLIPPING_LEVELS,
  interferenceResult,
  splitResult,
  sustainedResult,
} from '../support/scenario-records.ts';

const withScenarios = (scenarios: unknown[]) => ({ ...makeRun({}, 2), scenarios });
const issuesOf = (value: unknown) => {
  const checked = validateRun(value);
  return checked.ok ? [] : checked.issues.map((i) => i.path);
};

describe('scenario results in atlas.run/1', () => {
  it('leave a record without scenarios valid, and accept the results the runners make', () => {
    expect(validateRun(makeRun({}, 2)).ok).toBe(true);
    const measured: ScenarioResult = {
      id: 'interference',
      version: '1',
      status: 'ok',
      params: { inferences: 3, cores: 2, skipped: 'GPU load level: no adapter' },
      placements: [
        {
          role: 'wasm',
          model: 'face-detection-short',
          runtime: 'litert',
          backend: 'wasm',
          options: { threads: 1 },
          serviceMs: 3.2,
          clock: { offsetMs: -0.02, rttMs: 0.1 },
        },
      ],
      configs: [
        makeConfig<'interference'>(
          'wasm · 0 busy',
          { role: 'wasm', backend: 'wasm', busyWorkers: 0, gpuLoad: false },
          [3, 3.1, 2.9],
        ),
      ],
      headline: { metric: 'wasmSlowdownAllCoresBusy', value: 1.6, text: 'WASM 1.6× slower' },
      wallMs: 1200,
    };
    expect(
      issuesOf(
        withScenarios([
          measured,
          splitResult({ 0: 40, 0.5: 30, 1: 80 }),
          interferenceResult([{ label: '2 busy', busyWorkers: 2, gpuLoad: false, wasm: 6, webgpu: 5 }]),
        ]),
      ),
    ).toEqual([]);
    expect(measured.configs[0]?.latency).toMatchObject({ n: 3, medianMs: 3, minMs: 2.9, maxMs: 3.1 });
  });

  it('keep a result that failed or lost visibility, with its reason', () => {
    const failed = {
      ...splitResult({ 0: 1 }),
      status: 'excluded',
      visibilityLost: true,
      error: 'the page was hidden',
    };
    expect(issuesOf(withScenarios([failed]))).toEqual([]);
  });

  it.each([
    ['an unknown status', { status: 'fine' }, 'scenarios.0.status'],
    [
      'a NaN metric',
      { configs: [{ label: 'a', params: {}, metrics: { gain: Number.NaN } }] },
      'scenarios.0.configs.0.metrics.gain',
    ],
    ['nested parameters', { params: { load: { fraction: 0.5 } } }, 'scenarios.0.params.load'],
    [
      'a negative latency sample',
      { configs: [{ label: 'a', params: {}, samplesMs: [1, -2] }] },
      'scenarios.0.configs.0.samplesMs.1',
    ],
    [
      'over 2000 samples',
      { configs: [{ label: 'a', params: {}, samplesMs: new Array(2001).fill(1) }] },
      'scenarios.0.configs.0.samplesMs',
    ],
    ['a NUL in a label', { configs: [{ label: 'a\u0000b', params: {} }] }, 'scenarios.0.configs.0.label'],
    ['a NUL in a parameter name', { params: { 'a\u0000b': 1 } }, 'scenarios.0.params.a\u0000b'],
    [
      'a metric name over 200 characters',
      {
        configs: [
          { label: 'a', params: { ratio: 0, cpuItems: 1, gpuItems: 0 }, metrics: { ['m'.repeat(201)]: 1 } },
        ],
      },
      `scenarios.0.configs.0.metrics.${'m'.repeat(201)}`,
    ],
    ['a headline without its text', { headline: { metric: 'gain', value: 1 } }, 'scenarios.0.headline.text'],
  ])('refuse %s', (_what, patch, path) => {
    const bad = { ...splitResult({ 0: 10, 1: 20 }), ...patch };
    expect(issuesOf(withScenarios([bad]))).toContain(path);
  });

  it('refuse a scenario id no scenario has, naming the known ones', () => {
    const checked = validateRun(withScenarios([{ ...splitResult({ 0: 10, 1: 20 }), id: 'teleport' }]));
    expect(checked.ok).toBe(false);
    const issue = checked.ok ? undefined : checked.issues.find((i) => i.path === 'scenarios.0.id');
    expect(issue?.message).toContain("'split'");
    expect(issue?.message).toContain("'interference'");
  });

  it('refuse a result whose shape does not match its id, with the path of the mismatch', () => {
    // Interference's configurations under the split's id: no ratio, no item counts.
    const splitOfInterference = {
      ...splitResult({ 0: 10, 1: 20 }),
      configs: interferenceResult(FLIPPING_LEVELS).configs,
    };
    expect(issuesOf(withScenarios([splitOfInterference]))).toEqual(
      expect.arrayContaining([
        'scenarios.0.configs.0.params.ratio',
        'scenarios.0.configs.0.params.cpuItems',
        'scenarios.0.configs.0.params.gpuItems',
      ]),
    );
    // And the other way round: a split's configurations under interference's id.
    const interferenceOfSplit = {
      ...interferenceResult(FLIPPING_LEVELS),
      configs: splitResult({ 0: 10 }).configs,
    };
    expect(issuesOf(withScenarios([interferenceOfSplit]))).toEqual(
      expect.arrayContaining([
        'scenarios.0.configs.0.params.backend',
        'scenarios.0.configs.0.params.busyWorkers',
        'scenarios.0.configs.0.params.gpuLoad',
      ]),
    );
  });

  it.each([
    [
      'interference with a load level that is not a boolean',
      () => {
        const r = interferenceResult(FLIPPING_LEVELS);
        return { ...r, configs: [{ ...r.configs[0], params: { ...r.configs[0]?.params, gpuLoad: 'yes' } }] };
      },
      'scenarios.0.configs.0.params.gpuLoad',
    ],
    [
      'dynamic with a policy it does not have',
      () => {
        const r = dynamicResult([[0.5, 'fixed', 10]]);
        return {
          ...r,
          configs: [{ ...r.configs[0], params: { ...r.configs[0]?.params, policy: 'random' } }],
        };
      },
      'scenarios.0.configs.0.params.policy',
    ],
    [
      'dynamic naming its load anything but load',
      () => {
        const r = dynamicResult([[0.5, 'fixed', 10]]);
        return { ...r, configs: [{ ...r.configs[0], params: { policy: 'fixed', rho: 0.5, ratePerS: 50 } }] };
      },
      'scenarios.0.configs.0.params.load',
    ],
    [
      'split with a fractional batch',
      () => ({ ...splitResult({ 0: 1 }), params: { batch: 8.5 } }),
      'scenarios.0.params.batch',
    ],
    [
      'sustained with a window starting before the loop',
      () => {
        const r = sustainedResult(1);
        return { ...r, configs: [{ ...r.configs[0], params: { window: 0, startMs: -1 } }] };
      },
      'scenarios.0.configs.0.params.startMs',
    ],
  ])('refuse %s', (_what, make, path) => {
    expect(issuesOf(withScenarios([make()]))).toContain(path);
  });

  it('keep members a scenario does not name, as sent', () => {
    const result = splitResult({ 0: 10, 0.5: 8, 1: 20 });
    const extended = {
      ...result,
      params: { ...result.params, newSetting: 'x' },
      configs: result.configs.map((c) => ({ ...c, metrics: { ...c.metrics, queueMs: 0.5 } })),
    };
    const checked = validateRun(withScenarios([extended]));
    expect(checked.ok && checked.run.scenarios).toEqual([extended]);
  });

  it('refuse more than 20 scenarios in one run', () => {
    const many = Array.from({ length: 21 }, () => splitResult({ 0: 10, 1: 20 }));
    expect(issuesOf(withScenarios(many))).toContain('scenarios');
  });
});
