/**
 * Pre-flight of `npm test`'s browser tests: makes sure a Chromium can be driven. Finds one (see
 * chromium.ts); if none, tries Playwright's own installer once; if that fails too, prints one line
 * saying what to install and exits non-zero — never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { describeMissingChromium, findChromium } from './chromium.ts';

function main(): number {
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
