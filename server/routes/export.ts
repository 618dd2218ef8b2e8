/**
 * `GET /api/export.ndjson` and `/api/export.csv`: every case with its run's device fields;
 * `GET /api/export.runs.ndjson`: every run as sent (the backup format). All streamed (bounded
 * memory whatever the store's size). CSV text cells that a spreadsheet would run as a formula
 * (=, +, -, @ first) get a leading apostrophe.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import { runLines } from '../backup/run-lines.ts';
import type { Store } from '../store/database.ts';
import { EXPORT_COLUMNS, type ExportRow, exportRows } from '../store/export.ts';

const FORMULA = /^[=+\-@\t\r]/;

/** Neutralises spreadsheet formulas in text cells; numbers pass through. */
export function csvSafe(value: string | number | null): string | number | null {
  return typeof value === 'string' && FORMULA.test(value) ? `'${value}` : value;
}

async function* ndjson(rows: AsyncGenerator<ExportRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}

export async function exportRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  app.get('/api/export.ndjson', async (_request, reply) => {
    reply
      .type('application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="atlas-cases.ndjson"');
    return reply.send(Readable.from(ndjson(exportRows(options.store))));
  });

  // Every run as sent, one backup line each (server/backup/run-lines.ts), for `npm run db:import`;
  // without deletion-token hashes, which only the operator's `npm run db:export` includes.
  app.get('/api/export.runs.ndjson', async (_request, reply) => {
    reply
      .type('application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="atlas-runs.ndjson"');
    return reply.send(Readable.from(runLines(options.store, { tokenHashes: false })));
  });

  app.get('/api/export.csv', async (_request, reply) => {
    const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS] });
    const rows = Readable.from(exportRows(options.store)).map((row: ExportRow) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvSafe(v)])),
    );
    rows.on('error', (error) => csv.destroy(error));
    rows.pipe(csv);
    reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="atlas-cases.csv"');
    return reply.send(csv);
  });
}
