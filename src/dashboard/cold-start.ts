/**
 * The "Time to first answer" and "Memory" views' data (issue 18), from `/api/summary`: one card
 * per model × device group × browser whose entries carried cold-start or memory figures, each
 * library/backend with its warm median beside them, and a verdict in words — whether the library
 * that wins warm also answers first, and which one needs the least memory — and, where runs said
 * which visit they were, each entry's first visit beside its repeat visit and what caching saved.
 * Pure (no DOM).
 */
import { formatBytes, formatMs } from '../report/format.ts';
import { formatRatio } from '../report/ranking.ts';
import type { SummaryEntry, SummaryGroup } from '../schema/api.ts';
import { browserLabel } from './model.ts';

export type ColdView = 'first-answer' | 'memory';

export interface ColdCard {
  model: string;
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  /** Entries with the view's figures first (ordered by them), then the rest by warm median. */
  entries: SummaryEntry[];
  /**
   * `flip`: the library fastest warm is not the one that answers first (or needs least memory);
   * `same`: it is; `single`: only one entry has the figures.
   */
  verdict: 'flip' | 'same' | 'single';
  /** The verdict in a sentence. */
  text: string;
  /** Some entry has a first or a repeat visit's figures (the first-answer view shows their columns). */
  visits: boolean;
  /** Where some entry has both visits: which one caching helped most, in a sentence. */
  savingNote?: string;
  /** Some entry has GPU bytes (the memory view shows its column). */
  gpuMemory: boolean;
  /** Some entry has the whole page's memory (the memory view shows its column). */
  pageMemory: boolean;
}

/** What caching did for one entry: its first and repeat visits' times to the first answer. */
export interface VisitSaving {
  firstMs: number;
  repeatMs: number;
  /** First minus repeat, ms (negative: the repeat visit was slower). */
  savedMs: number;
  /** First ÷ repeat. */
  ratio: number;
}

/** The entry's saving, where it has both a first and a repeat visit. */
export function visitSaving(e: SummaryEntry): VisitSaving | undefined {
  const first = e.visits?.first;
  const repeat = e.visits?.repeat;
  if (!first || !repeat) return undefined;
  return {
    firstMs: first.firstAnswerMs,
    repeatMs: repeat.firstAnswerMs,
    savedMs: first.firstAnswerMs - repeat.firstAnswerMs,
    ratio: repeat.firstAnswerMs > 0 ? first.firstAnswerMs / repeat.firstAnswerMs : Number.POSITIVE_INFINITY,
  };
}

/** "1500 ms saved · 4.00×", or how much slower the repeat visit was. */
export function savingText(s: VisitSaving): string {
  if (s.savedMs > 0)
    return `${formatMs(s.savedMs)} ms saved${Number.isFinite(s.ratio) ? ` · ${formatRatio(s.ratio)}` : ''}`;
  if (s.savedMs === 0) return 'nothing saved';
  return `${formatMs(-s.savedMs)} ms slower`;
}

function savingNoteOf(entries: readonly SummaryEntry[]): string | undefined {
  const pairs = entries.flatMap((e) => {
    const s = visitSaving(e);
    return s ? [{ e, s }] : [];
  });
  const best = pairs.sort((a, b) => b.s.savedMs - a.s.savedMs)[0];
  if (!best) return undefined;
  const { e, s } = best;
  const path = `${formatMs(s.firstMs)} → ${formatMs(s.repeatMs)} ms to the first answer`;
  if (s.savedMs <= 0) return `Caching saved nothing on a repeat visit: ${e.label} went ${path}.`;
  const saved = `${formatMs(s.savedMs)} ms`;
  const who = pairs.length > 1 ? `the most, ${saved},` : saved;
  const faster = Number.isFinite(s.ratio) ? `, ${formatRatio(s.ratio)} faster` : '';
  return `On a repeat visit caching saved ${who} for ${e.label} (${path}${faster}).`;
}

const hasFigures = (view: ColdView) => (e: SummaryEntry) =>
  view === 'first-answer'
    ? e.firstAnswerMs !== undefined
    : e.wasmHeapPeakBytes !== undefined || e.gpuPeakBytes !== undefined;

/** Bytes the entry's case held at its peak: WASM heap plus GPU allocations (what the view ranks). */
export const peakBytes = (e: SummaryEntry): number => (e.wasmHeapPeakBytes ?? 0) + (e.gpuPeakBytes ?? 0);

const figure = (view: ColdView) => (e: SummaryEntry) =>
  view === 'first-answer' ? (e.firstAnswerMs ?? Number.POSITIVE_INFINITY) : peakBytes(e);

function heapText(e: SummaryEntry): string {
  const parts: string[] = [];
  if (e.wasmHeapPeakBytes !== undefined)
    parts.push(
      `${formatBytes(e.wasmHeapPeakBytes)} heap${e.heapToModel !== undefined ? ` (${e.heapToModel.toFixed(1)}× the model)` : ''}`,
    );
  if (e.gpuPeakBytes !== undefined) parts.push(`${formatBytes(e.gpuPeakBytes)} GPU`);
  return parts.join(' + ');
}

function verdictOf(view: ColdView, measured: SummaryEntry[]): Pick<ColdCard, 'verdict' | 'text'> {
  const byFigure = [...measured].sort((a, b) => figure(view)(a) - figure(view)(b));
  const warm = [...measured].sort((a, b) => a.medianMs - b.medianMs)[0] as SummaryEntry;
  const cold = byFigure[0] as SummaryEntry;
  if (measured.length < 2)
    return {
      verdict: 'single',
      text:
        view === 'first-answer'
          ? `Only ${warm.label} has a time to first answer here: ${formatMs(warm.firstAnswerMs ?? 0)} ms.`
          : `Only ${warm.label} has memory figures here: ${heapText(warm)}.`,
    };
  const same = warm.runtime === cold.runtime;
  if (view === 'first-answer') {
    const warmCold = formatMs(warm.firstAnswerMs ?? 0);
    if (warm === cold)
      return {
        verdict: 'same',
        text: `${warm.runtime} wins warm and cold: ${warm.label} is fastest warm (${formatMs(warm.medianMs)} ms) and first to answer (${warmCold} ms).`,
      };
    return same
      ? {
          verdict: 'same',
          text: `${warm.runtime} wins warm and cold: ${warm.label} at ${formatMs(warm.medianMs)} ms warm, ${cold.label} first to answer in ${formatMs(cold.firstAnswerMs ?? 0)} ms.`,
        }
      : {
          verdict: 'flip',
          text: `${warm.runtime} wins warm but loses cold: ${warm.label} is fastest warm (${formatMs(warm.medianMs)} ms) yet takes ${warmCold} ms to its first answer, against ${formatMs(cold.firstAnswerMs ?? 0)} ms for ${cold.label}.`,
        };
  }
  return same
    ? {
        verdict: 'same',
        text: `${warm.runtime} is fastest warm and needs the least memory: ${cold.label} peaks at ${heapText(cold)}.`,
      }
    : {
        verdict: 'flip',
        text: `${warm.runtime} is fastest warm but not the leanest: ${warm.label} peaks at ${heapText(warm)}, ${cold.label} at ${heapText(cold)}.`,
      };
}

/** The cards of one view, the ones where the warm winner loses first, then by model and device group. */
export function coldCards(groups: readonly SummaryGroup[], view: ColdView): ColdCard[] {
  const cards: ColdCard[] = [];
  for (const g of groups) {
    const measured = g.entries.filter(hasFigures(view));
    if (measured.length === 0) continue;
    const rest = g.entries.filter((e) => !hasFigures(view)(e));
    const savingNote = view === 'first-answer' ? savingNoteOf(measured) : undefined;
    cards.push({
      model: g.model,
      deviceGroup: g.deviceGroup,
      browser: browserLabel(g),
      emulated: g.emulated,
      entries: [...[...measured].sort((a, b) => figure(view)(a) - figure(view)(b)), ...rest],
      ...verdictOf(view, measured),
      visits: view === 'first-answer' && measured.some((e) => e.visits !== undefined),
      ...(savingNote ? { savingNote } : {}),
      gpuMemory: view === 'memory' && g.entries.some((e) => e.gpuPeakBytes !== undefined),
      pageMemory: view === 'memory' && g.entries.some((e) => e.pageBytes !== undefined),
    });
  }
  const rank = (c: ColdCard) => (c.verdict === 'flip' ? 0 : 1);
  return cards.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.model.localeCompare(b.model) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser),
  );
}

/** "The library fastest warm loses cold in 1 of 3 comparisons." */
export function coldTally(cards: readonly ColdCard[], view: ColdView): string {
  const compared = cards.filter((c) => c.verdict !== 'single');
  const flips = compared.filter((c) => c.verdict === 'flip').length;
  const n = compared.length;
  const what = view === 'first-answer' ? 'is not first to answer' : 'is not the leanest';
  return `The library fastest warm ${what} in ${flips} of ${n} comparison${n === 1 ? '' : 's'}.`;
}
