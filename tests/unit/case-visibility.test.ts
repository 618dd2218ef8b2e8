/**
 * The visibility guard of suite cases (src/app/case-runner.ts, src/app/visibility.ts): a case
 * during which the page was hidden is measured again once the page is visible, and kept marked
 * when the page was hidden again; the record field is optional (old records stay valid).
 */
import { describe, expect, it } from 'vitest';
import { measureWhileVisible, REMEASURED_NOTE } from '../../src/app/case-runner.ts';
import { watchVisibility, whenVisible } from '../../src/app/visibility.ts';
import { type Case, caseSchema } from '../../src/schema/run.ts';
import { ScriptedVisibility } from '../support/scripted-visibility.ts';

const okCase = (medianMs: number): Case => ({
  model: 'm',
  runtime: 'ort',
  backend: 'wasm',
  status: 'ok',
  notes: ['from the library'],
  timings: {
    loadMs: 1,
    initMs: 1,
    firstMs: 1,
    warm: {
      n: 1,
      medianMs,
      meanMs: medianMs,
      minMs: medianMs,
      p90Ms: medianMs,
      stdevMs: 0,
      ci95Ms: [medianMs, medianMs],
      samplesMs: [medianMs],
    },
  },
});

/** Attempts that return cases with medians 1, 2, …, each running `during` while it runs. */
function attempts(during: (n: number) => void = () => {}) {
  let n = 0;
  const attempt = async () => {
    n++;
    during(n);
    await Promise.resolve();
    return okCase(n);
  };
  return { attempt, count: () => n };
}

describe('measureWhileVisible', () => {
  it('keeps a case measured while the page stayed visible as it is', async () => {
    const page = new ScriptedVisibility();
    const { attempt, count } = attempts();
    const result = await measureWhileVisible(attempt, page);
    expect(count()).toBe(1);
    expect(result).toEqual(okCase(1));
    expect(page.listeners.size).toBe(0);
  });

  it('measures again once the page is visible when it was hidden during the case', async () => {
    const page = new ScriptedVisibility();
    const { attempt, count } = attempts((n) => {
      if (n === 1) page.set(true);
    });
    const pending = measureWhileVisible(attempt, page);
    await new Promise((r) => setTimeout(r, 10));
    expect(count()).toBe(1); // still hidden: the second attempt waits
    page.set(false);
    const result = await pending;
    expect(count()).toBe(2);
    expect(result.timings?.warm.medianMs).toBe(2);
    expect(result.visibilityLost).toBeUndefined();
    expect(result.notes).toEqual(['from the library', REMEASURED_NOTE]);
    expect(page.listeners.size).toBe(0);
  });

  it('marks the second result when the page was hidden again', async () => {
    const page = new ScriptedVisibility();
    const { attempt, count } = attempts(() => {
      page.set(true);
      page.set(false);
    });
    const result = await measureWhileVisible(attempt, page);
    expect(count()).toBe(2);
    expect(result.timings?.warm.medianMs).toBe(2);
    expect(result.visibilityLost).toBe(true);
    expect(result.notes).toContain(REMEASURED_NOTE);
    expect(caseSchema.safeParse(result).success).toBe(true);
  });

  it('counts a page already hidden when the case starts as lost', async () => {
    const page = new ScriptedVisibility();
    page.hidden = true;
    const { attempt, count } = attempts();
    const pending = measureWhileVisible(attempt, page);
    await new Promise((r) => setTimeout(r, 10));
    expect(count()).toBe(1);
    page.set(false);
    expect((await pending).visibilityLost).toBeUndefined();
    expect(count()).toBe(2);
  });
});

describe('watchVisibility and whenVisible', () => {
  it('stays lost after the page comes back, and stops listening on stop()', () => {
    const page = new ScriptedVisibility();
    const watch = watchVisibility(page);
    expect(watch.lost).toBe(false);
    page.set(true);
    page.set(false);
    expect(watch.lost).toBe(true);
    watch.stop();
    expect(page.listeners.size).toBe(0);
  });

  it('resolves at once when visible, else on the change to visible', async () => {
    const page = new ScriptedVisibility();
    await whenVisible(page);
    page.hidden = true;
    let resolved = false;
    const pending = whenVisible(page).then(() => {
      resolved = true;
    });
    page.set(true);
    await Promise.resolve();
    expect(resolved).toBe(false);
    page.set(false);
    await pending;
    expect(resolved).toBe(true);
  });
});

describe('the visibilityLost field of a case', () => {
  it('is optional: a case without it is valid, with it too; only a boolean', () => {
    const c = okCase(3);
    expect(caseSchema.safeParse(c).success).toBe(true);
    expect(caseSchema.safeParse({ ...c, visibilityLost: true }).success).toBe(true);
    expect(caseSchema.safeParse({ ...c, visibilityLost: 'yes' }).success).toBe(false);
  });
});
