/**
 * The scenario modules keep the layers apart through every import the bundler follows, not only
 * the direct ones Biome checks: the server and the dashboard reach the scenario registry and its
 * figures but no scenario runner, no page or worker code and no worker messaging (Comlink), and
 * the server and the CLI no plotting library (a chart spec is data); the benchmark page reaches
 * every runner and nothing of the server.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/index.ts';
import { reach } from '../support/import-graph.ts';

const RUNNER = /^src\/scenarios\/[^/]+\/runner\.ts$/;
const PAGE_OR_WORKER = /^(src\/app\/|workers\/)/;

describe('scenario imports', () => {
  it.each(['server/main.ts', 'src/dashboard/main.ts', 'src/dashboard/run-page.ts', 'tools/bench/main.ts'])(
    '%s reaches the registry but no runner, page or worker code',
    (entry) => {
      const { modules, packages } = reach(entry);
      if (!entry.includes('run-page')) expect(modules).toContain('src/scenarios/index.ts');
      expect([...modules].filter((m) => RUNNER.test(m) || PAGE_OR_WORKER.test(m))).toEqual([]);
      expect(packages).not.toContain('comlink');
      if (!entry.startsWith('src/'))
        expect([...packages].filter((p) => p.startsWith('@observablehq/'))).toEqual([]);
    },
  );

  it('the server reaches each cross-run figure through the registry', () => {
    const { modules } = reach('server/main.ts');
    for (const id of ['split', 'dynamic', 'interference'])
      expect(modules).toContain(`src/scenarios/${id}/figures.ts`);
  });

  it('the benchmark page reaches every scenario runner and none of the server', () => {
    const { modules } = reach('src/app/main.ts');
    for (const { id } of SCENARIOS) expect(modules).toContain(`src/scenarios/${id}/runner.ts`);
    expect([...modules].filter((m) => m.startsWith('server/'))).toEqual([]);
  });
});
