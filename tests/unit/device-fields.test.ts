import { describe, expect, it } from 'vitest';
import { deriveDevice, deviceKey } from '../../server/device.ts';
import { platformOf } from '../../src/report/browser-identity.ts';
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

/** One Linux machine as each engine on it reports itself (Firefox and WebKit send no client hints). */
const SAME_MACHINE = {
  chromium: {
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
    uaData: {
      brands: [
        { brand: 'Not:A-Brand', version: '8' },
        { brand: 'Chromium', version: '156' },
      ],
      mobile: false,
      platform: 'Linux',
    },
    // What headless Chromium here reports: SwiftShader, flagged as the fallback adapter.
    gpu: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
  },
  firefox: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' },
  webkit: {
    userAgent:
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  },
} satisfies Record<string, Partial<Run['env']>>;

const IPHONE_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.156 Mobile/15E148 Safari/604.1';

describe('deriveDevice across engines', () => {
  it('names Firefox, WebKitGTK and Chromium on one machine and puts them in one device group', () => {
    const fields = Object.values(SAME_MACHINE).map((env) => deriveDevice(withEnv(env)));
    expect(fields.map((f) => [f.browser, f.browserVersion, f.engine, f.os, f.deviceGroup])).toEqual([
      ['Chromium', '156', 'Blink', 'Linux', 'Linux desktop'],
      ['Firefox', '153', 'Gecko', 'Linux', 'Linux desktop'],
      ['Safari', '60', 'WebKit', 'Linux', 'Linux desktop'],
    ]);
    // The software adapter is still recorded, only not used to name the device.
    expect(fields[0]).toMatchObject({ gpuArchitecture: 'swiftshader', gpuFallback: true });
  });

  it('keeps a real GPU in a desktop group', () => {
    const run = withEnv({ ...SAME_MACHINE.chromium, gpu: { vendor: 'nvidia', architecture: 'ampere' } });
    expect(deriveDevice(run).deviceGroup).toBe('Linux desktop · nvidia ampere');
  });

  it('calls every iPhone browser WebKit: Chrome there stays "Chrome" with engine WebKit', () => {
    expect(deriveDevice(withEnv({ userAgent: IPHONE }))).toMatchObject({
      browser: 'Mobile Safari',
      engine: 'WebKit',
      deviceGroup: 'iPhone · iOS',
    });
    expect(deriveDevice(withEnv({ userAgent: IPHONE_CHROME }))).toMatchObject({
      browser: 'Chrome',
      browserVersion: '138',
      engine: 'WebKit',
      os: 'iOS',
      deviceGroup: 'iPhone · iOS',
    });
  });

  it('puts Safari and Chrome on one Mac in one group, under the hints’ OS name "macOS"', () => {
    const safari = deriveDevice(
      withEnv({
        userAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
      }),
    );
    const chrome = deriveDevice(
      withEnv({
        userAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
        uaData: { brands: [{ brand: 'Google Chrome', version: '156' }], mobile: false, platform: 'macOS' },
      }),
    );
    expect([safari.os, safari.engine, safari.deviceGroup]).toEqual(['macOS', 'WebKit', 'Macintosh · macOS']);
    expect([chrome.os, chrome.engine, chrome.deviceGroup]).toEqual(['macOS', 'Blink', 'Macintosh · macOS']);
  });
});

describe('platformOf', () => {
  it('puts ua-parser-js OS names in the client hints’ words', () => {
    const names = [
      'Ubuntu',
      'Debian',
      'Fedora',
      'Linux',
      'Mac OS',
      'Chromium OS',
      'Windows',
      'iOS',
      'Android',
    ];
    expect(names.map(platformOf)).toEqual([
      'Linux',
      'Linux',
      'Linux',
      'Linux',
      'macOS',
      'Chrome OS',
      'Windows',
      'iOS',
      'Android',
    ]);
    expect(platformOf(undefined)).toBeUndefined();
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
