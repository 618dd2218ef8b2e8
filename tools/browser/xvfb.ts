/**
 * A virtual X display for engines that need one (WebKitGTK always; Firefox for WebGL): reuses
 * `DISPLAY` when set, otherwise starts `Xvfb` on a free display number (`-displayfd` lets the
 * server pick and tell it) and stops it again on `close()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { findExecutable } from './executables.ts';
import { stopProcess } from './stop-process.ts';

export interface Display {
  /** The `DISPLAY` value, e.g. `:99`. */
  display: string;
  /** Whether this process started the server (and `close()` stops it). */
  started: boolean;
  close(): Promise<void>;
}

export const XVFB_MISSING =
  'no X display (DISPLAY is unset) and Xvfb is not installed: apt-get install -y xvfb';

/** Uses the display this process already has, or starts a private Xvfb. */
export async function ensureDisplay(env: NodeJS.ProcessEnv = process.env): Promise<Display> {
  if (env.DISPLAY) return { display: env.DISPLAY, started: false, close: async () => {} };
  const xvfb = findExecutable(['Xvfb'], env);
  if (!xvfb) throw new Error(XVFB_MISSING);
  const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await readDisplay(child);
  return {
    display: `:${display}`,
    started: true,
    close: () => stopProcess(child),
  };
}

function readDisplay(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error('Xvfb did not report a display within 10 s')), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      err = `${err}${chunk.toString()}`.slice(-2000);
    });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(\d+)\n/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (error) => fail(error));
    child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready: ${err.trim()}`)));
  });
}
