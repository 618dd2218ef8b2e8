/**
 * Proves the import-direction rules of biome.json really reject a backwards import.
 *
 * `biome lint --stdin-file-path` cannot be used: in Biome 2.6.8 it prints no lint diagnostics
 * and exits 1 for any input ("The contents aren't fixed"), so it cannot tell a good import from a
 * bad one. Instead each fixture is written to its layer's folder in a temporary copy of the
 * project root holding a byte-for-byte copy of the repository's biome.json (the override globs
 * are relative to it), and Biome lints them all in one run, reporting one line per diagnostic
 * (`--reporter=github`). `--vcs-enabled=false` only because the temp folder is not a git
 * checkout. Nothing is written inside the repository.
 *
 * Each rule is shown to bite with one backwards import per layer, and each layer's ordinary
 * forward imports are shown to pass, so a rule that forbids too much fails here too.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const biome = join(repoRoot, 'node_modules', '.bin', 'biome');

/** A fixture: a file at `path` (relative to the project root) importing `specifier`. */
interface Probe {
  path: string;
  specifier: string;
}
/** A backwards import, and the words of the rule's message that must name the reason. */
interface Rejected extends Probe {
  because: string;
}

const REJECTED: Record<string, Rejected> = {
  'src/schema importing anything of ours': {
    path: 'src/schema/imports-suite.ts',
    specifier: '../suite/types.ts',
    because: 'src/schema is the bottom layer',
  },
  'src/suite importing a runtime': {
    path: 'src/suite/imports-runtime.ts',
    specifier: '../runtimes/ort.ts',
    because: 'src/suite is data',
  },
  'src/measure importing the app': {
    path: 'src/measure/imports-app.ts',
    specifier: '../app/main.ts',
    because: 'src/measure owns the protocol',
  },
  'src/measure importing TensorFlow.js': {
    path: 'src/measure/imports-tfjs.ts',
    specifier: '@tensorflow/tfjs-core',
    because: 'src/measure owns the protocol',
  },
  'src/report importing the suite': {
    path: 'src/report/imports-suite.ts',
    specifier: '../suite/catalog.ts',
    because: 'src/report formats records for people',
  },
  'the page importing the dashboard': {
    path: 'src/app/imports-dashboard.ts',
    specifier: '../dashboard/api.ts',
    because: 'src/app is the page',
  },
  'the page importing the server': {
    path: 'src/app/imports-server.ts',
    specifier: '../../server/app.ts',
    because: 'src/app is the page',
  },
  'the page importing a tool': {
    path: 'src/app/scenarios/imports-tools.ts',
    specifier: '../../../tools/bench/list.ts',
    because: 'src/app is the page',
  },
  'the page importing a library around src/runtimes': {
    path: 'src/app/imports-litert.ts',
    specifier: '@litertjs/core/wasm/litert_wasm_internal.wasm?url',
    because: 'reaches every library through src/runtimes',
  },
  'the dashboard importing the page': {
    path: 'src/dashboard/imports-app.ts',
    specifier: '../app/results-table.ts',
    because: 'src/dashboard shows stored runs',
  },
  'the dashboard importing a worker': {
    path: 'src/dashboard/imports-worker.ts',
    specifier: '../workers/case-worker.ts',
    because: 'src/dashboard shows stored runs',
  },
  'the dashboard importing a runtime': {
    path: 'src/dashboard/imports-runtime.ts',
    specifier: '../runtimes/index.ts',
    because: 'src/dashboard shows stored runs',
  },
  'the dashboard importing onnxruntime-web': {
    path: 'src/dashboard/imports-ort.ts',
    specifier: 'onnxruntime-web',
    because: 'src/dashboard shows stored runs',
  },
  'a worker importing the page': {
    path: 'src/workers/imports-app.ts',
    specifier: '../app/plan.ts',
    because: 'Workers run one case or load in the page',
  },
  'a worker importing the dashboard': {
    path: 'src/workers/imports-dashboard.ts',
    specifier: '../dashboard/model.ts',
    because: 'Workers run one case or load in the page',
  },
  'the server importing a runtime': {
    path: 'server/imports-runtime.ts',
    specifier: '../src/runtimes/ort.ts',
    because: 'The server never imports runtime or page code',
  },
  'the server importing the page': {
    path: 'server/routes/imports-app.ts',
    specifier: '../../src/app/record.ts',
    because: 'The server never imports runtime or page code',
  },
  'the server importing the dashboard': {
    path: 'server/imports-dashboard.ts',
    specifier: '../src/dashboard/model.ts',
    because: 'The server never imports runtime or page code',
  },
  'the server importing a worker': {
    path: 'server/imports-worker.ts',
    specifier: '../src/workers/case-worker.ts',
    because: 'The server never imports runtime or page code',
  },
  'a tool importing the page': {
    path: 'tools/models/imports-app.ts',
    specifier: '../../src/app/plan.ts',
    because: 'Tools drive the page through a browser',
  },
  'the bench CLI importing the developer benchmarks': {
    path: 'tools/bench/imports-devbench.ts',
    specifier: '../devbench/server-records.ts',
    because: 'The bench CLI never imports',
  },
  'the bench CLI importing the page': {
    path: 'tools/bench/imports-app.ts',
    specifier: '../../src/app/plan.ts',
    because: 'The bench CLI never imports page',
  },
  "a scenario's pure part importing the page's harness": {
    path: 'src/scenarios/split/imports-app.ts',
    specifier: '../../app/scenarios/session.ts',
    because: 'src/scenarios is shared by the page, the dashboard and the server',
  },
  'the scenario registry importing a runner': {
    path: 'src/scenarios/imports-runner.ts',
    specifier: './split/runner.ts',
    because: 'src/scenarios is shared by the page, the dashboard and the server',
  },
  "a scenario's module importing its own runner": {
    path: 'src/scenarios/dynamic/index.ts',
    specifier: './runner.ts',
    because: 'src/scenarios is shared by the page, the dashboard and the server',
  },
  'a scenario runner importing the server': {
    path: 'src/scenarios/dynamic/runner.ts',
    specifier: '../../../server/app.ts',
    because: "A scenario's runner.ts is page code",
  },
  'the server importing a scenario runner': {
    path: 'server/store/imports-runner.ts',
    specifier: '../../src/scenarios/split/runner.ts',
    because: "a scenario's runner.ts is page code",
  },
  'the dashboard importing a scenario runner': {
    path: 'src/dashboard/imports-runner.ts',
    specifier: '../scenarios/split/runner.ts',
    because: 'src/dashboard shows stored runs',
  },
  'the bench CLI importing a scenario runner': {
    path: 'tools/bench/imports-runner.ts',
    specifier: '../../src/scenarios/split/runner.ts',
    because: 'The bench CLI never imports page',
  },
  'src/measure importing a scenario': {
    path: 'src/measure/imports-scenario.ts',
    specifier: '../scenarios/split/plan.ts',
    because: 'src/measure owns the protocol',
  },
  'the schema importing the scenario registry': {
    path: 'src/schema/imports-scenarios.ts',
    specifier: '../scenarios/index.ts',
    because: 'src/schema is the bottom layer',
  },
  'the zoo compiler importing the model fetcher': {
    path: 'tools/zoo/imports-fetcher.ts',
    specifier: '../models/fetcher.ts',
    because: 'The zoo compiler stands alone',
  },
  'a zoo architecture importing the model fetcher': {
    path: 'tools/zoo/archs/imports-fetcher.ts',
    specifier: '../../models/generate.ts',
    because: 'The zoo compiler stands alone',
  },
  'the zoo compiler importing the bench CLI': {
    path: 'tools/zoo/imports-bench.ts',
    specifier: '../bench/browser-session.ts',
    because: 'The zoo compiler stands alone',
  },
  'the zoo compiler importing the page': {
    path: 'tools/zoo/imports-app.ts',
    specifier: '../../src/app/plan.ts',
    because: 'The zoo compiler stands alone',
  },
};

const ACCEPTED: Record<string, Probe> = {
  'src/runtimes importing src/measure': { path: 'src/runtimes/ok.ts', specifier: '../measure/adapter.ts' },
  'the page importing a runtime': { path: 'src/app/ok-runtime.ts', specifier: '../runtimes/index.ts' },
  'the page importing a worker (its API type)': {
    path: 'src/app/scenarios/ok-worker.ts',
    specifier: '../../workers/session-worker.ts',
  },
  'the page importing src/report': { path: 'src/app/ok-report.ts', specifier: '../report/results-table.ts' },
  'the dashboard importing src/report': {
    path: 'src/dashboard/ok-report.ts',
    specifier: '../report/device-summary.ts',
  },
  'the dashboard importing the scenario registry': {
    path: 'src/dashboard/ok-scenarios.ts',
    specifier: '../scenarios/index.ts',
  },
  'the server importing the scenario registry': {
    path: 'server/store/ok-scenarios.ts',
    specifier: '../../src/scenarios/index.ts',
  },
  "a scenario's module importing its figures, the schema and measure": {
    path: 'src/scenarios/split/ok-module.ts',
    specifier: './figures.ts',
  },
  'a scenario runner importing the page harness': {
    path: 'src/scenarios/split/runner.ts',
    specifier: '../../app/scenarios/session.ts',
  },
  "the page's runner list importing a runner": {
    path: 'src/app/scenarios/ok-runner.ts',
    specifier: '../../scenarios/split/runner.ts',
  },
  'a worker importing a runtime': { path: 'src/workers/ok-runtime.ts', specifier: '../runtimes/index.ts' },
  'a worker importing a library': { path: 'src/workers/ok-library.ts', specifier: 'onnxruntime-web/wasm' },
  'the server importing src/report': { path: 'server/ok-report.ts', specifier: '../src/report/format.ts' },
  'the bench CLI importing the server': {
    path: 'tools/bench/ok-server.ts',
    specifier: '../../server/main.ts',
  },
  'a developer benchmark importing the bench CLI': {
    path: 'tools/devbench/ok-bench.ts',
    specifier: '../bench/browser-session.ts',
  },
  'the zoo compiler importing the TFLite metadata writer': {
    path: 'tools/zoo/ok-metadata.ts',
    specifier: '../models/tflite-metadata.ts',
  },
  'the zoo compiler importing a runtime (to run what it emits)': {
    path: 'tools/zoo/ok-runtime.ts',
    specifier: '../../src/runtimes/loaders.ts',
  },
  'the model fetcher importing the zoo compiler': {
    path: 'tools/models/ok-zoo.ts',
    specifier: '../zoo/files.ts',
  },
};

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

let sandbox = '';
/** Diagnostics per fixture path (relative, forward slashes): rule and message. */
const diagnostics = new Map<string, { rule: string; message: string }[]>();
let lintStatus: number | null = null;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'atlas-import-direction-'));
  copyFileSync(join(repoRoot, 'biome.json'), join(sandbox, 'biome.json'));
  for (const { path, specifier } of [...Object.values(REJECTED), ...Object.values(ACCEPTED)]) {
    const file = join(sandbox, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, importing(specifier));
  }
  const result = spawnSync(
    biome,
    ['lint', '--vcs-enabled=false', '--colors=off', '--reporter=github', '--max-diagnostics=none', '.'],
    { cwd: sandbox, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.error) throw result.error;
  lintStatus = result.status;
  for (const line of result.stdout.split('\n')) {
    const match = /^::\w+ title=([^,]+),file=([^,]+),.*?::(.*)$/.exec(line);
    if (!match) continue;
    const [, rule = '', file = '', message = ''] = match;
    const path = relative(sandbox, file).split(sep).join('/');
    diagnostics.set(path, [...(diagnostics.get(path) ?? []), { rule, message }]);
  }
}, 90_000);

afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

describe('biome import-direction rules', () => {
  it('fail the lint run that holds backwards imports', () => {
    expect(lintStatus).not.toBe(0);
  });

  describe.each(Object.entries(REJECTED))('reject %s', (_, { path, because }) => {
    it('with the rule and its reason', () => {
      const found = diagnostics.get(path) ?? [];
      expect(found.map((d) => d.rule)).toEqual(['lint/style/noRestrictedImports']);
      expect(found[0]?.message).toContain(because);
    });
  });

  describe.each(Object.entries(ACCEPTED))('accept %s', (_, { path }) => {
    it('without a diagnostic', () => {
      expect(diagnostics.get(path) ?? []).toEqual([]);
    });
  });
});
