/**
 * Pre-flight of `npm test`'s browser tests: makes sure a Chromium can be driven (finds one, see
 * chromium.ts; if none, tries Playwright's own installer once) and that the other engines' programs
 * exist (Firefox ESR, WebKitWebDriver and MiniBrowser, Xvfb or a display). When something is
 * missing it prints one line saying what to install and exits non-zero — never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { describeMissingChromium, findChromium } from './chromium.ts';
import { FIREFOX, findExecutable, MINIBROWSER, requireProgram, WEBKIT_DRIVER } from './executables.ts';
import { XVFB_MISSING } from './xvfb.ts';

/** The Firefox and WebKit tests' programs: paths found, or the one-line reasons they are missing. */
function otherEngines(): { found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  for (const program of [FIREFOX, WEBKIT_DRIVER, MINIBROWSER]) {
    try {
      found.push(requireProgram(program));
    } catch (error) {
      missing.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (!process.env.DISPLAY && !findExecutable(['Xvfb'])) missing.push(XVFB_MISSING);
  return { found, missing };
}

function main(): number {
  const engines = otherEngines();
  if (engines.missing.length) {
    for (const line of engines.missing) console.error(line);
    console.error('the browser tests run a subset in Firefox and WebKit too (tests/e2e/engines.spec.ts)');
    return 1;
  }
  console.log(`Firefox and WebKit tests use ${engines.found.join(', ')}`);
  try {
    const found = findChromium();
    if (found) {
      console.log(`browser tests use ${found.path} (${found.source})`);
      return 0;
    }
    console.log('no Chromium found; trying `npx playwright install chromium`…');
    const install = spawnSync('npx', ['playwright', 'install', 'chromium'], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    const after = install.status === 0 ? findChromium() : undefined;
    if (after) {
      console.log(`browser tests use ${after.path} (${after.source})`);
      return 0;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  console.error(describeMissingChromium());
  return 1;
}

process.exit(main());
