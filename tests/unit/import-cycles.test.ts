/**
 * Proves the cycle check of `npm run test:cycles` (madge with the repository's .madgerc) finds the
 * cycles it is meant to find — through value imports, through erased `import type` edges and
 * through a dynamic `import()` — and passes an acyclic graph. The fixtures live in a temporary
 * folder holding byte-for-byte copies of .madgerc and tsconfig.json (module resolution as tsc
 * does it), so nothing is written inside the repository; one madge run covers them all.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const madge = join(repoRoot, 'node_modules', '.bin', 'madge');

const FIXTURES: Record<string, string> = {
  'value/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
  'value/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
  'type-only/a.ts': "import type { B } from './b.ts';\nexport const a = (x: B) => x;\n",
  'type-only/b.ts': "import { a } from './a.ts';\nexport type B = number;\nexport const b = a;\n",
  'dynamic/a.ts': "export const a = async () => (await import('./b.ts')).b;\nexport type A = number;\n",
  'dynamic/b.ts': "import type { A } from './a.ts';\nexport const b: A = 1;\n",
  'acyclic/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
  'acyclic/b.ts': "import type { C } from './c.ts';\nexport const b: C = 1;\n",
  'acyclic/c.ts': 'export type C = number;\n',
};

let cycles: string[][] = [];
let status: number | null = null;
let sandbox = '';

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'atlas-import-cycles-'));
  copyFileSync(join(repoRoot, '.madgerc'), join(sandbox, '.madgerc'));
  copyFileSync(join(repoRoot, 'tsconfig.json'), join(sandbox, 'tsconfig.json'));
  for (const [path, source] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(sandbox, path)), { recursive: true });
    writeFileSync(join(sandbox, path), source);
  }
  const result = spawnSync(madge, ['--circular', '--json', '--no-spinner', '.'], {
    cwd: sandbox,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  status = result.status;
  cycles = JSON.parse(result.stdout) as string[][];
}, 90_000);

afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

const cycleIn = (folder: string) => cycles.find((cycle) => cycle.every((f) => f.startsWith(`${folder}/`)));

describe('the import-cycle check (madge, .madgerc)', () => {
  it('fails when the graph has a cycle', () => {
    expect(status).toBe(1);
  });

  it('finds a cycle of value imports', () => {
    expect(cycleIn('value')?.sort()).toEqual(['value/a.ts', 'value/b.ts']);
  });

  it('counts an `import type` edge, though tsc erases it', () => {
    expect(cycleIn('type-only')?.sort()).toEqual(['type-only/a.ts', 'type-only/b.ts']);
  });

  it('counts a dynamic import()', () => {
    expect(cycleIn('dynamic')?.sort()).toEqual(['dynamic/a.ts', 'dynamic/b.ts']);
  });

  it('reports no cycle through an acyclic chain', () => {
    expect(cycleIn('acyclic')).toBeUndefined();
    expect(cycles).toHaveLength(3);
  });
});
