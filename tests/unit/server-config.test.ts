/**
 * TRUST_PROXY as the server reads it: off unless set, a hop count or a list of proxy addresses,
 * and a value that is none of these stops the start with a message naming it.
 */
import { describe, expect, it } from 'vitest';
import { configFromEnv, parseTrustProxy } from '../../server/config.ts';

describe('TRUST_PROXY', () => {
  it('is off when unset, empty, false or 0', () => {
    expect(configFromEnv({}).trustProxy).toBe(false);
    for (const value of ['', 'false', '0', ' '] as const) expect(parseTrustProxy(value)).toBe(false);
  });

  it('takes a hop count, true, or a comma list of addresses, CIDRs and range names', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('true')).toBe(true);
    expect(configFromEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(parseTrustProxy('192.168.0.0/255.255.0.0')).toEqual(['192.168.0.0/255.255.0.0']);
  });

  it('refuses anything else, naming the bad entries', () => {
    for (const bad of [
      'yes',
      '10.0.0.0/33',
      '127.0.0.1,proxy.example',
      '1.5',
      '-1',
      '10.0.0.1/8/8',
      '::1/129',
    ]) {
      expect(() => parseTrustProxy(bad)).toThrow(/TRUST_PROXY must be/);
    }
    expect(() => configFromEnv({ TRUST_PROXY: '127.0.0.1,proxy.example' })).toThrow('"proxy.example"');
  });
});
