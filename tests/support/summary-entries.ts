/**
 * A `/api/summary` entry for the dashboard's unit tests: one runtime/backend at a median, with a
 * CI of ± `spread` around it (min and max at the median unless given) and any figure overridden.
 */
import type { SummaryEntry } from '../../src/schema/api.ts';

export function summaryEntry(
  runtime: string,
  backend: string,
  medianMs: number,
  { spread = 0.05, ...overrides }: Partial<SummaryEntry> & { spread?: number } = {},
): SummaryEntry {
  return {
    runtime,
    backend,
    options: {},
    label: `${runtime} · ${backend}`,
    medianMs,
    ciMs: [medianMs * (1 - spread), medianMs * (1 + spread)],
    minMs: medianMs,
    maxMs: medianMs,
    runs: 3,
    ratioToBest: 1,
    ...overrides,
  };
}
