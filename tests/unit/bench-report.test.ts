/**
 * `npm run bench` prints one line per case (a case whose page lost visibility says so) and one line
 * per scenario: its id, version, status and headline (or error).
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/schema/run.ts';
import { runTable, scenarioTable, transferred, visitTable } from '../../tools/bench/report.ts';
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

describe('visitTable (--repeat-visit)', () => {
  const withCold = (
    runtime: string,
    firstAnswerMs: number,
    libraryTransfer: number,
    modelTransfer?: number,
  ) => ({
    ...okCase('m', runtime, 'wasm', 10),
    coldStart: {
      firstAnswerMs,
      library: { transferBytes: libraryTransfer, files: [] },
      model: { bytes: 14_000_000, ...(modelTransfer === undefined ? {} : { transferBytes: modelTransfer }) },
    },
  });

  it('counts library and model bytes fetched; a model from the store counts as nothing fetched', () => {
    expect(transferred(withCold('ort', 1, 1_000_000, 14_000_000) as never)).toBe(15_000_000);
    expect(transferred(withCold('ort', 1, 0) as never)).toBe(0);
    expect(transferred(okCase('m', 'ort', 'wasm', 10))).toBeUndefined();
  });

  it('pairs each case with its repeat and says how much sooner the first answer came', () => {
    const first = makeRun({}, 0);
    first.cases = [withCold('ort', 3000, 14_000_000, 14_000_000), withCold('tfjs', 900, 500_000, 0)] as never;
    const repeat = makeRun({}, 0);
    repeat.cases = [withCold('tfjs', 600, 0), withCold('ort', 1500, 0)] as never;
    const lines = visitTable(first, repeat).split('\n');
    expect(lines[2]).toMatch(/^m\s+ort\/wasm\s+3000\s+1500\s+2\.00×\s+28\.0 MB\s+0\.0 MB$/);
    expect(lines[3]).toMatch(/^m\s+tfjs\/wasm\s+900\s+600\s+1\.50×\s+0\.5 MB\s+0\.0 MB$/);
  });

  it('says so when no case reported a first answer', () => {
    const run = makeRun({}, 0);
    run.cases = [okCase('m', 'ort', 'wasm', 10)];
    expect(visitTable(run, run)).toBe('(no case reported its time to first answer)');
  });
});
