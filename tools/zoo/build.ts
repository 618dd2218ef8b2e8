/**
 * Writes the model zoo: every architecture's files (files.ts: the three formats with the zoo's
 * seeded weights, their float16 / uint8 variants, the int8 ONNX and TFLite, the MediaPipe twins
 * of image classifiers) to `public/models/zoo/<arch>/`, plus `public/models/zoo/manifest.json`
 * (bytes and sha256 per file, params/MACs per network, provenance and licence). Deterministic:
 * the same version and seed give the same bytes. `--out DIR` writes elsewhere.
 *   tsx tools/zoo/build.ts [--arch ID[,ID]] [--seed N] [--out DIR]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARCHS, type Arch, archById } from './archs/index.ts';
import { provenance, ZOO_SEED, ZOO_VERSION } from './emit.ts';
import { zooFiles } from './files.ts';
import { cost } from './flops.ts';
import { nodeIndex, shapeOf } from './shapes.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ZOO_DIR = join(ROOT, 'public', 'models', 'zoo');
/** Licence of the generated files: our own code made them, from no upstream weights. */
export const ZOO_LICENSE = 'MIT';

export interface ZooManifestFile {
  /** Path relative to `public/models/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ZooManifestEntry {
  arch: string;
  description: string;
  inputShape: number[];
  params: number;
  macs: number;
  files: ZooManifestFile[];
}

export interface ZooManifest {
  from: string;
  license: string;
  version: number;
  seed: number;
  networks: ZooManifestEntry[];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Emits one architecture's files (files.ts: formats, int8, metadata twins) into `dir/<arch>/`; returns its manifest entry. */
export async function buildArch(arch: Arch, seed: number, dir: string): Promise<ZooManifestEntry> {
  const graph = arch.build(arch.size);
  const files = await zooFiles(arch, seed);
  const out = join(dir, arch.id);
  mkdirSync(out, { recursive: true });
  const entries: ZooManifestFile[] = [];
  for (const [name, bytes] of Object.entries(files) as [string, Uint8Array][]) {
    writeFileSync(join(out, name), bytes);
    entries.push({
      path: relative(dirname(dir), join(out, name)),
      bytes: bytes.byteLength,
      sha256: sha256(bytes),
    });
  }
  const { params, macs } = cost(graph);
  return {
    arch: arch.id,
    description: arch.description,
    inputShape: [...shapeOf(nodeIndex(graph), graph.inputs[0] ?? '')],
    params,
    macs,
    files: entries,
  };
}

function parseArgs(argv: readonly string[]): { archs: Arch[]; seed: number; out: string } {
  let archs: Arch[] = [...ARCHS];
  let seed = ZOO_SEED;
  let out = ZOO_DIR;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--arch' && value) archs = value.split(',').map(archById);
    else if (argv[i] === '--seed' && value) seed = Number.parseInt(value, 10) >>> 0;
    else if (argv[i] === '--out' && value) out = resolve(value);
    else
      throw new Error(`unknown argument ${argv[i]}; usage: build.ts [--arch ID[,ID]] [--seed N] [--out DIR]`);
    i++;
  }
  return { archs, seed, out };
}

async function main(): Promise<void> {
  const { archs, seed, out } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const networks: ZooManifestEntry[] = [];
  for (const arch of archs) {
    const t0 = performance.now();
    const entry = await buildArch(arch, seed, out);
    networks.push(entry);
    const bytes = entry.files.reduce((n, f) => n + f.bytes, 0);
    console.log(
      `zoo: ${arch.id} ${(entry.params / 1e6).toFixed(2)} M params, ${(entry.macs / 1e6).toFixed(1)} M MACs, ` +
        `${(bytes / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }
  const manifest: ZooManifest = {
    from: provenance(seed),
    license: ZOO_LICENSE,
    version: ZOO_VERSION,
    seed,
    networks,
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = networks.flatMap((n) => n.files).reduce((n, f) => n + f.bytes, 0);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`zoo: ${networks.length} networks, ${(total / 1e6).toFixed(1)} MB in ${secs} s → ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`zoo: error: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
