import { describe, expect, it } from 'vitest';
import { describeMissingChromium, type FinderSources, findChromium } from '../../tools/browser/chromium.ts';

const PLAYWRIGHT = '/home/u/.cache/ms-playwright/chromium-1234/chrome-linux/chrome';
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Sources where exactly the paths in `executables` are executable; records every probe. */
function sources(opts: { env?: NodeJS.ProcessEnv; playwright?: string; executables?: string[] }) {
  const probed: string[] = [];
  const executables = new Set(opts.executables ?? []);
  const s: FinderSources = {
    env: opts.env ?? {},
    playwrightPath: () => opts.playwright,
    candidates: CANDIDATES,
    isExecutable: (path) => {
      probed.push(path);
      return executables.has(path);
    },
  };
  return { s, probed };
}

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH when it is executable, over Playwright and the system', () => {
    const { s } = sources({
      env: { CHROMIUM_PATH: '/opt/my/chrome' },
      playwright: PLAYWRIGHT,
      executables: ['/opt/my/chrome', PLAYWRIGHT, ...CANDIDATES],
    });
    expect(findChromium(s)).toEqual({ path: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
  });

  it('throws naming the path when CHROMIUM_PATH is set but not executable (no fallback)', () => {
    const { s } = sources({
      env: { CHROMIUM_PATH: '/opt/missing/chrome' },
      playwright: PLAYWRIGHT,
      executables: [PLAYWRIGHT, ...CANDIDATES],
    });
    expect(() => findChromium(s)).toThrow('/opt/missing/chrome');
    expect(() => findChromium(s)).toThrow(/CHROMIUM_PATH/);
  });

  it('ignores an empty CHROMIUM_PATH', () => {
    const { s } = sources({ env: { CHROMIUM_PATH: '' }, playwright: PLAYWRIGHT, executables: [PLAYWRIGHT] });
    expect(findChromium(s)).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
  });

  it("uses Playwright's own browser next, before system candidates", () => {
    const { s } = sources({ playwright: PLAYWRIGHT, executables: [PLAYWRIGHT, ...CANDIDATES] });
    expect(findChromium(s)).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
  });

  it("skips Playwright's browser when it is not installed (path reported but not executable)", () => {
    const { s } = sources({ playwright: PLAYWRIGHT, executables: ['/usr/bin/google-chrome'] });
    expect(findChromium(s)).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
  });

  it('takes the first executable system candidate in order', () => {
    const { s, probed } = sources({ executables: ['/usr/bin/chromium-browser', '/usr/bin/google-chrome'] });
    expect(findChromium(s)).toEqual({ path: '/usr/bin/chromium-browser', source: 'system' });
    expect(probed).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
  });

  it('returns undefined when nothing is found', () => {
    const { s, probed } = sources({ playwright: PLAYWRIGHT });
    expect(findChromium(s)).toBeUndefined();
    expect(probed).toEqual([PLAYWRIGHT, ...CANDIDATES]);
  });

  it('returns undefined when Playwright has no path and there are no candidates', () => {
    const { s } = sources({});
    expect(findChromium({ ...s, candidates: [] })).toBeUndefined();
  });
});

describe('describeMissingChromium', () => {
  it('is one line naming apt-get install chromium and CHROMIUM_PATH', () => {
    const message = describeMissingChromium();
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toContain('apt-get install');
    expect(message).toMatch(/apt-get install (-y )?chromium/);
    expect(message).toContain('CHROMIUM_PATH');
  });
});
