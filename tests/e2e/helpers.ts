/** Shared steps of the browser tests: wait for a run to finish and read its record. */
import { expect, type Page } from '@playwright/test';
import { type Run, validateRun } from '../../src/schema/run.ts';

export async function waitForRun(page: Page, timeoutMs: number): Promise<Run> {
  await page.waitForFunction(() => window.atlas?.state === 'done' || window.atlas?.state === 'failed', null, {
    timeout: timeoutMs,
    polling: 500,
  });
  expect(await page.evaluate(() => window.atlas.error ?? null)).toBeNull();
  const checked = validateRun(await page.evaluate(() => window.atlas.record));
  if (!checked.ok) throw new Error(`invalid record: ${JSON.stringify(checked.issues)}`);
  return checked.run;
}

/**
 * Watches the page's requests: every one to another origin (`foreign`), and the paths of our own
 * origin's requests that match `libraryFiles` (a library's glue and `.wasm`).
 */
export function watchRequests(
  page: Page,
  baseURL: string | undefined,
  libraryFiles: RegExp,
): { foreign: string[]; libraryFiles: string[] } {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').host;
  const seen = { foreign: [] as string[], libraryFiles: [] as string[] };
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== origin) {
      seen.foreign.push(request.url());
    } else if (libraryFiles.test(url.pathname)) {
      seen.libraryFiles.push(url.pathname);
    }
  });
  return seen;
}

/**
 * Collects Content-Security-Policy violations: the page's `securitypolicyviolation` events and
 * any console line about the policy (how the browser reports a refusal inside a worker).
 */
export async function watchCsp(page: Page): Promise<{ violations: string[] }> {
  const seen = { violations: [] as string[] };
  await page.exposeFunction('__atlasCspViolation', (text: string) => {
    seen.violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __atlasCspViolation(text: string): void }).__atlasCspViolation;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) seen.violations.push(message.text());
  });
  return seen;
}
