/**
 * ensureDisplay (tools/browser/xvfb.ts): an existing DISPLAY is reused and nothing is started; with
 * none, a real Xvfb is started on a free display and stopped again by close(). The Xvfb cases run
 * where Xvfb is installed (CI installs it) and are skipped, saying why, where it is not.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../tools/browser/executables.ts';
import { ensureDisplay, XVFB_MISSING } from '../../tools/browser/xvfb.ts';

const xvfb = findExecutable(['Xvfb']);
const empty = mkdtempSync(join(tmpdir(), 'atlas-no-xvfb-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/**
 * Pids of this process's children running Xvfb (from /proc: `-displayfd` writes no lock file
 * naming the pid). `comm` is the second field of /proc/PID/stat, the parent pid the fourth.
 */
function xvfbChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match?.[1] === 'Xvfb' && Number(match[2]) === process.pid) pids.push(Number(entry));
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ensureDisplay', () => {
  it('reuses DISPLAY when set, starting nothing (no Xvfb on PATH is needed)', async () => {
    const before = xvfbChildren();
    const display = await ensureDisplay({ DISPLAY: ':42', PATH: empty });
    expect(display).toMatchObject({ display: ':42', started: false });
    expect(xvfbChildren()).toEqual(before);
    await display.close();
  });

  it('says how to install Xvfb when there is no display and no Xvfb', async () => {
    await expect(ensureDisplay({ PATH: empty })).rejects.toThrow(XVFB_MISSING);
    expect(XVFB_MISSING).toContain('apt-get install -y xvfb');
  });

  it.skipIf(!xvfb)('starts Xvfb on a free display when DISPLAY is unset, and close() stops it', async () => {
    const before = xvfbChildren();
    const display = await ensureDisplay({ PATH: process.env.PATH });
    let started: number[] = [];
    const socket = `/tmp/.X11-unix/X${display.display.slice(1)}`;
    try {
      expect(display.started).toBe(true);
      expect(display.display).toMatch(/^:\d+$/);
      expect(existsSync(socket), `${socket} (the display's socket)`).toBe(true);
      started = xvfbChildren().filter((pid) => !before.includes(pid));
      expect(started).toHaveLength(1);
    } finally {
      await display.close();
    }
    for (const pid of started) expect(alive(pid), `Xvfb ${pid} still running`).toBe(false);
    expect(xvfbChildren()).toEqual(before);
    expect(existsSync(socket)).toBe(false);
  });

  it.skipIf(!xvfb)('gives two callers two displays', async () => {
    const [a, b] = await Promise.all([
      ensureDisplay({ PATH: process.env.PATH }),
      ensureDisplay({ PATH: process.env.PATH }),
    ]);
    try {
      expect(a.display).not.toBe(b.display);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
