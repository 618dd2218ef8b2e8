/**
 * What a static host needs next to the built page (`npm run build`):
 * - `_headers` — the server's page headers (cross-origin isolation, CSP, nosniff) and caching
 *   rules, in the format Netlify and Cloudflare Pages read, written from server/headers.ts so the
 *   two never drift apart;
 * - `coi-serviceworker.js` — for hosts that cannot set headers (GitHub Pages): the service worker
 *   of the `coi-serviceworker` package (MIT). Where the headers do not isolate the page, the page
 *   registers it and reloads once (src/app/isolation.ts); from then on it adds COOP/COEP to every
 *   response of this origin, so WASM threads and SharedArrayBuffer work there too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** The page registers it under this name (`COI_WORKER` in src/app/isolation.ts; a test keeps them equal). */
export const COI_SCRIPT = 'coi-serviceworker.js';

/**
 * The package's file as published. Only its service-worker half runs here: the page registers it
 * itself (src/app/isolation.ts), and the worker's default is `require-corp` (every resource of the
 * page is same-origin or CORS), which Safari honours too — unlike `credentialless`.
 */
export function coiScript(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('coi-serviceworker/coi-serviceworker.js'), 'utf8');
}

export interface HeaderRule {
  path: string;
  headers: Readonly<Record<string, string>>;
}

/** The `_headers` file: one block per path pattern, each header on an indented line. */
export function headersFile(rules: readonly HeaderRule[]): string {
  return rules
    .map(({ path, headers }) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n')
    .concat('\n');
}

export function staticHosting(pageHeaders: Readonly<Record<string, string>>): Plugin {
  let base = '/';
  return {
    name: 'atlas-static-hosting',
    apply: 'build',
    configResolved(config) {
      // A relative base ('./') cannot name paths in `_headers`: those rules then cover the root.
      base = config.base.startsWith('/') ? config.base : '/';
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: COI_SCRIPT, source: coiScript() });
      this.emitFile({
        type: 'asset',
        fileName: '_headers',
        source: headersFile([
          { path: `${base}*`, headers: pageHeaders },
          // Hashed build output never changes under its name.
          { path: `${base}assets/*`, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
          // Model files keep their names across package versions: always revalidated.
          { path: `${base}models/*`, headers: { 'Cache-Control': 'no-cache' } },
          // The service worker must be re-checked for updates on every visit.
          { path: `${base}${COI_SCRIPT}`, headers: { 'Cache-Control': 'no-cache' } },
        ]),
      });
    },
  };
}
