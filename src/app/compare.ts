/**
 * After an upload, the page asks the results server it uploaded to how this run compares with
 * other devices (`GET /api/compare?run=ID`) and shows the answer in `#compare`
 * (src/report/compare-view.ts). A failed request leaves one quiet line and never disturbs the rest
 * of the page; a new run clears it, and an answer arriving after that is dropped.
 * `#compare[data-state]` says where it is: loading, shown or failed.
 */

import { renderComparison } from '../report/compare-view.ts';
import type { Comparison } from '../schema/api.ts';
import { endpointBase } from './upload-queue.ts';

const TIMEOUT_MS = 15_000;

/** `<server>/api/compare?run=ID` for a run stored through `endpoint` (`…/api/runs`). */
export function compareUrl(endpoint: string, runId: string): string {
  const url = new URL('api/compare', endpointBase(endpoint));
  url.searchParams.set('run', runId);
  return url.href;
}

/** Whether an answer has the shape this page renders (a server of another version may differ). */
function isComparison(value: unknown): value is Comparison {
  const c = value as Partial<Comparison> | null;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.classes === 'object' &&
    typeof c.missing === 'object' &&
    typeof c.similar?.label === 'string' &&
    Array.isArray(c.models)
  );
}

export interface CompareView {
  /** A new run started: hide the previous comparison. */
  clear(): void;
  /** Run `runId` was stored through `endpoint`: fetch and show its comparison. */
  show(endpoint: string, runId: string): Promise<void>;
}

export function compareView(target: HTMLElement): CompareView {
  let token = 0;
  const line = (text: string, state: string) => {
    const p = document.createElement('p');
    p.className = 'compare-detail';
    p.textContent = text;
    target.replaceChildren(p);
    target.dataset.state = state;
    target.hidden = false;
  };
  return {
    clear() {
      token++;
      target.replaceChildren();
      target.hidden = true;
      delete target.dataset.state;
    },
    async show(endpoint, runId) {
      const mine = ++token;
      line('Comparing with other devices…', 'loading');
      try {
        const response = await fetch(compareUrl(endpoint, runId), {
          headers: { accept: 'application/json' },
          mode: 'cors',
          credentials: 'omit',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const answer: unknown = await response.json();
        if (mine !== token) return;
        if (!response.ok || !isComparison(answer)) throw new Error(`HTTP ${response.status}`);
        renderComparison(target, answer);
        target.dataset.state = 'shown';
      } catch {
        if (mine !== token) return;
        line('Could not compare this run with other devices just now.', 'failed');
      }
    },
  };
}
