/**
 * The screen wake lock around a run (src/app/wake-lock.ts), against a scripted Wake Lock API and
 * page visibility: what the record says when the API is missing or refuses, that the lock is asked
 * for again when the page comes back into view (browsers release it when the page is hidden), and
 * that after the run nothing holds it or asks for it.
 */
import { describe, expect, it } from 'vitest';
import { holdScreenAwake, type ScreenWakeLock } from '../../src/app/wake-lock.ts';
import { ScriptedVisibility } from '../support/scripted-visibility.ts';

class Sentinel {
  released = false;
  async release() {
    this.released = true;
  }
}

/** A Wake Lock API that grants (or refuses) each request as scripted, and releases on hide like a browser. */
class ScriptedWakeLock implements ScreenWakeLock {
  readonly sentinels: Sentinel[] = [];
  requests = 0;
  constructor(
    private readonly answers: ('grant' | 'refuse')[],
    visibility: ScriptedVisibility,
  ) {
    visibility.onChange(() => {
      if (visibility.hidden) for (const s of this.sentinels) s.released = true;
    });
  }
  async request(_type: 'screen') {
    const answer = this.answers[this.requests++] ?? 'grant';
    if (answer === 'refuse') throw new DOMException('not allowed', 'NotAllowedError');
    const s = new Sentinel();
    this.sentinels.push(s);
    return s;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('holdScreenAwake', () => {
  it('says unavailable, and does nothing, where there is no Wake Lock API', async () => {
    const hold = await holdScreenAwake(undefined, new ScriptedVisibility());
    expect(hold.state).toBe('unavailable');
    expect(hold.active).toBe(false);
    await expect(hold.release()).resolves.toBeUndefined();
  });

  it('says refused when the browser says no, and the run goes on', async () => {
    const visibility = new ScriptedVisibility();
    const api = new ScriptedWakeLock(['refuse'], visibility);
    const hold = await holdScreenAwake(api, visibility);
    expect(hold.state).toBe('refused');
    expect(hold.active).toBe(false);
    await hold.release();
  });

  it('asks again each time the page is visible again, and lets go at the end', async () => {
    const visibility = new ScriptedVisibility();
    const api = new ScriptedWakeLock(['grant', 'grant'], visibility);
    const hold = await holdScreenAwake(api, visibility);
    expect(hold.state).toBe('held');
    expect(hold.active).toBe(true);

    visibility.set(true); // the screen locked: the browser released the lock
    await settle();
    expect(hold.active).toBe(false);
    expect(api.requests).toBe(1);
    visibility.set(false);
    await settle();
    expect(api.requests).toBe(2);
    expect(hold.active).toBe(true);

    await hold.release();
    expect(api.sentinels.every((s) => s.released)).toBe(true);
    expect(hold.active).toBe(false);
    // After the run, coming back into view asks for nothing.
    visibility.set(true);
    visibility.set(false);
    await settle();
    expect(api.requests).toBe(2);
    expect(hold.state).toBe('held');
  });

  it('records held when a later ask is granted after a first refusal', async () => {
    const visibility = new ScriptedVisibility();
    const api = new ScriptedWakeLock(['refuse', 'grant'], visibility);
    const hold = await holdScreenAwake(api, visibility);
    expect(hold.state).toBe('refused');
    visibility.set(true);
    visibility.set(false);
    await settle();
    expect(hold.state).toBe('held');
    await hold.release();
    expect(api.sentinels.every((s) => s.released)).toBe(true);
  });

  it('releases a lock the browser grants only after the run ended', async () => {
    const visibility = new ScriptedVisibility();
    const first = new Sentinel();
    const late = new Sentinel();
    let grantLate: (s: Sentinel) => void = () => {};
    let requests = 0;
    const api: ScreenWakeLock = {
      request: () =>
        requests++ === 0
          ? Promise.resolve(first)
          : new Promise((resolve) => {
              grantLate = resolve;
            }),
    };
    const hold = await holdScreenAwake(api, visibility);
    first.released = true; // the browser let it go while the page was hidden…
    visibility.set(true);
    visibility.set(false); // …and the page asks again on coming back
    expect(requests).toBe(2);
    const releasing = hold.release(); // the run ends before the answer
    grantLate(late);
    await releasing;
    expect(late.released).toBe(true);
    expect(hold.active).toBe(false);
  });
});
