/**
 * The injected crash (`?fault=crash:model/runtime/backend`): while that case runs — its worker
 * started, the journal says it is the case running — the page reloads itself, as when a phone
 * kills the tab for memory. The case never finishes in that page: the journal keeps it as the case
 * running, and the reloaded page offers to continue the run with it recorded `crashed`. A
 * continued run never runs that case again, so the crash fires once per run.
 */
import type { CaseSpec } from '../measure/protocol.ts';

export function crashInjected(spec: Pick<CaseSpec, 'fault'>): boolean {
  return spec.fault === 'crash';
}

/** Reloads the page; what was running never hears back (the returned promise never settles). */
export function crashThePage(): Promise<never> {
  location.reload();
  return new Promise<never>(() => {});
}
