import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS } from '../../server/headers.ts';
import { COI_WORKER } from '../../src/app/isolation.ts';
import { COI_SCRIPT, coiScript, headersFile } from '../../tools/vite/static-hosting.ts';

describe('what the build gives a static host', () => {
  it('emits the service worker under the name the page registers', () => {
    expect(COI_SCRIPT).toBe(COI_WORKER);
    const script = coiScript();
    // The worker half adds the isolation headers, require-corp unless told otherwise.
    expect(script).toContain('Cross-Origin-Embedder-Policy');
    expect(script).toMatch(/let coepCredentialless = false/);
  });

  it('writes the headers file in the Netlify / Cloudflare Pages format', () => {
    const text = headersFile([
      { path: '/*', headers: ISOLATION_HEADERS },
      { path: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
    ]);
    expect(text.split('\n')).toEqual([
      '/*',
      '  Cross-Origin-Opener-Policy: same-origin',
      '  Cross-Origin-Embedder-Policy: require-corp',
      '  Cross-Origin-Resource-Policy: same-origin',
      '/assets/*',
      '  Cache-Control: public, max-age=31536000, immutable',
      '',
    ]);
  });
});
