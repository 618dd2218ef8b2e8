/**
 * Finds a Chromium to drive: `CHROMIUM_PATH`, then Playwright's own browsers, then the usual
 * system paths. Never downloads anything; `describeMissingChromium()` says what to install.
 */
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'playwright' | 'system';
}

export const SYSTEM_CHROMIUM_PATHS: readonly string[] = Object.freeze([
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export interface FinderSources {
  env: NodeJS.ProcessEnv;
  playwrightPath: () => string | undefined;
  candidates: readonly string[];
  isExecutable: (path: string) => boolean;
}

const defaultSources: FinderSources = {
  env: process.env,
  playwrightPath: playwrightChromium,
  candidates: SYSTEM_CHROMIUM_PATHS,
  isExecutable,
};

/**
 * Returns the first usable Chromium, or `undefined`. A `CHROMIUM_PATH` that is set but not
 * executable is an error (the user asked for that one), not a reason to look elsewhere.
 */
export function findChromium(sources: Partial<FinderSources> = {}): FoundChromium | undefined {
  const s = { ...defaultSources, ...sources };
  const fromEnv = s.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!s.isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const own = s.playwrightPath();
  if (own && s.isExecutable(own)) return { path: own, source: 'playwright' };
  const system = s.candidates.find((p) => s.isExecutable(p));
  return system ? { path: system, source: 'system' } : undefined;
}

export function describeMissingChromium(): string {
  return 'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH=/path/to/chrome.';
}

/** Flags every automated launch uses: quiet networking, WebGPU enabled on Linux, prompt memory measurement. */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  // performance.measureUserAgentSpecificMemory() answers at once instead of after the next GC
  // (~20 s), so the bench and tests can ask it after every case (src/app/page-memory.ts).
  '--enable-blink-features=ForceEagerMeasureMemory',
]);
