/**
 * Cross-origin isolation where the host cannot send COOP/COEP (GitHub Pages and other static
 * hosts): the static build ships `coi-serviceworker.js` (the `coi-serviceworker` package,
 * tools/vite/static-hosting.ts), which adds those headers to every response of this origin.
 * Before the page does anything else it registers that worker and reloads once, so a first visit
 * never starts a run (or an upload) that the reload would cut off. A page already isolated by its
 * headers does nothing; a reload that did not isolate is never repeated (no loops).
 */
export const COI_WORKER = 'coi-serviceworker.js';
const RELOADED_KEY = 'atlas.coi.reloaded';

export type Isolation =
  | { step: 'isolated'; by: 'headers' | 'service-worker' }
  | { step: 'reloading' }
  | { step: 'unavailable'; why: string };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Resolves once the registration has an active worker; rejects if it has none coming. */
function activated(registration: ServiceWorkerRegistration | undefined): Promise<void> {
  if (registration?.active) return Promise.resolve();
  const pending = registration?.installing ?? registration?.waiting;
  // Registered yet nothing installing (service workers blocked by policy): nothing will come.
  if (!pending) return Promise.reject(new Error('the browser installs no service worker here'));
  return new Promise((resolve, reject) => {
    pending.addEventListener('statechange', () => {
      if (pending.state === 'activated') resolve();
      else if (pending.state === 'redundant') reject(new Error('the service worker failed to install'));
    });
  });
}

function readFlag(): boolean {
  try {
    const set = sessionStorage.getItem(RELOADED_KEY) === '1';
    sessionStorage.removeItem(RELOADED_KEY);
    return set;
  } catch {
    return false;
  }
}

export async function isolate(
  base: string = import.meta.env.BASE_URL,
  timeoutMs = 5_000,
): Promise<Isolation> {
  const reloaded = readFlag();
  const sw = globalThis.navigator?.serviceWorker;
  if (self.crossOriginIsolated)
    return { step: 'isolated', by: sw?.controller ? 'service-worker' : 'headers' };
  if (!isSecureContext)
    return { step: 'unavailable', why: 'service workers need a secure context (HTTPS or localhost)' };
  // Secure, yet no service workers (e.g. some private windows).
  if (!sw) return { step: 'unavailable', why: 'this browser offers no service workers here' };
  if (reloaded)
    return {
      step: 'unavailable',
      why: 'the isolating service worker ran, but this browser did not isolate the page',
    };
  try {
    const registration = await withTimeout(
      sw.register(new URL(`${base}${COI_WORKER}`, location.href).href),
      timeoutMs,
      'registering',
    );
    await withTimeout(activated(registration), timeoutMs, 'starting');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { step: 'unavailable', why: `the isolating service worker did not start (${message})` };
  }
  try {
    sessionStorage.setItem(RELOADED_KEY, '1');
  } catch {
    return { step: 'unavailable', why: 'no session storage to guard the reload' };
  }
  location.reload();
  return { step: 'reloading' };
}
