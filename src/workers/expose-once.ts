/**
 * `Comlink.expose` for a worker entry, at most once per worker: WebKit evaluates a module worker's
 * entry a second time when a lazily loaded chunk imports from it, and a second `expose` would
 * answer every later call twice (a scenario session would run each inference twice at once).
 */
import * as Comlink from 'comlink';

const EXPOSED = Symbol.for('webml-atlas/worker-exposed');

export function exposeOnce(
  api: object,
  endpoint: Comlink.Endpoint = globalThis as unknown as Comlink.Endpoint,
): boolean {
  const holder = endpoint as { [EXPOSED]?: true };
  if (holder[EXPOSED]) return false;
  holder[EXPOSED] = true;
  Comlink.expose(api, endpoint);
  return true;
}
