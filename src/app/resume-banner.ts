/**
 * The banner of an interrupted run, on page load: what happened (the page was closed or crashed
 * while a case ran), how far the run had come, and two buttons — continue it (the interrupted case
 * is recorded `crashed` and skipped, the rest runs) or discard it; with `?resume=1` it continues
 * without asking. Also the note that an interrupted run was discarded because this page cannot
 * continue it. Text only, through textContent.
 */
import { SUITES } from '../suite/suites.ts';
import { findInterruptedRun, type InterruptedRun, progressText, startedText } from './interrupted-run.ts';
import { indexedDbJournalStore } from './journal-store.ts';

declare const __APP_VERSION__: string;

/** What `window.atlas` says about interrupted runs (for automation and the tests). */
export interface InterruptedRunStatus {
  /** A run this page left unfinished, offered to be continued (until it is, or is discarded). */
  interrupted?: { startedAt: string; casesDone: number; casesPlanned: number; where: string } | undefined;
  /** Interrupted runs found on load that could not be continued, and why. */
  discardedRuns?: string[];
}

export interface ResumeChoice {
  onContinue(): void;
  onDiscard(): void;
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** "while case 2 of 3 ran (blazeface-back · tfjs · wasm)", or where the run was between steps. */
export function interruptedWhere(run: InterruptedRun): string {
  const { entry } = run;
  const current = entry.current;
  if (current?.kind === 'case')
    return `while case ${current.index + 1} of ${entry.plan.length} ran (${current.model} · ${current.runtime} · ${current.backend})`;
  if (current?.kind === 'scenario')
    return `while scenario ${current.index + 1} of ${entry.params.scenarios.length} ran (${current.id})`;
  return 'between two steps of the run';
}

/** What continuing does, in one sentence. */
function continueText(run: InterruptedRun): string {
  const { point, entry } = run;
  const casesLeft = Math.max(0, entry.plan.length - point.cases.length);
  const scenariosLeft = Math.max(0, entry.params.scenarios.length - point.scenarios.length);
  const left = [
    casesLeft ? `${casesLeft} case${casesLeft === 1 ? '' : 's'}` : '',
    scenariosLeft ? `${scenariosLeft} scenario${scenariosLeft === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const crashed = point.crashed ? `records that ${point.crashed.kind} as crashed and skips it, then ` : '';
  return `Continuing keeps the results so far, ${crashed}${left ? `runs the remaining ${left}` : 'finishes the record'}.`;
}

/** Shows the offer to continue `run` in `el`; the banner hides itself when either button is tapped. */
export function offerResume(el: HTMLElement, run: InterruptedRun, choice: ResumeChoice): void {
  const title = document.createElement('strong');
  title.textContent = 'A run was interrupted. ';
  const what = document.createElement('span');
  what.textContent = `The page was closed or crashed (on a phone, often for lack of memory) ${interruptedWhere(run)}. It started ${startedText(run.entry)}; ${progressText(run.entry)}.`;
  const first = document.createElement('p');
  first.append(title, what);
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(
    button('Continue the interrupted run', 'primary', () => {
      el.hidden = true;
      choice.onContinue();
    }),
    button('Discard', '', () => {
      el.hidden = true;
      choice.onDiscard();
    }),
  );
  el.className = 'banner banner-warn resume';
  el.replaceChildren(first, paragraph(continueText(run), 'resume-hint'), actions);
  el.hidden = false;
}

/** Says which interrupted runs were discarded and why, with a button to close the note. */
export function showDiscarded(el: HTMLElement, messages: readonly string[]): void {
  if (messages.length === 0) return;
  el.className = 'banner resume';
  el.replaceChildren(
    ...messages.map((m) => paragraph(m)),
    button('OK', 'small', () => {
      el.hidden = true;
    }),
  );
  el.hidden = false;
}

export interface CheckOptions {
  /** Continue without asking (`?resume=1`). */
  resumeNow: boolean;
  /** Starts the run that continues `run`. */
  continueRun(run: InterruptedRun): void;
  publish(status: InterruptedRunStatus): void;
}

/**
 * Looks for a run this page left unfinished: offers it in `el` (or continues it at once), or says
 * which were discarded. True when there is one to continue (the page then does not autorun).
 */
export async function checkInterruptedRun(el: HTMLElement, options: CheckOptions): Promise<boolean> {
  const { run, discarded } = await findInterruptedRun(indexedDbJournalStore(), {
    appVersion: __APP_VERSION__,
    suiteVersion: (id) => SUITES.find((s) => s.id === id)?.version,
  });
  if (discarded.length) options.publish({ discardedRuns: discarded });
  if (!run) {
    showDiscarded(el, discarded);
    return false;
  }
  const { entry } = run;
  options.publish({
    interrupted: {
      startedAt: entry.startedAt,
      casesDone: entry.cases.length,
      casesPlanned: entry.plan.length,
      where: entry.current ? `${entry.current.kind} ${entry.current.index + 1}` : 'between steps',
    },
  });
  if (options.resumeNow) {
    options.continueRun(run);
    return true;
  }
  offerResume(el, run, {
    onContinue: () => options.continueRun(run),
    onDiscard: () => {
      options.publish({ interrupted: undefined });
      void run.discard();
    },
  });
  return true;
}
