/**
 * Moves SQLite's WAL checkpoints off the request path. By default the connection that commits
 * also copies the WAL back into the database file every 1000 pages, and that commit (so that
 * request) waits for it. Here the server's connection never checkpoints; a worker thread with
 * its own connection runs a PASSIVE checkpoint (which never blocks writers) on a timer. If the
 * worker fails, automatic checkpoints come back on the server's connection.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.pragma('wal_checkpoint(PASSIVE)');
  db.close();
  parentPort.close();
});
`;

const DEFAULT_AUTOCHECKPOINT = 1000;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint. */
  stop(): Promise<void>;
}

export function startCheckpointer(
  sqlite: BetterSqlite3.Database,
  file: string,
  intervalMs = 500,
): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs, module: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (error) => {
    if (!sqlite.open) return;
    sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    process.emitWarning(`SQLite checkpoints are back on the server thread: ${error.message}`);
  });
  worker.unref();
  return {
    async stop() {
      if (stopped) return exited;
      stopped = true;
      // Unreferenced, the worker would not keep the process alive while `stop` waits for it.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
