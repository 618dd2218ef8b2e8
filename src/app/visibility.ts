/**
 * Whether the page stayed visible while something was measured. Browsers throttle hidden tabs
 * (timers, workers' scheduling, GPU), so timings taken while the page was hidden are not
 * comparable: scenarios are then `excluded`, suite cases re-measured or marked (case-runner.ts).
 */

/** Where visibility comes from: the page's document, or a scripted one in tests. */
export interface VisibilitySource {
  isHidden(): boolean;
  /** Calls `listener` on every visibility change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** The page's own visibility; always visible where there is no document (Node, workers). */
export const pageVisibility: VisibilitySource = {
  isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onChange(listener) {
    if (typeof document === 'undefined') return () => {};
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/** A watch started now: `lost` turns true (and stays so) once the page is or becomes hidden. */
export interface VisibilityWatch {
  readonly lost: boolean;
  stop(): void;
}

export function watchVisibility(source: VisibilitySource = pageVisibility): VisibilityWatch {
  let lost = source.isHidden();
  const stop = source.onChange(() => {
    if (source.isHidden()) lost = true;
  });
  return {
    get lost() {
      return lost;
    },
    stop,
  };
}

/** Resolves once the page is visible (at once when it is). */
export function whenVisible(source: VisibilitySource = pageVisibility): Promise<void> {
  if (!source.isHidden()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = source.onChange(() => {
      if (source.isHidden()) return;
      stop();
      resolve();
    });
  });
}
