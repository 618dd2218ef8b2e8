/**
 * Every case with its run's device fields, oldest run first, read page by page (keyset paging) so
 * an export of any size streams in bounded memory.
 */
import { CASE_FIGURE_COLUMNS } from './case-figures.ts';
import type { Store } from './database.ts';

/** The columns of an export row, in order (also the CSV header). */
export const EXPORT_COLUMNS = [
  'run_id',
  'received_at',
  'created_at',
  'suite_id',
  'suite_version',
  'app_version',
  'source',
  'device_group',
  'browser',
  'browser_version',
  'os',
  'os_version',
  'mobile',
  'device_model',
  'gpu_vendor',
  'gpu_architecture',
  'gpu_fallback',
  'cores',
  'device_memory',
  'isolated',
  'emulated',
  'emulated_device',
  'cpu_throttle',
  'idx',
  'model',
  'runtime',
  'backend',
  'options',
  'status',
  'error',
  'load_ms',
  'init_ms',
  'first_ms',
  'median_ms',
  'mean_ms',
  'min_ms',
  'p90_ms',
  'stdev_ms',
  'ci_lo_ms',
  'ci_hi_ms',
  'n',
  'check_ok',
  'check_metric',
  'check_value',
  'visibility_lost',
  // Cold start and memory (issue 18), then the run's visit: appended so older readers keep their
  // column positions (a figure column added later lands before `visit`; read columns by name).
  ...CASE_FIGURE_COLUMNS,
  'visit',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

const RUN_FIELDS = [
  'id',
  'received_at',
  'created_at',
  'suite_id',
  'suite_version',
  'app_version',
  'source',
  'device_group',
  'browser',
  'browser_version',
  'os',
  'os_version',
  'mobile',
  'device_model',
  'gpu_vendor',
  'gpu_architecture',
  'gpu_fallback',
  'cores',
  'device_memory',
  'isolated',
  'emulated',
  'emulated_device',
  'cpu_throttle',
  'visit',
] as const;

/** Yields one row per stored case, `runsPerPage` runs at a time. */
export async function* exportRows(store: Store, runsPerPage = 200): AsyncGenerator<ExportRow> {
  let after: [string, string] | undefined;
  for (;;) {
    let query = store.db.selectFrom('runs').select([...RUN_FIELDS]);
    if (after) {
      const [at, id] = after;
      query = query.where((eb) =>
        eb.or([eb('received_at', '>', at), eb.and([eb('received_at', '=', at), eb('id', '>', id)])]),
      );
    }
    const runs = await query.orderBy('received_at').orderBy('id').limit(runsPerPage).execute();
    if (runs.length === 0) return;
    const cases = await store.db
      .selectFrom('cases')
      .selectAll()
      .where(
        'run_id',
        'in',
        runs.map((r) => r.id),
      )
      .orderBy('run_id')
      .orderBy('idx')
      .execute();
    const byRun = new Map<string, typeof cases>();
    for (const c of cases) byRun.set(c.run_id, [...(byRun.get(c.run_id) ?? []), c]);
    for (const run of runs) {
      const { id, ...device } = run;
      for (const c of byRun.get(id) ?? []) {
        const { run_id: _run, ...rest } = c;
        yield { run_id: id, ...device, ...rest };
      }
    }
    const last = runs.at(-1);
    if (!last || runs.length < runsPerPage) return;
    after = [last.received_at, last.id];
  }
}
