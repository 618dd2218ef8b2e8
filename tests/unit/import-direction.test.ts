/**
 * Proves the import-direction rules of biome.json really reject a backwards import.
 *
 * `biome lint --stdin-file-path` cannot be used: in Biome 2.6.8 it prints no lint diagnostics
 * and exits 1 for any input ("The contents aren't fixed"), so it cannot tell a good import from a
 * bad one. Instead each fixture is written to its layer's folder in a temporary copy of the
 * project root holding a byte-for-byte copy of the repository's biome.json (the override globs
 * are relative to it), and Biome lints it there. `--vcs-enabled=false` only because the temp
 * folder is not a git checkout. Nothing is written inside the repository.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const biome = join(repoRoot, 'node_modules', '.bin', 'biome');

let sandbox = '';

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'atlas-import-direction-'));
  copyFileSync(join(repoRoot, 'biome.json'), join(sandbox, 'biome.json'));
});

afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

function lint(path: string, source: string): { status: number | null; output: string } {
  const file = join(sandbox, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const result = spawnSync(biome, ['lint', '--vcs-enabled=false', '--colors=off', path], {
    cwd: sandbox,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

describe('biome import-direction rules', () => {
  it('reject src/suite importing a runtime', () => {
    const { status, output } = lint('src/suite/fake.ts', importing('../runtimes/ort.ts'));
    expect(status).not.toBe(0);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain('src/suite is data');
  });

  it('reject src/measure importing the app', () => {
    const { status, output } = lint('src/measure/fake.ts', importing('../app/main.ts'));
    expect(status).not.toBe(0);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain('src/measure owns the protocol');
  });

  it('reject the server importing a runtime', () => {
    const { status, output } = lint('server/fake.ts', importing('../src/runtimes/ort.ts'));
    expect(status).not.toBe(0);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain('The server never imports runtime or page code');
  });

  it('reject src/schema importing anything of ours', () => {
    const { status, output } = lint('src/schema/fake.ts', importing('../suite/types.ts'));
    expect(status).not.toBe(0);
    expect(output).toContain('src/schema is the bottom layer');
  });

  it('accept a forward import (src/runtimes importing src/measure)', () => {
    const { status, output } = lint('src/runtimes/fake.ts', importing('../measure/adapter.ts'));
    expect(output).not.toContain('noRestrictedImports');
    expect(status).toBe(0);
  });
});
