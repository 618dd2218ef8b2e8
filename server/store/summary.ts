/**
 * The summary behind `/api/summary` and the dashboard: for each model × device group × browser
 * (emulated and real runs never share a group), each runtime/backend/options combination's median
 * of per-run medians, its run count, and its ratio to the fastest. Computed in code (SQLite has no
 * median) from the ok cases, and cached until the next ingest.
 */

import { optionsLabel } from '../../src/report/format.ts';
import type { Summary, SummaryEntry, SummaryGroup } from '../../src/schema/api.ts';
import type { Store } from './database.ts';

export interface SummaryRow {
  model: string;
  device_group: string;
  browser: string;
  emulated: number;
  runtime: string;
  backend: string;
  options: string;
  median_ms: number;
  run_id: string;
  device_key: string;
}

function medianOf(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Pure: groups ok-case rows into the summary. */
export function computeSummary(
  rows: readonly SummaryRow[],
  totals: Summary['totals'],
  now = new Date(),
): Summary {
  type Acc = {
    group: Omit<SummaryGroup, 'entries' | 'runs' | 'devices'>;
    runs: Set<string>;
    devices: Set<string>;
    entries: Map<string, { key: SummaryRow; medians: number[]; runs: Set<string> }>;
  };
  const groups = new Map<string, Acc>();
  for (const row of rows) {
    const groupKey = JSON.stringify([row.model, row.device_group, row.browser, row.emulated]);
    let acc = groups.get(groupKey);
    if (!acc) {
      acc = {
        group: {
          model: row.model,
          deviceGroup: row.device_group,
          browser: row.browser,
          emulated: row.emulated === 1,
        },
        runs: new Set(),
        devices: new Set(),
        entries: new Map(),
      };
      groups.set(groupKey, acc);
    }
    acc.runs.add(row.run_id);
    acc.devices.add(row.device_key);
    const entryKey = JSON.stringify([row.runtime, row.backend, row.options]);
    let entry = acc.entries.get(entryKey);
    if (!entry) {
      entry = { key: row, medians: [], runs: new Set() };
      acc.entries.set(entryKey, entry);
    }
    entry.medians.push(row.median_ms);
    entry.runs.add(row.run_id);
  }
  const out: SummaryGroup[] = [];
  for (const acc of groups.values()) {
    const entries: Omit<SummaryEntry, 'ratioToBest'>[] = [...acc.entries.values()].map(
      ({ key, medians, runs }) => {
        const sorted = [...medians].sort((a, b) => a - b);
        const options = JSON.parse(key.options) as SummaryEntry['options'];
        const extra = optionsLabel(options);
        return {
          runtime: key.runtime,
          backend: key.backend,
          options,
          label: `${key.runtime} · ${key.backend}${extra ? ` (${extra})` : ''}`,
          medianMs: medianOf(sorted),
          minMs: sorted[0] as number,
          maxMs: sorted.at(-1) as number,
          runs: runs.size,
        };
      },
    );
    entries.sort((a, b) => a.medianMs - b.medianMs || a.label.localeCompare(b.label));
    const best = entries[0]?.medianMs ?? 0;
    out.push({
      ...acc.group,
      runs: acc.runs.size,
      devices: acc.devices.size,
      entries: entries.map((e) => ({ ...e, ratioToBest: best > 0 ? e.medianMs / best : 1 })),
    });
  }
  out.sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser),
  );
  return { generatedAt: now.toISOString(), totals, groups: out };
}

async function loadSummary(store: Store): Promise<Summary> {
  const rows = await store.db
    .selectFrom('cases')
    .innerJoin('runs', 'runs.id', 'cases.run_id')
    .select([
      'cases.model',
      'runs.device_group',
      'runs.browser',
      'runs.emulated',
      'cases.runtime',
      'cases.backend',
      'cases.options',
      'cases.median_ms',
      'cases.run_id',
      'runs.device_key',
    ])
    .where('cases.status', '=', 'ok')
    .where('cases.median_ms', 'is not', null)
    .execute();
  const runs = await store.db
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const cases = await store.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const groups = await store.db
    .selectFrom('runs')
    .select((eb) => eb.fn.count<number>('device_group').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const devices = await store.db
    .selectFrom('runs')
    .select((eb) => eb.fn.count<number>('device_key').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return computeSummary(rows as SummaryRow[], {
    runs: Number(runs.n),
    cases: Number(cases.n),
    devices: Number(devices.n),
    deviceGroups: Number(groups.n),
  });
}

/**
 * Keeps the last summary until an ingest invalidates it; concurrent requests share one computation.
 */
export class SummaryCache {
  #version = 0;
  #cached: { version: number; summary: Summary } | undefined;
  #pending: { version: number; promise: Promise<Summary> } | undefined;

  constructor(private readonly store: Store) {}

  /** Call after every stored run. */
  invalidate(): void {
    this.#version++;
  }

  get(): Promise<Summary> {
    const version = this.#version;
    if (this.#cached?.version === version) return Promise.resolve(this.#cached.summary);
    if (this.#pending?.version === version) return this.#pending.promise;
    const promise = loadSummary(this.store).then(
      (summary) => {
        if (!this.#cached || this.#cached.version < version) this.#cached = { version, summary };
        return summary;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    this.#pending = { version, promise };
    return promise;
  }
}
