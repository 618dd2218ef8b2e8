/**
 * Errors as the record keeps them: one line of at most 500 characters, whitespace collapsed, so a
 * library's multi-line stack or message never breaks a table row or bloats a record.
 */

/** The error's message (or the value as text) on one line; `unknown error` when empty. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}
