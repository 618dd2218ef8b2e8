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
