/**
 * How figures are written for people, shared by the page's table and the CLI's table.
 */
import type { Case } from '../schema/run.ts';

/** Milliseconds with about three significant digits (0.23, 1.51, 15.5, 221). */
export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms === 0 ? '0' : ms.toPrecision(2);
}

/** Bytes as people read them: MB with one decimal (GB from 1000 MB). */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Time to first answer (worker start to the first output, hashing excluded), when measured. */
export function firstAnswerText(result: Case): string | undefined {
  const ms = result.coldStart?.firstAnswerMs;
  return ms === undefined ? undefined : formatMs(ms);
}

/** The peak WASM heap as a multiple of the model files' size (when both are known). */
export function heapMultiple(result: Case): number | undefined {
  const peak = result.memory?.wasmHeapPeakBytes;
  const model = (result.modelFiles ?? []).reduce((sum, f) => sum + f.bytes, 0);
  return peak === undefined || model === 0 ? undefined : peak / model;
}

/** "58.3 MB · 4.2×": the peak WASM heap and its multiple of the model's size; undefined when unseen. */
export function peakHeapText(result: Case): string | undefined {
  const peak = result.memory?.wasmHeapPeakBytes;
  if (peak === undefined) return undefined;
  const multiple = heapMultiple(result);
  return multiple === undefined ? formatBytes(peak) : `${formatBytes(peak)} · ${multiple.toFixed(1)}×`;
}

/** "12.3 ± 0.4" from the median and the larger distance to either bound of its 95% CI. */
export function medianCiText(result: Case): string | undefined {
  const warm = result.timings?.warm;
  if (!warm) return undefined;
  const half = Math.max(warm.medianMs - warm.ci95Ms[0], warm.ci95Ms[1] - warm.medianMs);
  return `${formatMs(warm.medianMs)} ± ${formatMs(half)}`;
}

/**
 * "✓ exact", "✓ 2e-5" or "✗ 3e-1": whether the output check passed and its largest deviation,
 * then ", task ✓" or ", task ✗" when the model has a task check (its detail is in the record).
 */
export function checkText(result: Case): string | undefined {
  const task = result.taskCheck ? `task ${result.taskCheck.ok ? '✓' : '✗'}` : undefined;
  if (!result.check) return task;
  const value = result.check.value;
  const output = `${result.check.ok ? '✓' : '✗'} ${value === 0 ? 'exact' : value.toExponential(0)}`;
  return task ? `${output}, ${task}` : output;
}

/** A short label of a case's options ("2 threads", "npu"). */
export function optionsLabel(options: Readonly<Record<string, unknown>> | undefined): string {
  if (!options) return '';
  const parts: string[] = [];
  if (typeof options.threads === 'number')
    parts.push(`${options.threads} thread${options.threads === 1 ? '' : 's'}`);
  if (typeof options.deviceType === 'string') parts.push(options.deviceType);
  return parts.join(', ');
}
