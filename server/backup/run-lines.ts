/**
 * The backup format: NDJSON, one stored run per line, oldest first —
 * `{"receivedAt": ISO 8601, "record": "<the record as stored, as text>", "deleteTokenSha256"?: hex}`.
 * The record stays text so a restore stores the same bytes (GET /api/runs/:id answers them), and
 * `receivedAt` is kept so the restored store lists, pages and exports exactly as the old one.
 * `GET /api/export.runs.ndjson` serves it without token hashes; `npm run db:export` (the operator's
 * backup) adds them, so contributors' tokens still work after a restore.
 */
import { z } from 'zod';
import type { Store } from '../store/database.ts';

export const runLineSchema = z.object({
  receivedAt: z.iso.datetime(),
  record: z.string(),
  deleteTokenSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')
    .optional(),
});

export type RunLine = z.infer<typeof runLineSchema>;

/** Yields one line (with its newline) per stored run, `pageSize` runs read at a time. */
export async function* runLines(
  store: Store,
  options: { tokenHashes: boolean; pageSize?: number },
): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 200;
  let after: [string, string] | undefined;
  for (;;) {
    let query = store.db.selectFrom('runs').select(['id', 'received_at', 'record', 'delete_token_sha256']);
    if (after) {
      const [at, id] = after;
      query = query.where((eb) =>
        eb.or([eb('received_at', '>', at), eb.and([eb('received_at', '=', at), eb('id', '>', id)])]),
      );
    }
    const rows = await query.orderBy('received_at').orderBy('id').limit(pageSize).execute();
    for (const row of rows) {
      const line: RunLine = {
        receivedAt: row.received_at,
        record: row.record,
        ...(options.tokenHashes && row.delete_token_sha256
          ? { deleteTokenSha256: row.delete_token_sha256 }
          : {}),
      };
      yield `${JSON.stringify(line)}\n`;
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = [last.received_at, last.id];
  }
}
