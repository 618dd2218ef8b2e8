/**
 * `npm run bench` prints one line per case (a case whose page lost visibility says so) and one line
 * per scenario: its id, version, status and headline (or error).
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/schema/run.ts';
import { runTable, scenarioTable } from '../../tools/bench/report.ts';
import { makeRun, okCase } from '../support/records.ts';

const base = { version: '1', params: {}, placements: [], configs: [] };

describe('scenarioTable', () => {
  it('is empty for a run without scenarios', () => {
    expect(scenarioTable({ cases: [] } as unknown as Run)).toBe('');
  });

  it('gives each scenario one line with its status and headline or reason', () => {
    const run = {
      cases: [],
      scenarios: [
        {
          ...base,
          id: 'sustained',
          status: 'ok',
          headline: { metric: 'm', value: 1.02, text: 'median 10.0 ms first, 10.2 ms last (1.020×)' },
        },
        { ...base, id: 'split', status: 'unsupported', error: 'no WebGPU adapter' },
        { ...base, id: 'interference', status: 'excluded', visibilityLost: true },
      ],
    } as unknown as Run;
    expect(scenarioTable(run).split('\n')).toEqual([
      'scenario      version  status       headline',
      '------------  -------  -----------  ------------------------------------------------',
      'sustained     1        ok           median 10.0 ms first, 10.2 ms last (1.020×)',
      'split         1        unsupported  no WebGPU adapter',
      'interference  1        excluded     the page lost visibility: timings not comparable',
    ]);
  });
});

describe('runTable', () => {
  it('says when an ok case lost visibility, so its timings are not read as comparable', () => {
    const run = makeRun({}, 0);
    run.cases = [
      okCase('m', 'ort', 'wasm', 10),
      { ...okCase('m', 'tfjs', 'wasm', 12), visibilityLost: true },
    ];
    const lines = runTable(run).split('\n');
    expect(lines[2]?.trimEnd().endsWith('page hidden: not comparable')).toBe(false);
    expect(lines[3]?.trimEnd().endsWith('page hidden: not comparable')).toBe(true);
  });

  it('shows a crashed case with its status and a reason that fits, without timings', () => {
    const run = makeRun({}, 0);
    run.cases = [
      okCase('m', 'ort', 'wasm', 10),
      {
        model: 'm',
        runtime: 'ort',
        backend: 'webgpu',
        status: 'crashed',
        error:
          'the page was closed or crashed while this case ran (likely out of memory); it was not run again',
      },
    ];
    const crashed = runTable(run).split('\n')[3] ?? '';
    expect(crashed).toMatch(
      /^m\s+ort\/webgpu\s+crashed\s+the page closed or crashed during this case; not re-run$/,
    );
  });
});
