/**
 * Keeps the screen on while a run goes on (Screen Wake Lock API): a phone that dims and locks its
 * screen hides the page, and a hidden page is throttled or killed. The browser releases the lock
 * whenever the page is hidden, so it is asked for again each time the page comes back into view,
 * until the run releases it. No API, or a refusal, is not an error: the run goes on and its
 * record says which it was (`wakeLock`).
 */
import type { WakeLockState } from '../schema/run.ts';
import { pageVisibility, type VisibilitySource } from './visibility.ts';

/** The part of `navigator.wakeLock` used here (a scripted one in unit tests). */
export interface ScreenWakeLock {
  request(type: 'screen'): Promise<{ readonly released: boolean; release(): Promise<void> }>;
}

export interface WakeLockHold {
  /** `held` once the browser granted the lock (at the start or on a later ask), else why not. */
  readonly state: WakeLockState;
  /** Whether a granted lock is in force now. */
  readonly active: boolean;
  /** Lets the screen sleep again; stops asking when the page comes back. Never throws. */
  release(): Promise<void>;
}

function browserWakeLock(): ScreenWakeLock | undefined {
  return typeof navigator !== 'undefined' && 'wakeLock' in navigator ? navigator.wakeLock : undefined;
}

/** Asks for the screen wake lock and keeps asking whenever the page is visible again. */
export async function holdScreenAwake(
  api: ScreenWakeLock | undefined = browserWakeLock(),
  visibility: VisibilitySource = pageVisibility,
): Promise<WakeLockHold> {
  if (!api) {
    return { state: 'unavailable', active: false, release: async () => {} };
  }
  let state: WakeLockState = 'refused';
  let sentinel: Awaited<ReturnType<ScreenWakeLock['request']>> | undefined;
  let released = false;
  let asking: Promise<void> | undefined;

  const ask = (): Promise<void> => {
    asking ??= api
      .request('screen')
      .then(
        async (granted) => {
          if (released) {
            // The run ended while the browser was deciding.
            await granted.release().catch(() => {});
            return;
          }
          sentinel = granted;
          state = 'held';
        },
        () => {
          // Refused (permission policy, battery saver, a hidden page): the run goes on without it.
        },
      )
      .finally(() => {
        asking = undefined;
      });
    return asking;
  };

  const stop = visibility.onChange(() => {
    if (released || visibility.isHidden()) return;
    if (!sentinel || sentinel.released) void ask();
  });
  await ask();

  return {
    get state() {
      return state;
    },
    get active() {
      return sentinel !== undefined && !sentinel.released;
    },
    async release() {
      if (released) return;
      released = true;
      stop();
      await asking;
      await sentinel?.release().catch(() => {});
    },
  };
}
