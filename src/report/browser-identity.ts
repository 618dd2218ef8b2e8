/**
 * Who the browser is — name, major version, engine, OS and its version, mobile, device model —
 * from client hints where the browser sends them (Chromium-based browsers) and the user-agent
 * string otherwise (Firefox, Safari and every iOS browser send none), parsed with ua-parser-js.
 * What comes from the string is put in the hints' words, so Firefox or Safari on a device name
 * it as Chrome on it does. Shared by the page's device card and the server's device fields.
 */
import UAParser from 'ua-parser-js';
import type { Env } from '../schema/run.ts';

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
export function engineOf(env: Pick<Env, 'userAgent' | 'uaData'>): string {
  if (env.uaData) return 'Blink';
  return parseUserAgent(env.userAgent).engine.name ?? 'unknown';
}

export interface BrowserIdentity {
  browser: string;
  browserVersion: string;
  engine: string;
  os: string;
  osVersion: string | null;
  mobile: boolean;
  deviceModel: string | null;
}

export function identifyBrowser(env: Pick<Env, 'userAgent' | 'uaData'>): BrowserIdentity {
  const ua = parseUserAgent(env.userAgent);
  const hinted = env.uaData ? fromBrands(env.uaData.brands) : undefined;
  return {
    browser: hinted?.name ?? ua.browser.name ?? 'unknown',
    browserVersion: hinted?.version ?? ua.browser.major ?? '?',
    engine: engineOf(env),
    os: nonEmpty(env.uaData?.platform) ?? platformOf(ua.os.name) ?? 'unknown',
    osVersion: nonEmpty(env.uaData?.platformVersion) ?? nonEmpty(ua.os.version),
    mobile: env.uaData?.mobile ?? (ua.device.type === 'mobile' || ua.device.type === 'tablet'),
    deviceModel: nonEmpty(env.uaData?.model) ?? nonEmpty(ua.device.model),
  };
}
