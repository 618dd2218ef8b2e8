import { describe, expect, it } from 'vitest';
import { isCorrect, scoreReferenceFor, scoreRun } from '../../src/report/score.ts';
import type { Case } from '../../src/schema/run.ts';
import { validateRun } from '../../src/schema/run.ts';
import { suiteById } from '../../src/suite/suites.ts';
import { makeRun, okCase } from '../support/records.ts';

const phone = suiteById('phone');
const reference = scoreReferenceFor(phone);

function ok(model: string, backend: string, medianMs: number, extra: Partial<Case> = {}): Case {
  return { ...okCase(model, 'x', backend, medianMs), ...extra } as Case;
}

/** Every reference model in both classes at `factor` × the reference median (factor < 1: faster). */
function casesAt(factor: { cpu: number; gpu: number }): Case[] {
  if (!reference) throw new Error('the phone suite has no score reference');
  return [
    ...Object.entries(reference.medians.cpu).map(([m, ms]) => ok(m, 'wasm', ms * factor.cpu)),
    ...Object.entries(reference.medians.gpu).map(([m, ms]) => ok(m, 'webgl', ms * factor.gpu)),
  ];
}

const run = (cases: Case[], suite = { id: phone.id, version: phone.version }) => ({ suite, cases });

describe('the score', () => {
  it('has a frozen reference for the phone suite covering every model in each class but those it leaves out, with why', () => {
    expect(reference?.version).toBe(`phone-${phone.version}`);
    for (const scoreClass of ['cpu', 'gpu'] as const) {
      const leftOut = reference?.leftOut?.[scoreClass] ?? {};
      expect(
        [...Object.keys(reference?.medians[scoreClass] ?? {}), ...Object.keys(leftOut)].sort(),
        scoreClass,
      ).toEqual([...phone.models].sort());
      for (const why of Object.values(leftOut)) expect(why).toMatch(/\w+ \w+: \w+ in \d+/);
    }
    // At most one model left out of a class: a score over a fraction of the suite would mean little.
    expect(Object.keys(reference?.leftOut?.cpu ?? {})).toEqual([]);
    expect(Object.keys(reference?.leftOut?.gpu ?? {}).length).toBeLessThanOrEqual(1);
  });

  it('keeps scoring a stored run of an older suite version by that version’s own reference', () => {
    const old = scoreReferenceFor({ id: 'phone', version: '1' });
    expect(old?.version).toBe('phone-1');
    const cases = Object.entries(old?.medians.cpu ?? {}).map(([m, ms]) => ok(m, 'wasm', ms / 2));
    expect(scoreRun(run(cases, { id: 'phone', version: '1' }))?.cpu).toEqual({ value: 200, models: 13 });
    // The same cases under the current version lack its new models.
    expect(scoreRun(run(cases))?.cpu).toBeUndefined();
  });

  it('is 100 on the reference device, 200 twice as fast, 50 half as fast — per class', () => {
    expect(scoreRun(run(casesAt({ cpu: 1, gpu: 1 })))).toEqual({
      version: reference?.version,
      cpu: { value: 100, models: Object.keys(reference?.medians.cpu ?? {}).length },
      gpu: { value: 100, models: Object.keys(reference?.medians.gpu ?? {}).length },
    });
    const score = scoreRun(run(casesAt({ cpu: 0.5, gpu: 2 })));
    expect(score?.cpu?.value).toBe(200);
    expect(score?.gpu?.value).toBe(50);
  });

  it('is the geometric mean: twice as fast on one model and half on another cancel out', () => {
    const cases = casesAt({ cpu: 1, gpu: 1 });
    const cpu = cases.filter((c) => c.backend === 'wasm');
    const [a, b] = cpu;
    const scaled = cases.map((c) =>
      c === a
        ? ok(c.model, 'wasm', (reference?.medians.cpu[c.model] ?? 0) * 2)
        : c === b
          ? ok(c.model, 'wasm', (reference?.medians.cpu[c.model] ?? 0) / 2)
          : c,
    );
    expect(scoreRun(run(scaled))?.cpu?.value).toBe(100);
  });

  it('takes the best correct case of a class, never a wrong, hidden or other-class one', () => {
    const cases = casesAt({ cpu: 1, gpu: 1 });
    const model = phone.models[0] ?? '';
    const refMs = reference?.medians.cpu[model] ?? 0;
    const extra = [
      ok(model, 'wasm', refMs / 1000, { status: 'wrong' } as Partial<Case>),
      ok(model, 'wasm', refMs / 1000, { check: { ok: false, metric: 'maxAbsDiff', value: 1, tolerance: 0 } }),
      ok(model, 'wasm', refMs / 1000, { visibilityLost: true }),
      ok(model, 'wasm', refMs / 1000, { taskCheck: { ok: false, kind: 'argmax', detail: 'x' } }),
      ok(model, 'webgpu', refMs / 1000),
    ];
    expect(scoreRun(run([...cases, ...extra]))?.cpu?.value).toBe(100);
    // A correct faster CPU case of the model (e.g. TF.js cpu beside wasm) does count.
    const faster = scoreRun(run([...cases, ok(model, 'cpu', refMs / 2)]))?.cpu?.value ?? 0;
    expect(faster).toBeCloseTo(100 * 2 ** (1 / phone.models.length), 0);
  });

  it('is absent for a class with a model lacking a correct case, and says which and why', () => {
    const [first, ...rest] = casesAt({ cpu: 1, gpu: 1 });
    if (!first) throw new Error('no cases');
    const wrong = { ...first, status: 'timeout', error: 'x' } as Case;
    delete (wrong as Partial<Case>).timings;
    delete (wrong as Partial<Case>).check;
    const timedOut = scoreRun(run([wrong, ...rest]));
    expect(timedOut?.cpu).toBeUndefined();
    expect(timedOut?.missing?.cpu).toBe(`no correct CPU case of ${first.model} (timeout)`);
    expect(timedOut?.gpu?.value).toBe(100);
    const onlyCpu = scoreRun(run(casesAt({ cpu: 1, gpu: 1 }).filter((c) => c.backend === 'wasm')));
    expect(onlyCpu?.gpu).toBeUndefined();
    expect(onlyCpu?.missing?.gpu).toMatch(/^the run has no GPU case of /);
    expect(scoreRun(run([]))?.missing).toEqual({
      cpu: `the run has no CPU case of ${Object.keys(reference?.medians.cpu ?? {})[0]}`,
      gpu: `the run has no GPU case of ${Object.keys(reference?.medians.gpu ?? {})[0]}`,
    });
  });

  it('is undefined for a suite (or suite version) without a reference', () => {
    expect(scoreRun(run(casesAt({ cpu: 1, gpu: 1 }), { id: 'quick', version: '3' }))).toBeUndefined();
    expect(scoreRun(run(casesAt({ cpu: 1, gpu: 1 }), { id: 'phone', version: '0' }))).toBeUndefined();
  });

  it('isCorrect needs a passed output check, not just ok', () => {
    const c = ok('m', 'wasm', 1);
    expect(isCorrect(c)).toBe(true);
    const unchecked = { ...c };
    delete (unchecked as Partial<Case>).check;
    expect(isCorrect(unchecked)).toBe(false);
  });

  it('fits the record schema, and old records without it stay valid', () => {
    const record = makeRun({ suite: { id: 'phone', version: phone.version } });
    expect(validateRun(record).ok).toBe(true);
    const score = scoreRun(run(casesAt({ cpu: 1, gpu: 1 })));
    expect(validateRun({ ...record, score }).ok).toBe(true);
    expect(validateRun({ ...record, score: { version: 'x', cpu: { value: -1, models: 1 } } }).ok).toBe(false);
  });
});
