/**
 * Derives, at ingest, the device fields results are grouped by: browser and major version, OS,
 * mobile or not, device model when the client sent one, GPU vendor/architecture, emulated or real,
 * the browser engine, and one human-readable device group. Client hints win over the user-agent
 * string (parsed with ua-parser-js) because they are what the browser states about itself; what
 * comes from the string is put in the hints' words, so that Firefox or Safari on a device lands
 * in the same device group as Chrome on it.
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

/** ua-parser-js names Linux distributions (WebKitGTK says "X11; Ubuntu; Linux"); hints say "Linux". */
const LINUX =
  /^(linux|[kxl]?ubuntu|debian|(open)?suse|gentoo|arch|slackware|fedora|mandriva|centos|pclinuxos|red ?hat|zenwalk|linpus|raspbian|deepin|manjaro|elementary os|sabayon|linspire|mint|mageia|vectorlinux)$/i;

/** An OS name from the user-agent string in the words of `navigator.userAgentData.platform`. */
export function platformOf(uaOs: string | undefined): string | undefined {
  if (uaOs === undefined) return undefined;
  if (LINUX.test(uaOs)) return 'Linux';
  if (uaOs === 'Mac OS') return 'macOS';
  if (uaOs === 'Chromium OS') return 'Chrome OS';
  return uaOs;
}

/**
 * The browser engine: "Blink" when the browser sent client hints (only Chromium-based browsers
 * do), otherwise what the user-agent string says ("Gecko", "WebKit" — every browser on iOS,
 * Chrome's CriOS included — "Blink"), or "unknown".
 */
export function engineOf(env: Pick<Run['env'], 'userAgent' | 'uaData'>): string {
  if (env.uaData) return 'Blink';
  return parseUserAgent(env.userAgent).engine.name ?? 'unknown';
}

export function deriveDevice(run: Run): DeviceFields {
  const { env } = run;
  const ua = parseUserAgent(env.userAgent);
  const hinted = env.uaData ? fromBrands(env.uaData.brands) : undefined;
  const browser = hinted?.name ?? ua.browser.name ?? 'unknown';
  const browserVersion = hinted?.version ?? ua.browser.major ?? '?';
  const os = nonEmpty(env.uaData?.platform) ?? platformOf(ua.os.name) ?? 'unknown';
  const osVersion = nonEmpty(env.uaData?.platformVersion) ?? nonEmpty(ua.os.version);
  const mobile = env.uaData?.mobile ?? (ua.device.type === 'mobile' || ua.device.type === 'tablet');
  const deviceModel = nonEmpty(env.uaData?.model) ?? nonEmpty(ua.device.model);
  // Device emulation and host CPU quotas both make host timings: never grouped with real devices.
  const emulated = run.emulation !== undefined;
  const emulatedDevice = run.emulation && run.emulation.device !== HOST_DEVICE ? run.emulation.device : null;
  const gpuVendor = nonEmpty(env.gpu?.vendor);
  const gpuArchitecture = nonEmpty(env.gpu?.architecture);
  const kind = deviceModel ? `${deviceModel} · ${os}` : `${os} ${mobile ? 'phone/tablet' : 'desktop'}`;
  // A software fallback adapter (SwiftShader) is the browser's, not the device's: left out of
  // the group, so browsers without WebGPU on the same device share it.
  const software = env.gpu?.isFallbackAdapter === true || /swiftshader/i.test(gpuArchitecture ?? '');
  const gpu = software ? '' : [gpuVendor, gpuArchitecture].filter(Boolean).join(' ');
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
    engine: engineOf(env),
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
