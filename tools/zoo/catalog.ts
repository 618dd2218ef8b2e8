/**
 * `npm run zoo:catalog`: emits every zoo architecture in memory and records what the suite
 * catalog needs of it in src/suite/models/zoo.json — input and output names and shapes, params
 * and MACs, and each file's size and sha256 — so `npm run models` can verify the files it
 * generates like the ones it fetches. Run it after changing an architecture, an emitter or the
 * weight generator (then `npm run references`).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ZooNetworkRecord } from '../../src/suite/types.ts';
import { ARCHS, type Arch } from './archs/index.ts';
import { ZOO_LICENSE } from './build.ts';
import { CALIBRATION } from './calibrate.ts';
import { provenance, ZOO_SEED } from './emit.ts';
import { zooFiles } from './files.ts';
import { cost } from './flops.ts';
import { nodeIndex, shapeOf } from './shapes.ts';

export const ZOO_CATALOG_FILE = fileURLToPath(new URL('../../src/suite/models/zoo.json', import.meta.url));

export interface ZooCatalogRecord {
  from: string;
  license: string;
  networks: ZooNetworkRecord[];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Emits one architecture at its published size and records it. */
export async function recordArch(arch: Arch, seed = ZOO_SEED): Promise<ZooNetworkRecord> {
  const graph = arch.build(arch.size);
  const index = nodeIndex(graph);
  const inputName = graph.inputs[0];
  if (inputName === undefined || graph.inputs.length !== 1) {
    throw new Error(`${arch.id}: the catalog takes networks with exactly one input`);
  }
  const emitted = await zooFiles(arch, seed);
  const files = Object.fromEntries(
    Object.entries(emitted).map(([name, bytes]) => [
      name,
      { bytes: bytes.byteLength, sha256: sha256(bytes) },
    ]),
  ) as ZooNetworkRecord['files'];
  const { params, macs } = cost(graph);
  return {
    arch: arch.id,
    task: arch.task,
    description: arch.description,
    input: { name: inputName, shape: [...shapeOf(index, inputName)] },
    outputs: graph.outputs.map((name) => ({ name, shape: [...shapeOf(index, name)] })),
    params,
    macs,
    files,
    calibration: { method: CALIBRATION.method, inputs: CALIBRATION.count, seeds: [...CALIBRATION.seeds] },
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const networks: ZooNetworkRecord[] = [];
  for (const arch of ARCHS) networks.push(await recordArch(arch));
  const record: ZooCatalogRecord = { from: provenance(ZOO_SEED), license: ZOO_LICENSE, networks };
  writeFileSync(ZOO_CATALOG_FILE, `${JSON.stringify(record, null, 2)}\n`);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`zoo: ${record.networks.length} networks recorded in ${ZOO_CATALOG_FILE} (${secs} s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`zoo: error: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
