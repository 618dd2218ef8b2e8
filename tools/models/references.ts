/**
 * Computes the reference outputs of every catalog model once, on its format's reference backend
 * (the registry's `reference` of the runtime that reads the format: ONNX → onnxruntime-web wasm,
 * 1 thread; TF.js graph and layers → TensorFlow.js cpu; .tflite → LiteRT.js wasm, 1 thread, its
 * compat build since Node 20 lacks relaxed SIMD), in Node, through the same adapters the page
 * uses, and writes their fingerprints to src/suite/references.json. Formats whose library runs
 * only in a browser (`computedIn: 'browser'`: MediaPipe task → MediaPipe CPU delegate) are
 * computed in a real Chromium by ./references-browser.ts. Run after `npm run models`:
 * `npm run references`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type LoadedModel,
  type ModelSource,
  modelSourceOf,
  type OutputTensor,
} from '../../src/measure/adapter.ts';
import { fingerprint, topIndices } from '../../src/measure/check.ts';
import { type ReferenceBackend, type RuntimeId, referenceRuntimeFor } from '../../src/runtimes/index.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { MODELS, modelById } from '../../src/suite/catalog.ts';
import { makeInputs } from '../../src/suite/inputs.ts';
import type { ModelEntry, ModelFormat, ModelReference } from '../../src/suite/types.ts';
import { transpose } from '../zoo/weights.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MODELS_DIR = join(ROOT, 'public/models');
export const REFERENCES_FILE = join(ROOT, 'src/suite/references.json');

/** The runtime and backend whose outputs define "correct" for a format, and where they run. */
export type FormatReference = ReferenceBackend & { runtime: RuntimeId };

/** The reference backend of a format, from the registry (the runtime that reads the format). */
export function referenceBackendFor(format: ModelFormat): FormatReference {
  const runtime = referenceRuntimeFor(format);
  return { runtime: runtime.id, ...runtime.reference };
}

/** A catalog model with its files read from `dir`, as the adapters load it. */
export function modelSource(model: ModelEntry, dir = MODELS_DIR): ModelSource {
  return modelSourceOf(
    model,
    model.files.map((f) => {
      const b = readFileSync(join(dir, f.path));
      return {
        path: f.path,
        bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
      };
    }),
  );
}

/** Runs one model on its format's reference backend: its outputs and what computed them. */
export async function runOnReferenceBackend(
  model: ModelEntry,
  dir: string,
): Promise<{ outputs: OutputTensor[]; computedWith: string }> {
  const ref = referenceBackendFor(model.format);
  const adapter = await loadAdapter(ref.runtime);
  let session: LoadedModel | undefined;
  try {
    session = await adapter.load({
      model: modelSource(model, dir),
      backend: ref.backend,
      options: ref.options,
    });
    const outputs = await session.run(makeInputs(model.inputs));
    return { outputs, computedWith: `${session.info().libraryVersion} ${ref.backend}` };
  } finally {
    await session?.dispose();
  }
}

/** An output with its axes permuted (a float32 copy). */
function permuteOutput(output: OutputTensor, perm: readonly number[]): OutputTensor {
  if (output.shape.length !== perm.length) return output;
  const data = Float32Array.from(output.data as ArrayLike<number>);
  return {
    ...output,
    shape: perm.map((axis) => output.shape[axis] ?? 0),
    data: transpose(data, output.shape, perm),
  };
}

/**
 * The `k` largest values of an output and their indices, best first (ties: lower index first), as
 * the outputs `scores` and `indices` `[1, k]` a MediaPipe ImageClassifier gives.
 */
export function topK(output: OutputTensor, k: number): OutputTensor[] {
  const values = Array.from(output.data as ArrayLike<number>, Number);
  const best = topIndices(values, k);
  return [
    { name: 'scores', dtype: 'float32', shape: [1, k], data: Float32Array.from(best, (i) => values[i] ?? 0) },
    { name: 'indices', dtype: 'float32', shape: [1, k], data: Float32Array.from(best) },
  ];
}

/**
 * Fingerprints one model's outputs on its reference backend, or, for an entry whose reference is
 * another entry's (`referenceOf`: the same network in another format), that entry's outputs
 * permuted into this one's layout, or their top k (see {@link topK}).
 */
export async function computeReference(model: ModelEntry, dir = MODELS_DIR): Promise<ModelReference> {
  const of = model.referenceOf;
  const source = of ? modelById(of.model) : model;
  const run = await runOnReferenceBackend(source, dir);
  let outputs = of?.perm ? run.outputs.map((o) => permuteOutput(o, of.perm ?? [])) : run.outputs;
  if (of?.topk) {
    const [first] = run.outputs;
    if (!first) throw new Error(`${of.model} gave no output to take the top ${of.topk} of`);
    outputs = topK(first, of.topk);
  }
  const via = of
    ? ` (${of.model}${of.perm ? `, permuted [${of.perm}]` : ''}${of.topk ? `, top ${of.topk}` : ''})`
    : '';
  // A top-k agreement check over the first output's classes needs the reference's top k of all of it.
  const top = model.check.similarity?.topK;
  const keepTop = top && !top.indicesOutput ? top.k : undefined;
  return {
    model: model.id,
    computedWith: `${run.computedWith}${via}`,
    outputs: outputs.map((o, i) => fingerprint(o, i === 0 ? keepTop : undefined)),
  };
}

/**
 * `npm run references [-- --format F[,F]] [--model ID[,ID]]`: all models, or only those of the
 * named formats and/or ids (the stored references of the others are kept).
 */
async function main(): Promise<void> {
  const listed = (flag: string) => {
    const at = process.argv.indexOf(flag);
    return at > 0 ? new Set((process.argv[at + 1] ?? '').split(',')) : undefined;
  };
  const formats = listed('--format');
  const ids = listed('--model');
  const wanted = (m: ModelEntry) => (formats?.has(m.format) ?? true) && (ids?.has(m.id) ?? true);
  const references = new Map<string, ModelReference>();
  if (formats || ids) {
    const stored = JSON.parse(readFileSync(REFERENCES_FILE, 'utf8')) as ModelReference[];
    for (const ref of stored) references.set(ref.model, ref);
  }
  // An entry whose reference is another entry's (referenceOf) is computed from that one, in Node.
  const inNode = (m: ModelEntry) =>
    m.referenceOf !== undefined || referenceBackendFor(m.format).computedIn === 'node';
  for (const model of MODELS.filter((m) => wanted(m) && inNode(m))) {
    const t0 = performance.now();
    references.set(model.id, await computeReference(model));
    console.log(`${model.id}: reference computed in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const inBrowser = MODELS.filter((m) => wanted(m) && !inNode(m));
  for (const format of new Set(inBrowser.map((m) => m.format))) {
    const models = inBrowser.filter((m) => m.format === format);
    const t0 = performance.now();
    const { computeBrowserReferences } = await import('./references-browser.ts');
    for (const ref of await computeBrowserReferences(models, referenceBackendFor(format), console.log)) {
      references.set(ref.model, ref);
    }
    console.log(
      `${format}: ${models.length} reference(s) computed in Chromium in ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }
  const ordered = MODELS.map((m) => references.get(m.id)).filter((r) => r !== undefined);
  writeFileSync(REFERENCES_FILE, `${JSON.stringify(ordered)}\n`);
  console.log(`wrote ${REFERENCES_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`references: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
