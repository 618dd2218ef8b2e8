import { describe, expect, it } from 'vitest';
import { parseRunParams, type RunParams, toSearchParams } from '../../src/measure/params.ts';

const parse = (query: string) => parseRunParams(new URLSearchParams(query));

describe('parseRunParams', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual({
      suite: 'phone',
      models: [],
      runtimes: [],
      backends: [],
      runs: undefined,
      caseTimeoutMs: undefined,
      autorun: false,
      resume: false,
      source: 'browser',
      emulatedDevice: undefined,
      cpuThrottle: undefined,
      throttleInfo: undefined,
      fault: undefined,
      resultsUrl: undefined,
      softwareGpu: 'short',
      scenarios: [],
      scenariosOnly: false,
      pageMemory: false,
    });
  });

  it('reads softwareGpu as short (default) or full, and refuses anything else', () => {
    expect(parse('softwareGpu=full').softwareGpu).toBe('full');
    expect(parse('softwareGpu=short').softwareGpu).toBe('short');
    expect(() => parse('softwareGpu=skip')).toThrow('softwareGpu must be short or full, got "skip"');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parse('suite=full'))).toBe(true);
  });

  it('splits comma lists, trimming blanks', () => {
    expect(parse('model=ppocr-cls,%20silero-vad,,&backend=wasm').models).toEqual(['ppocr-cls', 'silero-vad']);
    expect(parse('backend=wasm,webgpu').backends).toEqual(['wasm', 'webgpu']);
  });

  it('only autoruns for autorun=1 and only trusts source=automation', () => {
    expect(parse('autorun=true').autorun).toBe(false);
    expect(parse('autorun=1').autorun).toBe(true);
    expect(parse('source=robot').source).toBe('browser');
    expect(parse('source=automation').source).toBe('automation');
  });

  it.each(['0', 'x', '1.5', '-3'])('rejects runs=%s with a message naming runs', (value) => {
    expect(() => parse(`runs=${value}`)).toThrow(/runs/);
    expect(() => parse(`runs=${value}`)).toThrow(value);
  });

  it('treats an empty runs as unset', () => {
    expect(parse('runs=').runs).toBeUndefined();
  });

  it('rejects a bad caseTimeout naming caseTimeout', () => {
    expect(() => parse('caseTimeout=0')).toThrow(/caseTimeout/);
  });

  it.each(['hang', 'explode:a/b/c', 'hang:a/b', 'throw:a/b/c/d', 'hang:/b/c'])(
    'rejects fault=%s',
    (value) => {
      expect(() => parse(`fault=${encodeURIComponent(value)}`)).toThrow(/fault/);
    },
  );

  it('parses a fault', () => {
    expect(parse('fault=throw:ppocr-cls/ort/wasm').fault).toEqual({
      kind: 'throw',
      model: 'ppocr-cls',
      runtime: 'ort',
      backend: 'wasm',
    });
  });

  it('parses a crash fault (the page reloads itself while that case runs)', () => {
    expect(parse('fault=crash:blazeface-back/tfjs/wasm').fault).toEqual({
      kind: 'crash',
      model: 'blazeface-back',
      runtime: 'tfjs',
      backend: 'wasm',
    });
  });

  it('only resumes without asking for resume=1', () => {
    expect(parse('resume=1').resume).toBe(true);
    expect(parse('resume=true').resume).toBe(false);
    expect(parse('autorun=1').resume).toBe(false);
  });

  it.each(['0.5', '0', '-2', 'fast'])('rejects cpuThrottle=%s (must be ≥ 1)', (value) => {
    expect(() => parse(`cpuThrottle=${value}`)).toThrow(/cpuThrottle/);
  });

  it('takes results as the upload server, only http(s)', () => {
    expect(parse(`results=${encodeURIComponent('https://atlas.example.org')}`).resultsUrl).toBe(
      'https://atlas.example.org',
    );
    expect(parse('results=').resultsUrl).toBeUndefined();
    expect(() => parse('results=javascript:alert(1)')).toThrow(/results/);
    expect(() => parse('results=not%20a%20url')).toThrow(/results/);
  });

  it('reads which visit of a profile a run is, and refuses any other word', () => {
    expect(parse('visit=first').visit).toBe('first');
    expect(parse('visit=repeat').visit).toBe('repeat');
    expect(parse('').visit).toBeUndefined();
    expect(() => parse('visit=third')).toThrow(/visit must be first or repeat/);
  });

  it('measures the page memory only when asked with pageMemory=1', () => {
    expect(parse('pageMemory=1').pageMemory).toBe(true);
    expect(parse('').pageMemory).toBe(false);
    expect(parse('pageMemory=0').pageMemory).toBe(false);
  });

  it('accepts cpuThrottle=1 and fractional values above 1', () => {
    expect(parse('cpuThrottle=1').cpuThrottle).toBe(1);
    expect(parse('cpuThrottle=2.5').cpuThrottle).toBe(2.5);
  });
});

describe('toSearchParams', () => {
  it('round-trips every field through parseRunParams', () => {
    const params: RunParams = {
      suite: 'full',
      models: ['ppocr-cls', 'silero-vad'],
      runtimes: ['ort', 'tfjs'],
      backends: ['wasm', 'webgpu'],
      runs: 7,
      caseTimeoutMs: 12_000,
      autorun: true,
      resume: true,
      source: 'automation',
      emulatedDevice: 'Pixel 7',
      cpuThrottle: 4,
      throttleInfo: { mechanism: 'cgroup', quotaUs: 25_000, periodUs: 100_000, measuredFactor: 3.9 },
      fault: { kind: 'hang', model: 'blazeface-back', runtime: 'tfjs', backend: 'webgl' },
      softwareGpu: 'full',
      resultsUrl: 'https://atlas.example.org/collect',
      scenarios: ['interference', 'dynamic'],
      scenariosOnly: true,
      visit: 'repeat',
      pageMemory: true,
    };
    const search = toSearchParams(params);
    expect(parseRunParams(search)).toEqual(params);
    // And through the URL text itself, as the CLI hands it to the page.
    expect(parseRunParams(new URLSearchParams(`?${search.toString()}`))).toEqual(params);
  });

  it('round-trips the defaults, writing only the suite', () => {
    const defaults = parse('');
    expect(toSearchParams(defaults).toString()).toBe('suite=phone');
    expect(parseRunParams(toSearchParams(defaults))).toEqual(defaults);
  });

  it('uses the documented parameter names', () => {
    const s = toSearchParams({
      runs: 3,
      caseTimeoutMs: 500,
      emulatedDevice: 'iPhone 15',
      models: ['a', 'b'],
    });
    expect(s.get('runs')).toBe('3');
    expect(s.get('caseTimeout')).toBe('500');
    expect(s.get('emulate')).toBe('iPhone 15');
    expect(s.get('model')).toBe('a,b');
  });
});
