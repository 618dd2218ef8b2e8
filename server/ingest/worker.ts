/**
 * A worker thread of the ingest: checks bodies (`checkBody`) and posts back the result. When
 * the record to store is the text as sent (the page's bodies), it is not sent back (the request
 * thread has it): the run row's `record` is left empty.
 */
import { parentPort } from 'node:worker_threads';
import { type Checked, checkBody } from './check.ts';

export interface CheckRequest {
  id: number;
  raw: string;
}
export interface CheckResponse {
  id: number;
  result: Checked;
}

if (!parentPort) throw new Error('server/ingest/worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', ({ id, raw }: CheckRequest) => {
  const result = checkBody(raw);
  if (result.ok && result.rows.runRow.record === raw) result.rows.runRow.record = '';
  port.postMessage({ id, result } satisfies CheckResponse);
});
