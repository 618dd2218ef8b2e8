/**
 * One entry of the summary (a runtime/backend/options combination within a model × device group ×
 * browser group) as runs are added: the median of the runs' warm medians with its 95% CI, and the
 * cold-start and memory figures of the runs that carried them — time to the first answer (overall
 * and per first/repeat visit), peak WebAssembly heap and its multiple of the model, GPU bytes and
 * the whole page's memory. Pure (no store); summary.ts groups the entries.
 */

import type { Insertable } from 'kysely';
import { medianWithCi } from '../../src/measure/stats.ts';
import { optionsLabel } from '../../src/report/format.ts';
import type { SummaryEntry, VisitFigures } from '../../src/schema/api.ts';
import { VISITS, type Visit } from './run-visit.ts';
import type { CasesTable, RunsTable } from './schema.ts';

/** What the summary needs of a run row and of its case rows (as stored, or as about to be). */
export type SummaryRun = Pick<
  RunsTable,
  'id' | 'device_key' | 'device_group' | 'browser' | 'emulated' | 'case_count'
> &
  Partial<Pick<RunsTable, 'engine' | 'visit'>>;
export type SummaryCase = Pick<
  Insertable<CasesTable>,
  | 'model'
  | 'runtime'
  | 'backend'
  | 'options'
  | 'status'
  | 'median_ms'
  | 'ci_lo_ms'
  | 'ci_hi_ms'
  | 'visibility_lost'
  | 'first_answer_ms'
  | 'wasm_heap_peak_bytes'
  | 'gpu_peak_bytes'
  | 'model_bytes'
  | 'model_transfer_bytes'
  | 'page_bytes'
>;

/** The median of some numbers (sorts them in place); undefined for none. */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/** A visit's first answers and model bytes sent, from the runs that said which visit they were. */
class VisitAcc {
  readonly firstAnswers: number[] = [];
  readonly transfers: number[] = [];

  add(c: SummaryCase & { first_answer_ms: number }): void {
    this.firstAnswers.push(c.first_answer_ms);
    if (typeof c.model_transfer_bytes === 'number') this.transfers.push(c.model_transfer_bytes);
  }

  figures(): VisitFigures | undefined {
    const firstAnswerMs = median(this.firstAnswers);
    if (firstAnswerMs === undefined) return undefined;
    const transfer = median(this.transfers);
    return {
      firstAnswerMs,
      runs: this.firstAnswers.length,
      ...(transfer === undefined ? {} : { modelTransferBytes: transfer }),
    };
  }
}

/** Below this many runs the median's distribution-free CI does not exist (n < 6 at 95%). */
const MIN_RUNS_FOR_ORDER_CI = 6;

export class EntryAcc {
  readonly medians: number[] = [];
  readonly runs = new Set<number>();
  /** Envelope of the runs' own CIs, used while there are too few runs for an order-statistic CI. */
  ciLo = Number.POSITIVE_INFINITY;
  ciHi = Number.NEGATIVE_INFINITY;
  readonly options: SummaryEntry['options'];
  readonly label: string;
  /** Cold start and memory figures of the runs that carried them. */
  readonly firstAnswers: number[] = [];
  readonly heapPeaks: number[] = [];
  readonly heapToModel: number[] = [];
  readonly gpuPeaks: number[] = [];
  readonly pageBytes: number[] = [];
  /** Created for the first run that says which visit it was. */
  visits: Partial<Record<Visit, VisitAcc>> | undefined;

  constructor(
    readonly runtime: string,
    readonly backend: string,
    optionsJson: string,
  ) {
    this.options = JSON.parse(optionsJson) as SummaryEntry['options'];
    const extra = optionsLabel(this.options);
    this.label = `${runtime} · ${backend}${extra ? ` (${extra})` : ''}`;
  }

  add(run: number, median: number, c: SummaryCase, visit: Visit | undefined): void {
    this.medians.push(median);
    this.runs.add(run);
    this.ciLo = Math.min(this.ciLo, c.ci_lo_ms ?? median, median);
    this.ciHi = Math.max(this.ciHi, c.ci_hi_ms ?? median, median);
    if (typeof c.first_answer_ms === 'number') {
      this.firstAnswers.push(c.first_answer_ms);
      if (visit) {
        this.visits ??= {};
        (this.visits[visit] ??= new VisitAcc()).add({ ...c, first_answer_ms: c.first_answer_ms });
      }
    }
    if (typeof c.wasm_heap_peak_bytes === 'number') {
      this.heapPeaks.push(c.wasm_heap_peak_bytes);
      if (typeof c.model_bytes === 'number' && c.model_bytes > 0)
        this.heapToModel.push(c.wasm_heap_peak_bytes / c.model_bytes);
    }
    if (typeof c.gpu_peak_bytes === 'number') this.gpuPeaks.push(c.gpu_peak_bytes);
    if (typeof c.page_bytes === 'number') this.pageBytes.push(c.page_bytes);
  }

  /** The cold-start and memory members, each only when some run carried it (additive to the API). */
  figures(): Partial<SummaryEntry> {
    const figures: Partial<SummaryEntry> = {};
    const firstAnswer = median(this.firstAnswers);
    if (firstAnswer !== undefined) {
      figures.firstAnswerMs = firstAnswer;
      figures.firstAnswerRuns = this.firstAnswers.length;
    }
    const heap = median(this.heapPeaks);
    if (heap !== undefined) {
      figures.wasmHeapPeakBytes = heap;
      figures.wasmHeapRuns = this.heapPeaks.length;
    }
    const ratio = median(this.heapToModel);
    if (ratio !== undefined) figures.heapToModel = ratio;
    const gpu = median(this.gpuPeaks);
    if (gpu !== undefined) figures.gpuPeakBytes = gpu;
    const page = median(this.pageBytes);
    if (page !== undefined) figures.pageBytes = page;
    if (this.visits) {
      const visits: NonNullable<SummaryEntry['visits']> = {};
      for (const visit of VISITS) {
        const f = this.visits[visit]?.figures();
        if (f) visits[visit] = f;
      }
      figures.visits = visits;
    }
    return figures;
  }

  entry(): Omit<SummaryEntry, 'ratioToBest'> {
    const sorted = this.medians.sort((a, b) => a - b);
    const { median, ci } = medianWithCi(sorted);
    return {
      runtime: this.runtime,
      backend: this.backend,
      options: this.options,
      label: this.label,
      medianMs: median,
      ciMs: sorted.length >= MIN_RUNS_FOR_ORDER_CI ? ci : [this.ciLo, this.ciHi],
      minMs: sorted[0] as number,
      maxMs: sorted.at(-1) as number,
      runs: this.runs.size,
      ...this.figures(),
    };
  }
}
