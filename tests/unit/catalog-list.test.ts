/**
 * `npm run bench -- --list` shows each zoo network's parameter and MAC counts beside its files,
 * a variant's number formats, and the scenario catalog after the models (and in the JSON listing).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/index.ts';
import { catalogListing, catalogTable } from '../../tools/bench/list.ts';

describe('catalog listing', () => {
  it('gives zoo networks their source, params and FLOPs (2 × MACs)', () => {
    const listing = catalogListing();
    const onnx = listing.models.find((m) => m.id === 'zoo-mobilenet-v2-onnx');
    expect(onnx).toMatchObject({ source: 'generated', network: 'zoo-mobilenet-v2', runtimes: ['ort'] });
    expect(onnx?.files[0]?.from).toMatch(/^generated: webml-atlas zoo v\d+ seed \d+$/);
    expect(((onnx?.params ?? 0) / 1e6).toFixed(2)).toBe('3.49');
    expect(((onnx?.flops ?? 0) / 2e6).toFixed(1)).toBe('300.8');
  });

  it('says what a reduced-precision variant stores and computes, and nothing for float32', () => {
    const listing = catalogListing();
    const uint8 = listing.models.find((m) => m.id === 'zoo-mobilenet-v2-tfjs-uint8');
    expect(uint8).toMatchObject({
      network: 'zoo-mobilenet-v2',
      precision: { stored: 'uint8', computed: 'float32' },
      suites: ['full'],
    });
    expect(uint8?.files.map((f) => f.path)).toEqual([
      'zoo/mobilenet-v2/model.uint8.json',
      'zoo/mobilenet-v2/weights.uint8.bin',
    ]);
    expect(listing.models.find((m) => m.id === 'zoo-mobilenet-v2-tfjs')).not.toHaveProperty('precision');
  });

  it('prints params and MACs in the table', () => {
    const line = catalogTable(catalogListing())
      .split('\n')
      .find((l) => l.startsWith('zoo-mobilenet-v2-tflite '));
    expect(line).toMatch(/\b3\.49 M\s+300\.8 M\s+generated: webml-atlas zoo/);
    expect(line).toMatch(/\blitert\b/);
  });

  it('lists every scenario with its version, title, question and sizes', () => {
    const { scenarios } = catalogListing();
    expect(scenarios.map((s) => s.id)).toEqual([
      'concurrent',
      'split',
      'pipeline',
      'interference',
      'dynamic',
      'sustained',
    ]);
    const split = scenarios.find((s) => s.id === 'split');
    // Both sizes of a scenario, as plain data, each with its split ratios from 0 (all CPU) to 1 (all GPU).
    for (const size of ['quick', 'full'] as const) {
      const ratios = (split?.sizes as Record<string, { ratios: number[] }> | undefined)?.[size]?.ratios ?? [];
      expect([ratios[0], ratios.at(-1)], size).toEqual([0, 1]);
    }
    expect(split).toEqual({
      id: 'split',
      version: '1',
      title: 'One batch split across two backends',
      question: SCENARIOS.find((s) => s.id === 'split')?.question,
      sizes: SCENARIOS.find((s) => s.id === 'split')?.sizes,
    });
    // The JSON listing is plain data (what --list --json prints).
    expect(JSON.parse(JSON.stringify(catalogListing())).scenarios).toEqual(scenarios);
  });

  it('prints a scenarios table after the models', () => {
    const text = catalogTable(catalogListing());
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /^scenario\s+version\s+title$/.test(l));
    expect(header).toBeGreaterThan(lines.findIndex((l) => l.startsWith('zoo-mobilenet-v2-tflite ')));
    expect(lines[header + 2]).toMatch(/^concurrent\s+1\s+Two models at once$/);
    expect(lines.find((l) => l.startsWith('dynamic '))).toMatch(
      /^dynamic\s+1\s+Requests arriving at random$/,
    );
    expect(text).toContain('6 scenarios (npm run bench -- --scenario ID,…)');
  });
});
