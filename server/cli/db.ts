/**
 * The store's operator commands, without starting the server (DATABASE_URL as for `npm start`):
 *
 *   npm run db:migrate               apply pending migrations, print which
 *   npm run db:export -- FILE|-      write every run as a backup line (with deletion-token hashes)
 *   npm run db:import -- FILE|-      store the runs of an NDJSON file: backup lines or bare records
 *
 * Exit codes: 0 done; 1 failed (message on stderr); 2 import done but some lines were refused.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { importRuns } from '../backup/import.ts';
import { runLines } from '../backup/run-lines.ts';
import { DEFAULT_DATABASE_FILE } from '../main.ts';
import { migrateStore, openStore, parseDatabaseUrl, type StoreTarget } from '../store/database.ts';

const USAGE = `usage: npm run db:migrate
       npm run db:export -- FILE   (- for stdout)
       npm run db:import -- FILE   (- for stdin)
The store is DATABASE_URL's (default: SQLite ${DEFAULT_DATABASE_FILE}).`;

async function migrate(target: StoreTarget): Promise<number> {
  const { applied, location } = await migrateStore(target);
  console.log(
    applied.length
      ? `${location}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`
      : `${location}: up to date, nothing applied`,
  );
  return 0;
}

async function exportTo(target: StoreTarget, file: string): Promise<number> {
  const store = await openStore(target);
  try {
    const out = file === '-' ? process.stdout : createWriteStream(file);
    await pipeline(Readable.from(runLines(store, { tokenHashes: true })), out, { end: file !== '-' });
    if (file !== '-') console.error(`${store.location}: exported every run to ${file}`);
  } finally {
    await store.close();
  }
  return 0;
}

async function importFrom(target: StoreTarget, file: string): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  // Opened first, so a missing file fails before the store is touched.
  await new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  const store = await openStore(target);
  try {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const report = await importRuns(store, lines);
    for (const { line, reason } of report.refusals) console.error(`line ${line}: ${reason}`);
    if (report.refused > report.refusals.length)
      console.error(`… and ${report.refused - report.refusals.length} more refused lines`);
    console.log(
      `${store.location}: ${report.stored} stored, ${report.alreadyThere} already there, ${report.refused} refused`,
    );
    return report.refused > 0 ? 2 : 0;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, file] = argv;
  const target = parseDatabaseUrl(process.env.DATABASE_URL || undefined, DEFAULT_DATABASE_FILE);
  if (command === 'migrate' && !file) return migrate(target);
  if (command === 'export' && file) return exportTo(target, file);
  if (command === 'import' && file) return importFrom(target, file);
  console.error(USAGE);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
