// An ingest worker that dies on its first body: for the checker's failure test.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => process.exit(3));
