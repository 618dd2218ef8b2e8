/**
 * Generated model files: the model zoo's networks (tools/zoo), which `npm run models` emits with
 * the zoo's seeded weights instead of fetching them. Each result is checked against the size and
 * sha256 the catalog records, like a fetched file, so a change in an emitter or the weight
 * generator cannot slip into a benchmark unnoticed (it needs `npm run zoo:catalog` and a new
 * reference).
 */

import { createHash } from 'node:crypto';
import { type GeneratedFile, isGenerated, type ModelEntry } from '../../src/suite/types.ts';
import { archById } from '../zoo/archs/index.ts';
import { provenance, ZOO_SEED } from '../zoo/emit.ts';
import { zooFiles } from '../zoo/files.ts';
import { FetchError, formatBytes, isPresent, safeJoin, writeAtomically } from './verified-files.ts';

/** Generated files of `models`, deduplicated by path, in first-seen order. */
export function generatedFiles(models: readonly ModelEntry[]): GeneratedFile[] {
  const seen = new Map<string, GeneratedFile>();
  for (const file of models.flatMap((m) => m.files)) {
    if (isGenerated(file) && !seen.has(file.path)) seen.set(file.path, file);
  }
  return [...seen.values()];
}

/**
 * Makes every generated file present: verified ones are left alone; each architecture with a
 * missing or changed file is emitted once and its files checked and written atomically.
 * Returns the paths written.
 */
export async function generateFiles(
  files: readonly GeneratedFile[],
  destDir: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const stale = new Map<string, GeneratedFile[]>();
  for (const file of files) {
    if (await isPresent(safeJoin(destDir, file.path), file)) continue;
    const group = stale.get(file.generated.arch);
    if (group) group.push(file);
    else stale.set(file.generated.arch, [file]);
  }
  const written: string[] = [];
  const expectedFrom = provenance(ZOO_SEED);
  for (const [archId, group] of stale) {
    const wrongGenerator = group.find((f) => f.from !== expectedFrom);
    if (wrongGenerator) {
      throw new FetchError(
        `${wrongGenerator.path} was recorded from "${wrongGenerator.from}" but this checkout's zoo is ` +
          `"${expectedFrom}"; run \`npm run zoo:catalog\` and \`npm run references\``,
      );
    }
    let arch: ReturnType<typeof archById>;
    try {
      arch = archById(archId);
    } catch (error) {
      throw new FetchError(`cannot generate ${group[0]?.path}: ${(error as Error).message}`);
    }
    const t0 = performance.now();
    // Calibrating costs seconds per network: only when an int8 file is wanted.
    const int8 = group.some((f) => f.generated.file.includes('.int8.'));
    const emitted = await zooFiles(arch, ZOO_SEED, { int8 });
    for (const file of group) {
      const bytes = emitted[file.generated.file];
      if (!bytes)
        throw new FetchError(`the zoo makes no ${file.generated.file} for ${arch.id} (${file.path})`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== file.sha256 || bytes.length !== file.bytes) {
        throw new FetchError(
          `generated ${file.path} does not match the catalog: expected sha256 ${file.sha256} ` +
            `(${file.bytes} bytes), got ${sha256} (${bytes.length} bytes); not installed ` +
            '(an emitter changed: run `npm run zoo:catalog` and `npm run references`)',
        );
      }
      await writeAtomically(safeJoin(destDir, file.path), bytes);
      written.push(file.path);
    }
    const size = group.reduce((n, f) => n + f.bytes, 0);
    log(
      `  generated ${arch.id} (${group.length} file(s), ${formatBytes(size)}, sha256 ok) in ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }
  return written;
}
