import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from '../../tools/bench/args.ts';

/** The UsageError `argv` raises (fails the test when it raises nothing or something else). */
function usageError(argv: string[]): UsageError {
  try {
    parseBenchArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

describe('parseBenchArgs', () => {
  it('gives the defaults for no flags', () => {
    expect(parseBenchArgs([])).toEqual({
      devices: [],
      cpuThrottle: undefined,
      suite: 'quick',
      models: [],
      runtimes: [],
      backends: [],
      runs: undefined,
      caseTimeoutMs: undefined,
      scenarios: [],
      scenariosOnly: false,
      out: undefined,
      submit: undefined,
      url: undefined,
      json: false,
      list: false,
      help: false,
    });
    expect(Object.isFrozen(parseBenchArgs([]))).toBe(true);
  });

  it('repeats --device', () => {
    expect(parseBenchArgs(['--device', 'Pixel 7', '--device', 'iPhone 15']).devices).toEqual([
      'Pixel 7',
      'iPhone 15',
    ]);
  });

  it('accepts comma lists and repeats for --model, --runtime and --backend', () => {
    const args = parseBenchArgs([
      '--model',
      'ppocr-cls,ppocr-det',
      '--model',
      'silero-vad',
      '--runtime',
      'ort, tfjs',
      '--backend',
      'wasm,webgpu',
      '--backend=webnn',
    ]);
    expect(args.models).toEqual(['ppocr-cls', 'ppocr-det', 'silero-vad']);
    expect(args.runtimes).toEqual(['ort', 'tfjs']);
    expect(args.backends).toEqual(['wasm', 'webgpu', 'webnn']);
  });

  it('parses the remaining flags', () => {
    const args = parseBenchArgs([
      '--suite',
      'full',
      '--runs',
      '12',
      '--case-timeout',
      '60000',
      '--cpu-throttle',
      '4',
      '--out',
      'results/x.json',
      '--submit',
      'https://atlas.example/api/runs',
      '--url',
      'http://localhost:8080',
      '--json',
      '--list',
      '-h',
    ]);
    expect(args).toMatchObject({
      suite: 'full',
      runs: 12,
      caseTimeoutMs: 60000,
      cpuThrottle: 4,
      out: 'results/x.json',
      submit: 'https://atlas.example/api/runs',
      url: 'http://localhost:8080/',
      json: true,
      list: true,
      help: true,
    });
  });

  it('accepts --cpu-throttle at both ends of 1..50', () => {
    expect(parseBenchArgs(['--cpu-throttle', '1']).cpuThrottle).toBe(1);
    expect(parseBenchArgs(['--cpu-throttle', '50']).cpuThrottle).toBe(50);
  });

  it.each([
    ['model', ['--model', 'ppocr-cls,resnet-9000'], 'resnet-9000'],
    ['backend', ['--backend', 'wasm,cuda'], 'cuda'],
    ['runtime', ['--runtime', 'torch'], 'torch'],
    ['suite', ['--suite', 'huge'], 'huge'],
    ['device', ['--device', 'Pixel 7', '--device', 'Nokia 3310'], 'Nokia 3310'],
  ])('rejects an unknown %s naming the bad value', (_kind, argv, bad) => {
    expect(usageError(argv).message).toContain(bad);
  });

  it.each([['0'], ['-1'], ['2.5'], ['many']])('rejects --runs %s', (value) => {
    expect(usageError(['--runs', value]).message).toContain('--runs');
  });

  it('rejects a bad --case-timeout', () => {
    expect(usageError(['--case-timeout', '0']).message).toContain('--case-timeout');
  });

  it.each([['0.5'], ['51'], ['0'], ['fast']])('rejects --cpu-throttle %s', (value) => {
    expect(usageError(['--cpu-throttle', value]).message).toContain('--cpu-throttle');
  });

  it.each([['not-a-url'], ['ftp://atlas.example/runs'], ['atlas.example']])(
    'rejects --submit %s',
    (value) => {
      expect(usageError(['--submit', value]).message).toContain('--submit');
    },
  );

  it('rejects a non-http --url', () => {
    expect(usageError(['--url', 'file:///tmp/index.html']).message).toContain('--url');
  });

  it('rejects an unknown flag', () => {
    expect(usageError(['--frobnicate']).message).toContain('frobnicate');
  });

  it('rejects positional arguments', () => {
    usageError(['quick']);
  });

  it('rejects an unknown --scenario, listing the known ones', () => {
    const message = usageError(['--scenario', 'split,scroll']).message;
    expect(message).toContain('unknown scenario "scroll"');
    expect(message).toContain('known: concurrent, split, pipeline, interference, dynamic, sustained');
  });

  it('runs --scenario alone without --model or an explicit --suite', () => {
    const args = parseBenchArgs(['--scenario', 'interference,sustained', '--scenario', 'interference']);
    expect(args.scenarios).toEqual(['interference', 'sustained']);
    expect(args.scenariosOnly).toBe(true);
    expect(args.suite).toBe('quick');
  });

  it('runs the cases then the scenarios with --model or --suite', () => {
    expect(parseBenchArgs(['--scenario', 'split', '--model', 'silero-vad']).scenariosOnly).toBe(false);
    expect(parseBenchArgs(['--scenario', 'split', '--suite', 'quick']).scenariosOnly).toBe(false);
    expect(parseBenchArgs(['--scenario=dynamic', '--suite=full'])).toMatchObject({
      suite: 'full',
      scenarios: ['dynamic'],
      scenariosOnly: false,
    });
  });
});
