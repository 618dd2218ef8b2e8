/**
 * Importing runs from NDJSON through the ingest's own path: each line is a backup line
 * (`run-lines.ts`) or a bare `atlas.run/1` record (e.g. from `npm run bench`), and its record goes
 * through `checkBody` — the parse, depth bound, schema and server-side derivations (device fields,
 * score) of `POST /api/runs` — and the store's writer, which is idempotent on `id`. So importing a
 * file twice stores each run once, a refused line is reported with its number and reason and the
 * rest go on, and memory stays bounded (a window of lines at a time).
 */
import { checkBody, MAX_BODY_BYTES } from '../ingest/check.ts';
import type { Store } from '../store/database.ts';
import { runLineSchema } from './run-lines.ts';

/** Lines checked and written at once: enough to fill the writers' group commits. */
const WINDOW = 64;
/** Refusals listed in full; beyond this only counted. */
const MAX_LISTED = 1000;

export interface ImportReport {
  stored: number;
  alreadyThere: number;
  refused: number;
  /** The first refusals: line number (from 1) and why. */
  refusals: { line: number; reason: string }[];
}

type Prepared =
  | { line: number; raw: string; receivedAt: Date; tokenHash: string | null }
  | { line: number; reason: string };

function prepare(text: string, line: number, now: Date): Prepared | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, reason: 'not valid JSON' };
  }
  const isRecord = !!value && typeof value === 'object' && 'schema' in value;
  if (isRecord) return { line, raw: text, receivedAt: now, tokenHash: null };
  const parsed = runLineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      line,
      reason: `neither an atlas.run/1 record nor a backup line {receivedAt, record} (${issue?.path.join('.') || 'line'}: ${issue?.message})`,
    };
  }
  return {
    line,
    raw: parsed.data.record,
    receivedAt: new Date(parsed.data.receivedAt),
    tokenHash: parsed.data.deleteTokenSha256 ?? null,
  };
}

async function importOne(store: Store, item: Prepared): Promise<'created' | 'duplicate' | string> {
  if ('reason' in item) return item.reason;
  if (Buffer.byteLength(item.raw) > MAX_BODY_BYTES)
    return `the record is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`;
  const checked = checkBody(item.raw, item.receivedAt);
  if (!checked.ok) {
    const issues = (checked.body.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return `${checked.body.error}${issues.length ? ` (${issues.join('; ')})` : ''}`;
  }
  checked.rows.runRow.delete_token_sha256 = item.tokenHash;
  try {
    const outcome = await store.writer.write(checked.rows);
    return outcome === 'conflict' ? `a different run with id ${checked.rows.id} is already stored` : outcome;
  } catch (error) {
    return `the store refused it: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Imports every line of `lines` into `store`; `now` is the receivedAt of bare records. */
export async function importRuns(
  store: Store,
  lines: AsyncIterable<string>,
  now = new Date(),
): Promise<ImportReport> {
  const report: ImportReport = { stored: 0, alreadyThere: 0, refused: 0, refusals: [] };
  let window: Prepared[] = [];
  const drain = async () => {
    const outcomes = await Promise.all(window.map((item) => importOne(store, item)));
    outcomes.forEach((outcome, i) => {
      if (outcome === 'created') report.stored++;
      else if (outcome === 'duplicate') report.alreadyThere++;
      else {
        report.refused++;
        if (report.refusals.length < MAX_LISTED)
          report.refusals.push({ line: (window[i] as Prepared).line, reason: outcome });
      }
    });
    window = [];
  };
  let number = 0;
  for await (const text of lines) {
    number++;
    const item = prepare(text, number, now);
    if (!item) continue;
    window.push(item);
    if (window.length >= WINDOW) await drain();
  }
  await drain();
  return report;
}
