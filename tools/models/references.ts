/**
 * Computes the reference outputs of every catalog model once, on each format's reference
 * backend (ONNX → onnxruntime-web wasm, 1 thread; TF.js graph and layers → TensorFlow.js cpu; .tflite →
 * LiteRT.js wasm, 1 thread, its compat build since Node 20 lacks relaxed SIMD), in Node,
 * through the same adapters the page uses, and writes their fingerprints to
 * src/suite/references.json. Run after `npm run models`: `npm run references`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedModel, ModelSource } from '../../src/measure/adapter.ts';
import { fingerprint } from '../../src/measure/check.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import type { CaseOptions } from '../../src/schema/run.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { makeInputs } from '../../src/suite/inputs.ts';
import type { ModelEntry, ModelFormat, ModelReference } from '../../src/suite/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MODELS_DIR = join(ROOT, 'public/models');
export const REFERENCES_FILE = join(ROOT, 'src/suite/references.json');

/** The library and backend whose outputs define "correct" for each format. */
export const REFERENCE_BACKENDS: Readonly<
  Record<ModelFormat, { runtime: string; backend: string; options: CaseOptions }>
> = Object.freeze({
  onnx: { runtime: 'ort', backend: 'wasm', options: { threads: 1 } },
  'tfjs-graph': { runtime: 'tfjs', backend: 'cpu', options: {} },
  'tfjs-layers': { runtime: 'tfjs', backend: 'cpu', options: {} },
  tflite: { runtime: 'litert', backend: 'wasm', options: { threads: 1 } },
});

/** A catalog model with its files read from `dir`, as the adapters load it. */
export function modelSource(model: ModelEntry, dir = MODELS_DIR): ModelSource {
  return {
    id: model.id,
    format: model.format,
    outputs: model.outputs,
    files: model.files.map((f) => {
      const b = readFileSync(join(dir, f.path));
      return {
        path: f.path,
        bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
      };
    }),
  };
}

/** Runs one model on its reference backend and fingerprints its outputs. */
export async function computeReference(model: ModelEntry, dir = MODELS_DIR): Promise<ModelReference> {
  const ref = REFERENCE_BACKENDS[model.format];
  const adapter = await loadAdapter(ref.runtime);
  let session: LoadedModel | undefined;
  try {
    session = await adapter.load({
      model: modelSource(model, dir),
      backend: ref.backend,
      options: ref.options,
    });
    const outputs = await session.run(makeInputs(model.inputs));
    const info = session.info();
    return {
      model: model.id,
      computedWith: `${info.libraryVersion} ${ref.backend}`,
      outputs: outputs.map(fingerprint),
    };
  } finally {
    await session?.dispose();
  }
}

async function main(): Promise<void> {
  const references: ModelReference[] = [];
  for (const model of MODELS) {
    const t0 = performance.now();
    references.push(await computeReference(model));
    console.log(`${model.id}: reference computed in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  writeFileSync(REFERENCES_FILE, `${JSON.stringify(references)}\n`);
  console.log(`wrote ${REFERENCES_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`references: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
