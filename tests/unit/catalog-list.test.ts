/** `npm run bench -- --list` shows each zoo network's parameter and MAC counts beside its files. */
import { describe, expect, it } from 'vitest';
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

  it('prints params and MACs in the table', () => {
    const line = catalogTable(catalogListing())
      .split('\n')
      .find((l) => l.startsWith('zoo-mobilenet-v2-tflite '));
    expect(line).toMatch(/\b3\.49 M\s+300\.8 M\s+generated: webml-atlas zoo/);
    expect(line).toMatch(/\blitert\b/);
  });
});
