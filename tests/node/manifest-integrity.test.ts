/**
 * The installed models match what the catalog promises: `public/models/manifest.json` lists every
 * catalog model with exactly its files, every listed file is on disk with that size and sha256,
 * each names its licence and the pinned package it comes from (or the zoo generator that made it), and no suite a user can pick runs
 * a copyleft or non-commercial model. Needs `npm run models` (CI runs it on install).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS, modelById } from '../../src/suite/catalog.ts';
import { SUITES } from '../../src/suite/suites.ts';
import { isGenerated } from '../../src/suite/types.ts';
import { MANIFEST_NAME, type Manifest } from '../../tools/models/fetcher.ts';
import { MODELS_DIR } from '../../tools/models/references.ts';
import { hashFile } from '../../tools/models/verified-files.ts';
import { provenance, ZOO_SEED } from '../../tools/zoo/emit.ts';

const MANIFEST_PATH = join(MODELS_DIR, MANIFEST_NAME);
/** `name@x.y.z` or `@scope/name@x.y.z`, an exact version (no ranges or tags). */
const PINNED = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*@\d+\.\d+\.\d+(-[\w.]+)?$/;
/** Licences a default suite must not run: GPL family (AGPL, LGPL) and non-commercial terms. */
const FORBIDDEN = /\b(A|L)?GPL\b|\bNC\b|non-?commercial/i;

function manifest(): Manifest {
  expect(existsSync(MANIFEST_PATH), `${MANIFEST_PATH} is missing: run \`npm run models\``).toBe(true);
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

const files = () => manifest().models.flatMap((m) => m.files);

describe('model manifest', () => {
  it('lists every catalog model, in catalog order, with exactly its files', () => {
    const listed = manifest().models;
    expect(listed.map((m) => m.id)).toEqual(MODELS.map((m) => m.id));
    for (const entry of listed) {
      const model = modelById(entry.id);
      expect(entry.files, entry.id).toEqual(
        model.files.map(({ path, bytes, sha256, from, license }) => ({ path, bytes, sha256, from, license })),
      );
    }
  });

  it('has every file on disk with its size and sha256', async () => {
    const seen = new Set<string>();
    for (const file of files()) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      const actual = await hashFile(join(MODELS_DIR, file.path));
      expect(actual, file.path).toEqual({ bytes: file.bytes, sha256: file.sha256 });
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 120_000);

  it('names a licence and a pinned package@version (or, for zoo files, this zoo generator) for every file', () => {
    const generated = new Set(MODELS.flatMap((m) => m.files.filter(isGenerated).map((f) => f.path)));
    expect(generated.size).toBeGreaterThan(0);
    for (const file of files()) {
      expect(file.license.trim().length, `${file.path} licence`).toBeGreaterThan(0);
      if (generated.has(file.path)) expect(file.from, `${file.path} source`).toBe(provenance(ZOO_SEED));
      else expect(file.from, `${file.path} source`).toMatch(PINNED);
    }
  });

  it('has no GPL, AGPL or non-commercial model in any suite', () => {
    const licences = new Map(files().map((f) => [f.path, f.license]));
    for (const suite of SUITES) {
      for (const id of suite.models) {
        for (const file of modelById(id).files) {
          expect(licences.get(file.path), `${suite.id}: ${id} ${file.path}`).toBeDefined();
          expect(licences.get(file.path), `${suite.id}: ${id} ${file.path}`).not.toMatch(FORBIDDEN);
        }
      }
    }
  });

  it('the licence rule catches the licences it is meant to', () => {
    for (const bad of ['GPL-3.0', 'AGPL-3.0', 'LGPL-2.1', 'CC BY-NC-SA 4.0', 'non-commercial use only']) {
      expect(bad).toMatch(FORBIDDEN);
    }
    for (const ok of ['MIT', 'Apache-2.0 (MediaPipe weights); package Apache-2.0', 'ISC', 'BSD-3-Clause']) {
      expect(ok).not.toMatch(FORBIDDEN);
    }
  });

  it('gives each suite the download size its catalog files add up to', () => {
    const byPath = new Map(files().map((f) => [f.path, f.bytes]));
    const totals = SUITES.map((suite) => {
      const paths = new Set(suite.models.flatMap((id) => modelById(id).files.map((f) => f.path)));
      const fromManifest = [...paths].reduce((n, p) => n + (byPath.get(p) ?? Number.NaN), 0);
      const fromCatalog = [...paths].reduce(
        (n, p) => n + (MODELS.flatMap((m) => m.files).find((f) => f.path === p)?.bytes ?? 0),
        0,
      );
      expect(fromManifest, suite.id).toBe(fromCatalog);
      return { suite: suite.id, models: suite.models.length, files: paths.size, bytes: fromManifest };
    });
    const [quick, full] = totals;
    // The quick suite is a subset of the full one, so it cannot download more.
    expect(quick?.bytes).toBeLessThanOrEqual(full?.bytes ?? 0);
    console.log(
      `manifest totals: ${totals.map((t) => `${t.suite} ${t.models} models, ${t.files} files, ${(t.bytes / 1e6).toFixed(1)} MB`).join('; ')}`,
    );
  });
});
