/**
 * Produces a catalog file from its unpacked package: a plain copy of `packagePath`, or, when the
 * file has an `extract` field, the output of that extraction kind. One table maps each kind to
 * the package files it reads and the function that makes the bytes.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileExtraction, ModelFile } from '../../src/suite/types.ts';
import { ExtractError } from './extract-error.ts';
import { decodeNsfwjsModel, decodeNsfwjsShard } from './extract-nsfwjs.ts';
import { cutPackedAsset, parsePackedLayout } from './extract-packed-assets.ts';

export { ExtractError } from './extract-error.ts';

type Kind = FileExtraction['kind'];
type Of<K extends Kind> = Extract<FileExtraction, { kind: K }>;

interface Extractor<K extends Kind> {
  /** Package paths (below `package/`) read besides `packagePath`. */
  inputs(spec: Of<K>): string[];
  /** The file's bytes; `read(p)` returns `package/<p>`, `label(p)` names it in messages. */
  make(
    spec: Of<K>,
    file: ModelFile,
    read: (p: string) => Promise<Buffer>,
    label: (p: string) => string,
  ): Promise<Uint8Array>;
}

const EXTRACTORS: { readonly [K in Kind]: Extractor<K> } = Object.freeze({
  'nsfwjs-model': {
    inputs: () => [],
    make: async (_spec, file, read, label) =>
      decodeNsfwjsModel((await read(file.packagePath)).toString('utf8'), label(file.packagePath)),
  },
  'nsfwjs-shard': {
    inputs: () => [],
    make: async (_spec, file, read, label) =>
      decodeNsfwjsShard((await read(file.packagePath)).toString('utf8'), label(file.packagePath)),
  },
  'packed-assets': {
    inputs: (spec) => [spec.loader],
    make: async (spec, file, read, label) => {
      const layout = parsePackedLayout((await read(spec.loader)).toString('utf8'), label(spec.loader));
      return cutPackedAsset(layout, await read(file.packagePath), spec.name, label(file.packagePath));
    },
  },
});

/** Every package path (below `package/`) needed to produce `file`. */
export function packageInputs(file: ModelFile): string[] {
  if (!file.extract) return [file.packagePath];
  const extractor = EXTRACTORS[file.extract.kind] as Extractor<Kind> | undefined;
  if (!extractor) throw new ExtractError(`${file.path}: unknown extraction kind "${file.extract.kind}"`);
  return [file.packagePath, ...extractor.inputs(file.extract)];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Makes `file` from the package unpacked at `packageDir` (the tarball's `package/` folder) and
 * returns the path of the result: the unpacked file itself for a plain copy, or a new file below
 * `outDir` for an extraction. Throws {@link ExtractError} naming `spec` and the package file.
 */
export async function produceFile(
  spec: string,
  file: ModelFile,
  packageDir: string,
  outDir: string,
): Promise<string> {
  const label = (p: string) => `${spec} package/${p}`;
  for (const p of packageInputs(file)) {
    if (!(await exists(join(packageDir, p)))) {
      throw new ExtractError(`${spec} has no file package/${p} (needed for ${file.path})`);
    }
  }
  if (!file.extract) return join(packageDir, file.packagePath);
  const extractor = EXTRACTORS[file.extract.kind] as Extractor<Kind>;
  const bytes = await extractor.make(file.extract, file, (p) => readFile(join(packageDir, p)), label);
  const out = join(outDir, file.path);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  return out;
}
