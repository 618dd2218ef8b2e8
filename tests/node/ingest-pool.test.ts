/**
 * The ingest's body checker on worker threads gives exactly what checking on the request thread
 * gives (valid runs, invalid JSON, schema issues, over-deep bodies), and loses nothing when its
 * workers fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkBody } from '../../server/ingest/check.ts';
import { type BodyChecker, createBodyChecker } from '../../server/ingest/pool.ts';
import { makeRun } from '../support/records.ts';

const AT = new Date('2026-11-29T00:00:00Z');

function bodies(): string[] {
  const valid = JSON.stringify(makeRun({}, 3));
  return [
    valid,
    JSON.stringify(makeRun({}, 0)),
    valid.slice(0, valid.length / 2),
    JSON.stringify({ ...makeRun({}, 1), id: 'not-a-uuid' }),
    `${'['.repeat(40)}${']'.repeat(40)}`,
    'null',
    // Stored as validated (compact), not as sent: the worker must hand that text back.
    JSON.stringify(makeRun({}, 2), null, 2),
    JSON.stringify({ ...makeRun({}, 1), extra: 1 }),
    JSON.stringify(makeRun({}, 1)).replace('{', '{"__proto__":{"x":1},'),
  ];
}

/** A result with the receipt time taken out (the worker stamps its own). */
function comparable(result: ReturnType<typeof checkBody>) {
  if (!result.ok) return result;
  return { ...result, rows: { ...result.rows, runRow: { ...result.rows.runRow, received_at: '' } } };
}

describe('ingest body checker', () => {
  let checker: BodyChecker | undefined;
  afterEach(async () => {
    await checker?.close();
  });

  it('answers on two workers exactly as on the request thread', async () => {
    checker = createBodyChecker(2);
    expect(checker.workers).toBe(2);
    const inputs = [...bodies(), ...bodies()];
    const results = await Promise.all(inputs.map((b) => checker?.check(b)));
    expect(results.map((r) => r && comparable(r))).toEqual(inputs.map((b) => comparable(checkBody(b, AT))));
    const [first] = results;
    expect(first?.ok && first.rows.runRow.record).toBe(inputs[0]);
  });

  it('checks on the request thread when a worker dies, bodies in flight included', async () => {
    const failures: Error[] = [];
    // Workers that exit on their first body, with every body already sent to them.
    const dying = new URL('../support/dying-worker.mjs', import.meta.url);
    checker = createBodyChecker(2, (e) => failures.push(e), dying);
    const inputs = bodies();
    const results = await Promise.all(inputs.map((b) => checker?.check(b)));
    expect(results.map((r) => r && comparable(r))).toEqual(inputs.map((b) => comparable(checkBody(b, AT))));
    expect(checker.workers).toBe(0);
    expect(failures.map((e) => e.message)).toEqual([
      'ingest worker exited with code 3',
      'ingest worker exited with code 3',
    ]);
    const after = await checker.check(inputs[0] as string);
    expect(after.ok).toBe(true);
  });
});
