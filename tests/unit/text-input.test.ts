import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sinTurns } from '../../src/suite/audio-input.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { makeInput } from '../../src/suite/inputs.ts';
import { FONT_CHARACTERS, layoutLine } from '../../src/suite/stroke-font.ts';
import { rasterizeText, textLineBoxes } from '../../src/suite/text-input.ts';
import type { InputSpec, TextFill } from '../../src/suite/types.ts';

const sha256 = (data: ArrayBufferView) =>
  createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');

const line = (text: string, extra: Partial<TextFill> = {}): TextFill => ({
  kind: 'text',
  layout: 'nchw',
  lines: [{ text, x: 10, y: 9, size: 30 }],
  ink: 0.1,
  paper: 0.95,
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
  ...extra,
});

const spec = (fill: TextFill, shape = [1, 3, 48, 320]): InputSpec => ({
  name: 'x',
  dtype: 'float32',
  shape,
  fill,
});

describe('text images (our stroke-font rasteriser)', () => {
  it('gives the same bytes every time', () => {
    const a = makeInput(spec(line('ATLAS 2026'))).data;
    const b = makeInput(spec(line('ATLAS 2026'))).data;
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a)).not.toBe(sha256(makeInput(spec(line('ATLAS 2027'))).data));
  });

  it('renders the catalog OCR inputs to the bytes their references were computed from', () => {
    // Pinned so a change of the font, the rasteriser or the catalog text is seen (the stored
    // references and the OCR task checks depend on these exact bytes). Update both together.
    const pinned: Record<string, string> = {
      'ppocr-rec': 'f00b1158e0ef5cc4f4f5ef119abff67719c389402a8a98b8430c2bad78d35423',
      'ppocr-cls': 'ffe4319e70f2d15da6f22922863095ce3cd0505d9c47cf01d3c945e761349dee',
      'ppocr-det': 'c5f5e50773aa96c82b9a7c8d08f396fb4b06b587b3b5dc41e49a94bcfd1f3b3c',
    };
    const actual = Object.fromEntries(
      Object.keys(pinned).map((id) => [id, sha256(makeInput(modelById(id).inputs[0] as InputSpec).data)]),
    );
    expect(actual).toEqual(pinned);
  });

  it('draws dark strokes on a light page with anti-aliased edges', () => {
    const coverage = rasterizeText(line('H'), 60, 48);
    expect(Math.max(...coverage)).toBe(1);
    expect(Math.min(...coverage)).toBe(0);
    const partial = coverage.filter((c) => c > 0 && c < 1).length;
    const full = coverage.filter((c) => c === 1).length;
    expect(partial).toBeGreaterThan(0);
    expect(full).toBeGreaterThan(partial / 4);
    // The left stem of the H runs from y 9 to 39 at x 10: its centre pixel is inked, the page corner is not.
    expect(coverage[24 * 60 + 10]).toBe(1);
    expect(coverage[0]).toBe(0);
  });

  it('normalises each channel: paper and ink map to (p − mean) / std', () => {
    const fill = line('I', { mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.5] });
    const data = makeInput(spec(fill, [1, 3, 48, 40])).data as Float32Array;
    const plane = 48 * 40;
    expect(data[0]).toBeCloseTo((0.95 - 0.4) / 0.2, 6);
    expect(data[plane]).toBeCloseTo((0.95 - 0.5) / 0.25, 6);
    expect(data[2 * plane]).toBeCloseTo((0.95 - 0.6) / 0.5, 6);
    const stem = 24 * 40 + Math.round(10 + 1.5 * 3); // the I's stem at x = 10 + 1.5 units of 3 px
    expect(data[stem]).toBeCloseTo((0.1 - 0.4) / 0.2, 6);
    const nhwc = makeInput(spec({ ...fill, layout: 'nhwc' }, [1, 48, 40, 3])).data as Float32Array;
    expect(nhwc[stem * 3 + 2]).toBe(data[2 * plane + stem]);
  });

  it('keeps all ink inside each line box and puts ink in every box', () => {
    const fill: TextFill = {
      ...line(''),
      lines: [
        { text: 'WEBML 0123', x: 20, y: 20, size: 40 },
        { text: 'XYZ-89', x: 60, y: 120, size: 24 },
      ],
    };
    const coverage = rasterizeText(fill, 400, 200);
    const boxes = textLineBoxes(fill, 400, 200);
    let inked = 0;
    const inBoxes = new Array(boxes.length).fill(0);
    for (let y = 0; y < 200; y++) {
      for (let x = 0; x < 400; x++) {
        if (!coverage[y * 400 + x]) continue;
        inked++;
        const box = boxes.findIndex(([x0, y0, x1, y1]) => x + 1 > x0 && x < x1 && y + 1 > y0 && y < y1);
        expect(box, `ink at ${x},${y} outside every box`).toBeGreaterThanOrEqual(0);
        inBoxes[box]++;
      }
    }
    expect(inked).toBeGreaterThan(0);
    expect(inBoxes.every((n) => n > 50)).toBe(true);
  });

  it('has every letter and digit, and refuses characters it cannot draw', () => {
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -') expect(FONT_CHARACTERS).toContain(c);
    expect(layoutLine('A', 0, 0, 10).segments.length).toBeGreaterThan(0);
    expect(() => layoutLine('Aé', 0, 0, 10)).toThrow(/no glyph for "é"/);
    expect(() => makeInput(spec(line('x')))).toThrow(/no glyph/);
  });

  it('rejects shapes that are not one RGB image', () => {
    expect(() => makeInput(spec(line('A'), [1, 1, 48, 320]))).toThrow(/\[1, 3, H, W\]/);
  });
});

describe('audio fill', () => {
  it('computes sine with its own polynomial, within 1e-9 of Math.sin', () => {
    for (let i = -200; i <= 200; i++) {
      const turns = i / 37 + 0.001 * i;
      expect(Math.abs(sinTurns(turns) - Math.sin(2 * Math.PI * turns))).toBeLessThan(1e-9);
    }
  });

  it('makes a tone of the asked frequency plus bounded noise, the same every time', () => {
    const audio: InputSpec = {
      name: 'input',
      dtype: 'float32',
      shape: [1, 16000],
      fill: {
        kind: 'audio',
        sampleRate: 16000,
        tones: [{ frequency: 440, amplitude: 0.5 }],
        noise: 0.01,
        seed: 3,
      },
    };
    const data = makeInput(audio).data as Float32Array;
    expect(sha256(data)).toBe(sha256(makeInput(audio).data));
    let crossings = 0;
    for (let i = 1; i < data.length; i++)
      if (Math.sign(data[i] as number) !== Math.sign(data[i - 1] as number)) crossings++;
    // 440 Hz over one second crosses zero 880 times (noise adds a few near the crossings).
    expect(crossings).toBeGreaterThanOrEqual(870);
    expect(crossings).toBeLessThan(960);
    expect(Math.max(...data)).toBeLessThanOrEqual(0.51);
    expect(Math.max(...data)).toBeGreaterThan(0.49);
  });
});
