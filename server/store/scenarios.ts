/**
 * Reading scenario results from the store: the newest-first list with filters and keyset paging
 * (`GET /api/scenarios`), and the summary per scenario × device group × browser
 * (`GET /api/scenarios/summary`), computed on request from the ok results that kept visibility:
 * scenario results are few (a handful per run that asked for them), so no in-memory index. The
 * figures a scenario has across runs (a multi-backend gain, where the fastest backend flips) are
 * its module's (`src/scenarios/<id>/figures.ts`), read from results the record schema validated
 * at ingest.
 */
import { isScenarioId, medianOf, scenarioModule } from '../../src/scenarios/index.ts';
import type {
  InterferenceFlip,
  MultiBackendGain,
  ScenarioList,
  ScenarioListItem,
  ScenarioSummary,
  ScenarioSummaryGroup,
} from '../../src/schema/api.ts';
import type { ScenarioResult } from '../../src/schema/scenario.ts';
import type { Store } from './database.ts';

export interface ScenarioFilters {
  scenario?: string | undefined;
  /** A device group, or a device model. */
  device?: string | undefined;
}

function encodeCursor(receivedAt: string, runId: string, idx: number): string {
  return Buffer.from(JSON.stringify([receivedAt, runId, idx])).toString('base64url');
}

/** Decodes a cursor from `listScenarioResults`; throws a clear error for anything else. */
export function decodeScenarioCursor(cursor: string): [string, string, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      Number.isInteger(value[2])
    )
      return value as [string, string, number];
  } catch {
    // fall through to the error below
  }
  throw new Error('cursor is not one this server gave out');
}

const STATUSES = new Set(['ok', 'unsupported', 'error', 'excluded']);

/** Scenario results newest first (by the run's arrival), `limit` at a time. */
export async function listScenarioResults(
  store: Store,
  filters: ScenarioFilters,
  limit: number,
  cursor?: string,
): Promise<ScenarioList> {
  let query = store.db.selectFrom('scenario_results').selectAll();
  if (filters.scenario) query = query.where('scenario_id', '=', filters.scenario);
  if (filters.device) {
    const device = filters.device;
    query = query.where((eb) => eb.or([eb('device_group', '=', device), eb('device_model', '=', device)]));
  }
  if (cursor) {
    const [at, runId, idx] = decodeScenarioCursor(cursor);
    query = query.where((eb) =>
      eb.or([
        eb('received_at', '<', at),
        eb.and([eb('received_at', '=', at), eb('run_id', '<', runId)]),
        eb.and([eb('received_at', '=', at), eb('run_id', '=', runId), eb('idx', '>', idx)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('received_at', 'desc')
    .orderBy('run_id', 'desc')
    .orderBy('idx', 'asc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const results: ScenarioListItem[] = page.map((r) => {
    const result = JSON.parse(r.result) as ScenarioResult;
    return {
      runId: r.run_id,
      url: `/runs/${r.run_id}`,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      deviceGroup: r.device_group,
      browser: r.browser,
      emulated: r.emulated === 1,
      scenario: r.scenario_id,
      version: r.version,
      status: (STATUSES.has(r.status) ? r.status : 'error') as ScenarioListItem['status'],
      headline: result.headline ?? null,
      result,
    };
  });
  const last = page.at(-1);
  return {
    results,
    nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.run_id, last.idx) : null,
  };
}

/** What the summary reads of one stored result. */
export interface SummaryInput {
  scenario: string;
  deviceGroup: string;
  browser: string;
  emulated: boolean;
  createdAt: string;
  receivedAt: string;
  result: ScenarioResult;
}

/** One group's figures from its results (newest first). */
function summarizeGroup(
  key: Omit<ScenarioSummaryGroup, 'count' | 'headline'>,
  list: SummaryInput[],
): ScenarioSummaryGroup {
  const latestHeadline = list.find((i) => i.result.headline)?.result.headline;
  let headline: ScenarioSummaryGroup['headline'] = null;
  if (latestHeadline) {
    const same = list.filter((i) => i.result.headline?.metric === latestHeadline.metric);
    const latest = same[0] as SummaryInput;
    headline = {
      metric: latestHeadline.metric,
      median: medianOf(same.map((i) => i.result.headline?.value as number)) as number,
      n: same.length,
      latest: { value: latestHeadline.value, text: latestHeadline.text, createdAt: latest.createdAt },
    };
  }
  const group: ScenarioSummaryGroup = { ...key, count: list.length, headline };
  const figures = isScenarioId(key.scenario) ? scenarioModule(key.scenario).figures : undefined;
  const gainOf = figures?.gain;
  if (gainOf) {
    const gains = list.map((i) => gainOf(i.result)).filter((g): g is MultiBackendGain => g !== undefined);
    const median = medianOf(gains.map((g) => g.gain));
    if (median !== undefined) group.gain = { median, n: gains.length, latest: gains[0] as MultiBackendGain };
  }
  const flipOf = figures?.flip;
  if (flipOf) {
    const flips = list.map((i) => flipOf(i.result)).filter((f) => f !== undefined);
    const levels = new Map<string, InterferenceFlip & { count: number }>();
    for (const f of flips) {
      if (!f) continue;
      const k = JSON.stringify([f.level, f.from, f.to]);
      const seen = levels.get(k);
      if (seen) seen.count++;
      else levels.set(k, { ...f, count: 1 });
    }
    group.flips = {
      results: flips.length,
      flipped: flips.filter((f) => f !== null).length,
      levels: [...levels.values()].sort((a, b) => b.count - a.count),
    };
  }
  return group;
}

/** The summary of `inputs` (any order): ok results that kept visibility, grouped and sorted. */
export function summarizeScenarios(inputs: readonly SummaryInput[], now = new Date()): ScenarioSummary {
  const groups = new Map<string, SummaryInput[]>();
  for (const input of inputs) {
    if (input.result.status !== 'ok' || input.result.visibilityLost) continue;
    const key = JSON.stringify([input.scenario, input.deviceGroup, input.browser, input.emulated]);
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const out = [...groups.values()].map((list) => {
    list.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.createdAt.localeCompare(a.createdAt));
    const first = list[0] as SummaryInput;
    return summarizeGroup(
      {
        scenario: first.scenario,
        deviceGroup: first.deviceGroup,
        browser: first.browser,
        emulated: first.emulated,
      },
      list,
    );
  });
  out.sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) ||
      a.deviceGroup.localeCompare(b.deviceGroup) ||
      a.browser.localeCompare(b.browser) ||
      Number(a.emulated) - Number(b.emulated),
  );
  return { generatedAt: now.toISOString(), groups: out };
}

/** `GET /api/scenarios/summary` from the store (optionally one device group or device model). */
export async function scenarioSummary(store: Store, filters: ScenarioFilters = {}): Promise<ScenarioSummary> {
  let query = store.db
    .selectFrom('scenario_results')
    .select(['scenario_id', 'device_group', 'browser', 'emulated', 'created_at', 'received_at', 'result'])
    .where('status', '=', 'ok')
    .where('visibility_lost', '=', 0);
  if (filters.scenario) query = query.where('scenario_id', '=', filters.scenario);
  if (filters.device) {
    const device = filters.device;
    query = query.where((eb) => eb.or([eb('device_group', '=', device), eb('device_model', '=', device)]));
  }
  const rows = await query.execute();
  return summarizeScenarios(
    rows.map((r) => ({
      scenario: r.scenario_id,
      deviceGroup: r.device_group,
      browser: r.browser,
      emulated: r.emulated === 1,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      result: JSON.parse(r.result) as ScenarioResult,
    })),
  );
}
