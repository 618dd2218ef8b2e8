/**
 * Derives, at ingest, the device fields results are grouped by: browser and major version, OS,
 * mobile or not, device model when the client sent one, GPU vendor/architecture, emulated or real,
 * and one human-readable device group. Client hints win over the user-agent string (parsed with
 * ua-parser-js) because they are what the browser states about itself.
 */
import { createHash } from 'node:crypto';
import UAParser from 'ua-parser-js';
import type { DeviceFields } from '../src/schema/api.ts';
import { HOST_DEVICE, type Run } from '../src/schema/run.ts';

/** Browsers add made-up "GREASE" brands (e.g. "Not:A-Brand") to client hints. */
const GREASE = /not.?a.?brand/i;
/** "Chromium" is listed beside the real brand (Chrome, Edge, Opera…), so it is the fallback. */
const ENGINE_BRANDS = new Set(['Chromium']);

function fromBrands(
  brands: readonly { brand: string; version: string }[],
): { name: string; version: string } | undefined {
  const real = brands.filter((b) => !GREASE.test(b.brand));
  const named = real.find((b) => !ENGINE_BRANDS.has(b.brand)) ?? real[0];
  return named
    ? { name: named.brand.replace(/^Google /, ''), version: named.version.split('.')[0] ?? named.version }
    : undefined;
}

/** Parsed user agents by string: a server sees few distinct ones, and parsing is the slow part. */
const parsed = new Map<string, UAParser.IResult>();
const PARSED_MAX = 1000;

function parseUserAgent(userAgent: string): UAParser.IResult {
  let result = parsed.get(userAgent);
  if (!result) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    result = new UAParser(userAgent).getResult();
    parsed.set(userAgent, result);
  }
  return result;
}

const nonEmpty = (value: string | undefined | null): string | null => (value?.trim() ? value.trim() : null);

export function deriveDevice(run: Run): DeviceFields {
  const { env } = run;
  const ua = parseUserAgent(env.userAgent);
  const hinted = env.uaData ? fromBrands(env.uaData.brands) : undefined;
  const browser = hinted?.name ?? ua.browser.name ?? 'unknown';
  const browserVersion = hinted?.version ?? ua.browser.major ?? '?';
  const os = nonEmpty(env.uaData?.platform) ?? ua.os.name ?? 'unknown';
  const osVersion = nonEmpty(env.uaData?.platformVersion) ?? nonEmpty(ua.os.version);
  const mobile = env.uaData?.mobile ?? (ua.device.type === 'mobile' || ua.device.type === 'tablet');
  const deviceModel = nonEmpty(env.uaData?.model) ?? nonEmpty(ua.device.model);
  // Device emulation and host CPU quotas both make host timings: never grouped with real devices.
  const emulated = run.emulation !== undefined;
  const emulatedDevice = run.emulation && run.emulation.device !== HOST_DEVICE ? run.emulation.device : null;
  const gpuVendor = nonEmpty(env.gpu?.vendor);
  const gpuArchitecture = nonEmpty(env.gpu?.architecture);
  const kind = deviceModel ? `${deviceModel} · ${os}` : `${os} ${mobile ? 'phone/tablet' : 'desktop'}`;
  const gpu = [gpuVendor, gpuArchitecture].filter(Boolean).join(' ');
  const real = gpu && !deviceModel ? `${kind} · ${gpu}` : kind;
  const throttle = run.emulation?.cpuThrottle ? ` with CPU ÷${run.emulation.cpuThrottle}` : '';
  const deviceGroup = emulatedDevice
    ? `emulated ${emulatedDevice}${throttle}`
    : emulated
      ? `${real}${throttle} (host quota)`
      : real;
  return {
    browser,
    browserVersion,
    os,
    osVersion,
    mobile,
    deviceModel,
    gpuVendor,
    gpuArchitecture,
    gpuFallback: env.gpu?.isFallbackAdapter ?? null,
    emulated,
    emulatedDevice,
    deviceGroup,
  };
}

/**
 * A coarse device signature (user agent, cores, memory, GPU) used only to count distinct devices.
 * It is a hash of what the record already holds: no IP, no new identifier.
 */
export function deviceKey(run: Run): string {
  const { env } = run;
  const traits = [
    env.userAgent,
    env.hardwareConcurrency,
    env.deviceMemory ?? '',
    env.gpu?.description ?? '',
    env.webglRenderer ?? '',
  ];
  return createHash('sha256').update(traits.join('|')).digest('hex').slice(0, 16);
}
