/**
 * The "Time to first answer" and "Memory" cards' data (src/dashboard/cold-start.ts): which groups
 * get a card, the order of their entries, and the verdict — whether the library fastest warm also
 * answers first or needs least memory — and, per entry, what caching saved on a repeat visit.
 */
import { describe, expect, it } from 'vitest';
import { coldCards, coldTally, savingText, visitSaving } from '../../src/dashboard/cold-start.ts';
import type { SummaryEntry, SummaryGroup } from '../../src/schema/api.ts';
import { summaryEntry } from '../support/summary-entries.ts';

const entry = (runtime: string, medianMs: number, figures: Partial<SummaryEntry> = {}): SummaryEntry =>
  summaryEntry(runtime, 'wasm', medianMs, { spread: 0, runs: 2, ...figures });

function group(model: string, entries: SummaryEntry[]): SummaryGroup {
  return {
    model,
    deviceGroup: 'Pixel 7',
    browser: 'Chrome',
    engine: 'Blink',
    emulated: false,
    runs: 2,
    devices: 1,
    entries,
  };
}

describe('coldCards', () => {
  it('says when the warm winner also answers first, and leaves out groups without figures', () => {
    const cards = coldCards(
      [
        group('a', [entry('ort', 5, { firstAnswerMs: 200 }), entry('tfjs', 8, { firstAnswerMs: 900 })]),
        group('b', [entry('ort', 5), entry('tfjs', 8)]),
      ],
      'first-answer',
    );
    expect(cards.map((c) => [c.model, c.verdict])).toEqual([['a', 'same']]);
    expect(cards[0]?.text).toBe(
      'ort wins warm and cold: ort · wasm is fastest warm (5.00 ms) and first to answer (200 ms).',
    );
  });

  it('puts the groups where the warm winner loses cold first and counts them', () => {
    const cards = coldCards(
      [
        group('a', [entry('ort', 5, { firstAnswerMs: 200 }), entry('tfjs', 8, { firstAnswerMs: 900 })]),
        group('b', [
          entry('litert', 9),
          entry('ort', 5, { firstAnswerMs: 900 }),
          entry('tfjs', 8, { firstAnswerMs: 300 }),
        ]),
        group('c', [entry('ort', 5, { firstAnswerMs: 900 })]),
      ],
      'first-answer',
    );
    expect(cards.map((c) => [c.model, c.verdict])).toEqual([
      ['b', 'flip'],
      ['a', 'same'],
      ['c', 'single'],
    ]);
    expect(cards[0]?.entries.map((e) => e.runtime)).toEqual(['tfjs', 'ort', 'litert']);
    expect(coldTally(cards, 'first-answer')).toBe(
      'The library fastest warm is not first to answer in 1 of 2 comparisons.',
    );
  });

  it('ranks memory by heap plus GPU bytes and names the multiple of the model', () => {
    const [card] = coldCards(
      [
        group('a', [
          entry('ort', 5, { wasmHeapPeakBytes: 60e6, heapToModel: 6 }),
          entry('tfjs', 8, { wasmHeapPeakBytes: 10e6, gpuPeakBytes: 20e6 }),
        ]),
      ],
      'memory',
    );
    expect(card?.verdict).toBe('flip');
    expect(card?.entries.map((e) => e.runtime)).toEqual(['tfjs', 'ort']);
    expect(card?.text).toBe(
      'ort is fastest warm but not the leanest: ort · wasm peaks at 60.0 MB heap (6.0× the model), tfjs · wasm at 10.0 MB heap + 20.0 MB GPU.',
    );
  });
});

describe('first vs repeat visit', () => {
  const visits = (first: number, repeat?: number): Partial<SummaryEntry> => ({
    firstAnswerMs: first,
    visits: {
      first: { firstAnswerMs: first, runs: 1 },
      ...(repeat === undefined ? {} : { repeat: { firstAnswerMs: repeat, runs: 1 } }),
    },
  });

  it('says what caching saved, in ms and as a multiple, only where both visits exist', () => {
    const saving = visitSaving(entry('ort', 5, visits(2000, 500)));
    expect(saving).toEqual({ firstMs: 2000, repeatMs: 500, savedMs: 1500, ratio: 4 });
    expect(savingText(saving as NonNullable<typeof saving>)).toBe('1500 ms saved · 4.00×');
    expect(visitSaving(entry('ort', 5, visits(2000)))).toBeUndefined();
    expect(visitSaving(entry('ort', 5, { firstAnswerMs: 900 }))).toBeUndefined();
    expect(savingText({ firstMs: 400, repeatMs: 450, savedMs: -50, ratio: 400 / 450 })).toBe(
      '50.0 ms slower',
    );
  });

  it('names the entry caching helped most, and shows visit columns only where runs said', () => {
    const [withVisits, without] = coldCards(
      [
        group('a', [entry('ort', 5, visits(2000, 500)), entry('tfjs', 8, visits(900, 600))]),
        group('b', [entry('ort', 5, { firstAnswerMs: 900 })]),
      ],
      'first-answer',
    );
    expect(withVisits?.visits).toBe(true);
    expect(withVisits?.savingNote).toBe(
      'On a repeat visit caching saved the most, 1500 ms, for ort · wasm (2000 → 500 ms to the first answer, 4.00× faster).',
    );
    expect(without?.visits).toBe(false);
    expect(without).not.toHaveProperty('savingNote');
  });

  it('shows the page and GPU memory columns only in cards where some entry has them', () => {
    const cards = coldCards(
      [
        group('a', [
          entry('ort', 5, { wasmHeapPeakBytes: 60e6, pageBytes: 30e6 }),
          entry('tfjs', 8, { gpuPeakBytes: 1e6 }),
        ]),
        group('b', [entry('ort', 5, { wasmHeapPeakBytes: 60e6 })]),
      ],
      'memory',
    );
    expect(cards.map((c) => [c.model, c.pageMemory, c.gpuMemory])).toEqual([
      ['a', true, true],
      ['b', false, false],
    ]);
  });
});
