/**
 * Finding the programs Firefox and WebKit need (tools/browser/executables.ts) on real files in a
 * temporary folder, and the capabilities that start WebKitGTK's MiniBrowser with Safari's switches.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAFARI_FEATURES, webkitCapabilities } from '../../tools/bench/engines/webkit.ts';
import {
  FIREFOX,
  findExecutable,
  MINIBROWSER,
  type Program,
  requireProgram,
  WEBKIT_DRIVER,
} from '../../tools/browser/executables.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-executables-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A new folder holding `files` (name → executable or not). */
function folder(files: Record<string, boolean> = {}): string {
  const dir = join(root, `d${folders++}`);
  mkdirSync(dir);
  for (const [name, executable] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, executable ? 0o755 : 0o644);
  }
  return dir;
}

/** The program as looked up on `PATH` only (its absolute install paths dropped). */
const onPathOnly = (program: Program): Program => ({
  ...program,
  names: program.names.filter((name) => !name.startsWith('/')),
});

describe('requireProgram', () => {
  it.each([
    ['missing', () => join(root, 'no-such-firefox')],
    ['not executable', () => join(folder({ firefox: false }), 'firefox')],
  ])('refuses a FIREFOX_PATH that is %s, naming the variable and the path', (_kind, path) => {
    const given = path();
    const env = { FIREFOX_PATH: given, PATH: folder({ 'firefox-esr': true }) };
    expect(() => requireProgram(FIREFOX, env)).toThrow(`FIREFOX_PATH=${given} is not an executable file`);
  });

  it('uses the variable when it names an executable, ahead of PATH', () => {
    const mine = join(folder({ 'my-driver': true }), 'my-driver');
    const env = { WEBKIT_WEBDRIVER_PATH: mine, PATH: folder({ WebKitWebDriver: true }) };
    expect(requireProgram(WEBKIT_DRIVER, env)).toBe(mine);
  });

  it('ignores an empty variable', () => {
    const dir = folder({ WebKitWebDriver: true });
    expect(requireProgram(WEBKIT_DRIVER, { WEBKIT_WEBDRIVER_PATH: '', PATH: dir })).toBe(
      join(dir, 'WebKitWebDriver'),
    );
  });

  it.each([
    [FIREFOX, 'apt-get install -y firefox-esr'],
    [WEBKIT_DRIVER, 'apt-get install -y webkit2gtk-driver'],
    [MINIBROWSER, 'apt-get install -y webkit2gtk-driver'],
  ])('says which Debian package to install when $what is missing', (program, install) => {
    const empty = folder();
    let message = '';
    try {
      requireProgram(onPathOnly(program), { PATH: empty });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toBe(`${program.what} is not installed: ${install} (or set ${program.envVar})`);
    expect(message).not.toContain('\n');
  });

  it('finds the program on a PATH, skipping a non-executable file of that name in an earlier folder', () => {
    const shadow = folder({ 'firefox-esr': false });
    const real = folder({ 'firefox-esr': true });
    const env = { PATH: [folder(), shadow, real].join(delimiter) };
    expect(requireProgram(FIREFOX, env)).toBe(join(real, 'firefox-esr'));
  });

  it('prefers an earlier name of the list over a later one, wherever they are on PATH', () => {
    const first = folder({ firefox: true });
    const second = folder({ 'firefox-esr': true });
    expect(requireProgram(FIREFOX, { PATH: [first, second].join(delimiter) })).toBe(
      join(second, 'firefox-esr'),
    );
  });
});

describe('findExecutable', () => {
  it('takes an absolute name as it is, only when it is executable', () => {
    const dir = folder({ yes: true, no: false });
    expect(findExecutable([join(dir, 'no'), join(dir, 'yes')], { PATH: '' })).toBe(join(dir, 'yes'));
    expect(findExecutable([join(dir, 'no')], { PATH: dir })).toBeUndefined();
  });

  it('finds nothing when PATH is unset', () => {
    expect(findExecutable(['sh'], {})).toBeUndefined();
  });
});

describe('webkitCapabilities', () => {
  it("starts MiniBrowser under automation with Safari's WebGL-in-workers switch", () => {
    const binary = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
    expect(webkitCapabilities(binary, SAFARI_FEATURES)).toEqual({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary, args: ['--automation', '--features=+AllowWebGLInWorkers'] },
    });
  });

  it('joins several switches with commas (MiniBrowser --features syntax) and omits an empty list', () => {
    expect(webkitCapabilities('/mb', ['+AllowWebGLInWorkers', '-WebGPU'])).toMatchObject({
      'webkitgtk:browserOptions': { args: ['--automation', '--features=+AllowWebGLInWorkers,-WebGPU'] },
    });
    expect(webkitCapabilities('/mb', [])).toMatchObject({
      'webkitgtk:browserOptions': { args: ['--automation'] },
    });
  });

  it('keeps the switches Safari ships on frozen', () => {
    expect(Object.isFrozen(SAFARI_FEATURES)).toBe(true);
    expect(SAFARI_FEATURES).toContain('+AllowWebGLInWorkers');
  });
});
