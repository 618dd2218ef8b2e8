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

  it('shows the time to first answer and the peak heap with its multiple of the model, blank where unseen', () => {
    const run = makeRun({}, 0);
    run.cases = [
      {
        ...okCase('m', 'ort', 'wasm', 10),
        modelFiles: [{ path: 'm.onnx', bytes: 14_000_000, source: 'network' }],
        coldStart: { firstAnswerMs: 5153.4 },
        memory: { wasmHeapInitBytes: 50_000_000, wasmHeapPeakBytes: 58_300_000, wasmMemories: 1 },
      },
      okCase('m', 'tfjs', 'webgl', 12),
    ];
    const [header, , withFigures, without] = runTable(run).split('\n');
    const column = (line: string | undefined, name: string) => {
      const start = header?.indexOf(name) ?? -1;
      const next = header?.slice(start + name.length).search(/\S/) ?? 0;
      return line?.slice(start, start + name.length + next).trim();
    };
    expect(column(withFigures, 'first answer ms')).toBe('5153');
    expect(column(withFigures, 'peak heap')).toBe('58.3 MB · 4.2×');
    expect(column(without, 'first answer ms')).toBe('');
    expect(column(without, 'peak heap')).toBe('');
  });
});
