import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/report/format.ts';
import type { Case } from '../../src/schema/run.ts';

const base: Case = { model: 'm', runtime: 'ort', backend: 'wasm', status: 'ok' };
const check = { ok: true, metric: 'maxAbsDiff', value: 2e-5, tolerance: 1e-3 };

describe('checkText (the check column)', () => {
  it('shows the output check alone when the model has no task check', () => {
    expect(checkText({ ...base, check })).toBe('✓ 2e-5');
    expect(checkText({ ...base, check: { ...check, value: 0 } })).toBe('✓ exact');
    expect(checkText(base)).toBeUndefined();
  });

  it('adds whether the task check passed', () => {
    expect(checkText({ ...base, check, taskCheck: { ok: true, kind: 'ctcText', detail: 'read "A"' } })).toBe(
      '✓ 2e-5, task ✓',
    );
    expect(
      checkText({
        ...base,
        status: 'wrong',
        check,
        taskCheck: { ok: false, kind: 'argmax', detail: 'class 1' },
      }),
    ).toBe('✓ 2e-5, task ✗');
    expect(checkText({ ...base, taskCheck: { ok: false, kind: 'maxBelow', detail: 'max 0.5' } })).toBe(
      'task ✗',
    );
  });
});
