/**
 * Reference outputs of models whose library runs only in a browser (MediaPipe Tasks): the
 * production build's references.html computes them in a real Chromium (system browser, our own
 * page server), each model in a fresh module Worker through the same adapter as the case worker.
 * Called by `npm run references` (./references.ts) for those formats.
 */

import type { ReferenceBackend, RuntimeId } from '../../src/runtimes/index.ts';
import type { ModelEntry, ModelReference } from '../../src/suite/types.ts';
import { withBrowserSession } from '../bench/browser-session.ts';

export async function computeBrowserReferences(
  models: readonly ModelEntry[],
  reference: { runtime: RuntimeId } & Pick<ReferenceBackend, 'backend' | 'options'>,
  log: (line: string) => void = () => {},
): Promise<ModelReference[]> {
  if (models.length === 0) return [];
  return withBrowserSession({ log }, async ({ browser, baseUrl }) => {
    const page = await browser.newPage();
    const search = new URLSearchParams({
      model: models.map((m) => m.id).join(','),
      runtime: reference.runtime,
      backend: reference.backend,
      options: JSON.stringify(reference.options),
    });
    await page.goto(`${baseUrl}references.html?${search}`);
    await page.waitForFunction(() => window.atlasReferences?.state !== 'running', null, {
      timeout: 10 * 60_000,
      polling: 500,
    });
    const state = await page.evaluate(() => window.atlasReferences);
    if (state.state === 'failed') throw new Error(`references.html: ${state.error ?? 'failed'}`);
    return state.references;
  });
}
