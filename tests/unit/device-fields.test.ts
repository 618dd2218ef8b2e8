import { describe, expect, it } from 'vitest';
import { deriveDevice, deviceKey } from '../../server/device.ts';
import { HOST_DEVICE, type Run } from '../../src/schema/run.ts';
import { makeRun } from '../support/records.ts';

function withEnv(env: Partial<Run['env']>, extra: Partial<Run> = {}): Run {
  const base = makeRun({}, 1);
  const { uaData: _drop, gpu: _gpu, ...rest } = base.env;
  return { ...base, ...extra, env: { ...rest, ...env } };
}

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

describe('deriveDevice', () => {
  it('prefers client hints: brand without GREASE or "Chromium", model with consent', () => {
    const run = withEnv({
      userAgent:
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: {
        brands: [
          { brand: 'Not:A-Brand', version: '8' },
          { brand: 'Chromium', version: '156' },
          { brand: 'Google Chrome', version: '156' },
        ],
        mobile: true,
        platform: 'Android',
        model: 'Pixel 8 Pro',
        platformVersion: '15.0.0',
      },
    });
    expect(deriveDevice(run)).toMatchObject({
      browser: 'Chrome',
      browserVersion: '156',
      os: 'Android',
      osVersion: '15.0.0',
      mobile: true,
      deviceModel: 'Pixel 8 Pro',
      emulated: false,
      deviceGroup: 'Pixel 8 Pro · Android',
    });
  });

  it('falls back to the user-agent string (Safari on iPhone)', () => {
    expect(deriveDevice(withEnv({ userAgent: IPHONE }))).toMatchObject({
      browser: 'Mobile Safari',
      browserVersion: '17',
      os: 'iOS',
      mobile: true,
      deviceModel: 'iPhone',
      deviceGroup: 'iPhone · iOS',
    });
  });

  it('names a desktop by OS and GPU when there is no model', () => {
    const run = withEnv({ userAgent: FIREFOX_LINUX, gpu: { vendor: 'nvidia', architecture: 'ampere' } });
    expect(deriveDevice(run)).toMatchObject({
      browser: 'Firefox',
      os: 'Linux',
      mobile: false,
      deviceModel: null,
      deviceGroup: 'Linux desktop · nvidia ampere',
    });
  });

  it('marks a software GPU adapter', () => {
    const run = withEnv({
      userAgent: HEADLESS,
      gpu: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
    });
    expect(deriveDevice(run)).toMatchObject({ gpuFallback: true, gpuArchitecture: 'swiftshader' });
  });

  it('puts emulated devices and host CPU quotas in groups of their own', () => {
    const emulated = deriveDevice(
      withEnv({ userAgent: HEADLESS }, { emulation: { device: 'Pixel 7', cpuThrottle: 4 } }),
    );
    expect(emulated).toMatchObject({
      emulated: true,
      emulatedDevice: 'Pixel 7',
      deviceGroup: 'emulated Pixel 7 with CPU ÷4',
    });
    const quota = deriveDevice(
      withEnv({ userAgent: HEADLESS }, { emulation: { device: HOST_DEVICE, cpuThrottle: 2 } }),
    );
    expect(quota).toMatchObject({
      emulated: true,
      emulatedDevice: null,
      deviceGroup: 'Linux desktop with CPU ÷2 (host quota)',
    });
  });
});

describe('deviceKey', () => {
  it('is the same for the same traits and differs when they differ, with no address in it', () => {
    const a = withEnv({ userAgent: HEADLESS, hardwareConcurrency: 2 });
    expect(deviceKey(a)).toBe(deviceKey({ ...a, id: crypto.randomUUID() }));
    expect(deviceKey(a)).not.toBe(deviceKey(withEnv({ userAgent: HEADLESS, hardwareConcurrency: 4 })));
    expect(deviceKey(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
