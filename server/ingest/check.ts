/**
 * Everything the ingest does to a body before it touches the store, as one pure function of the
 * text as sent: parse, bound the nesting, validate with the schema the page uses (refusing
 * members it does not know and `__proto__`-like keys), and build the rows — whose record is the
 * validated run serialized again, never the text as sent (which may hide content in duplicate
 * keys or padding). Pure and synchronous so it can run on the request thread or in a worker thread.
 */
import type { ApiError } from '../../src/schema/api.ts';
import { validatePostedRun } from '../../src/schema/run.ts';
import { nestsDeeperThan } from '../json-limits.ts';
import { type RunRows, runRows } from '../store/run-rows.ts';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 16;

export type Checked = { ok: true; rows: RunRows } | { ok: false; status: 400; body: ApiError };

export function checkBody(raw: string, receivedAt = new Date()): Checked {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, body: { error: 'the body is not valid JSON' } };
  }
  if (nestsDeeperThan(value, MAX_DEPTH))
    return {
      ok: false,
      status: 400,
      body: { error: `the body nests deeper than ${MAX_DEPTH} levels`, issues: [] },
    };
  const checked = validatePostedRun(value, raw);
  if (!checked.ok)
    return {
      ok: false,
      status: 400,
      body: { error: 'not a valid atlas.run/1 record', issues: checked.issues },
    };
  // What is stored (and hashed, and served) is the validated record; the page sends exactly
  // this text (it posts the schema's output), so its bodies are stored byte for byte.
  return { ok: true, rows: runRows(checked.run, checked.text, receivedAt) };
}
