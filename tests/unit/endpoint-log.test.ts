/** endpointForLog: remote endpoints are named in logs without the credentials device clouds put in them. */
import { describe, expect, it } from 'vitest';
import { endpointForLog } from '../../tools/bench/engines/endpoint.ts';

describe('endpointForLog', () => {
  it('masks the password of a WebDriver hub URL, keeping user, host and path', () => {
    expect(endpointForLog('https://alice:s3cr3t-key@hub-cloud.browserstack.com/wd/hub')).toBe(
      'https://alice:***@hub-cloud.browserstack.com/wd/hub',
    );
  });

  it('masks every query value of a Playwright cloud endpoint, keeping the names', () => {
    const caps = encodeURIComponent(JSON.stringify({ browser: 'chrome', 'browserstack.accessKey': 'K3Y' }));
    const shown = endpointForLog(`wss://cdp.browserstack.com/playwright?caps=${caps}&x=1&x=2`);
    expect(shown).toBe('wss://cdp.browserstack.com/playwright?caps=***&x=***');
    expect(shown).not.toContain('K3Y');
  });

  it('leaves an endpoint without secrets as it is', () => {
    expect(endpointForLog('ws://127.0.0.1:41234/5d0c7e0b3f')).toBe('ws://127.0.0.1:41234/5d0c7e0b3f');
    expect(endpointForLog('http://127.0.0.1:4444/')).toBe('http://127.0.0.1:4444/');
  });

  it('returns text that is not a URL unchanged', () => {
    expect(endpointForLog('not a url')).toBe('not a url');
  });
});
