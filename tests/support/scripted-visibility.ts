/**
 * A page visibility the test scripts (`set(true)` hides the page), for the parts of the page that
 * watch it: the case visibility guard and the screen wake lock.
 */
import type { VisibilitySource } from '../../src/app/visibility.ts';

export class ScriptedVisibility implements VisibilitySource {
  hidden = false;
  readonly listeners = new Set<() => void>();
  isHidden = () => this.hidden;
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener) && undefined;
  }
  set(hidden: boolean) {
    this.hidden = hidden;
    for (const l of [...this.listeners]) l();
  }
}
