/**
 * The page's Content-Security-Policy in a real Chromium: the page loads without a violation, and
 * the watcher the library specs use to say "no violation" does see one when a policy refuses.
 */
import { expect, test } from '@playwright/test';
import { watchCsp } from './helpers.ts';

test('the page and dashboard load under the policy; an inline script is refused and reported', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Ready: the probe ran (workers, WebGL, WebGPU, WASM features) under the policy.
  await page.waitForFunction(() => window.atlas?.state === 'ready', null, { timeout: 60_000 });
  await page.goto('/dashboard');
  await page.waitForLoadState('networkidle');
  expect(csp.violations).toEqual([]);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => csp.violations.length).toBeGreaterThan(0);
  expect(
    await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
  ).toBeUndefined();
});
