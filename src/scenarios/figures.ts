/** Arithmetic the scenarios' cross-run figures share. */
import { median } from '../measure/stats.ts';

/** Median of `values`; undefined for none. */
export function medianOf(values: readonly number[]): number | undefined {
  return values.length ? median(values) : undefined;
}

/** `value` when it is a finite number. */
export const finiteOr = (value: number | undefined): number | undefined =>
  value !== undefined && Number.isFinite(value) ? value : undefined;
