/**
 * Finds the programs the non-Chromium engines need — Firefox, WebKitWebDriver, MiniBrowser, Xvfb —
 * from an environment variable, `PATH` or known install paths, and names the Debian package to
 * install when one is missing. Never downloads anything.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found on `PATH` (or an absolute path among them that exists). */
export function findExecutable(
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    if (name.startsWith('/')) {
      if (isExecutable(name)) return name;
      continue;
    }
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

export interface Program {
  /** What the engine needs it for, in the missing-program message. */
  what: string;
  /** Variable that names the program explicitly. */
  envVar: string;
  names: readonly string[];
  install: string;
}

export const FIREFOX: Program = {
  what: 'Firefox',
  envVar: 'FIREFOX_PATH',
  names: [
    'firefox-esr',
    'firefox',
    '/usr/lib/firefox-esr/firefox-esr',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
  install: 'apt-get install -y firefox-esr',
};

export const WEBKIT_DRIVER: Program = {
  what: 'WebKitWebDriver (WebKitGTK)',
  envVar: 'WEBKIT_WEBDRIVER_PATH',
  names: ['WebKitWebDriver', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver'],
  install: 'apt-get install -y webkit2gtk-driver',
};

export const MINIBROWSER: Program = {
  what: "WebKitGTK's MiniBrowser",
  envVar: 'WEBKIT_MINIBROWSER_PATH',
  names: [
    '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
    'MiniBrowser',
  ],
  install: 'apt-get install -y webkit2gtk-driver',
};

/**
 * The program's path: its variable when set (an error when that path is not executable: the
 * user asked for that one), else the first known name found. Throws one line naming the package.
 */
export function requireProgram(program: Program, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[program.envVar];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${program.envVar}=${fromEnv} is not an executable file`);
  }
  const found = findExecutable(program.names, env);
  if (!found)
    throw new Error(`${program.what} is not installed: ${program.install} (or set ${program.envVar})`);
  return found;
}
