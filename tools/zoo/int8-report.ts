/**
 * A rough report of the zoo's int8 files against float32, at the published sizes, in Node:
 * file sizes, cosine similarity and top-5 overlap of the outputs on the catalog's input (seed
 * 2026, not a calibration seed) per library, and the median of a few timed runs on ONNX Runtime
 * wasm and LiteRT.js wasm with 1 thread. Not a benchmark (no warm-up protocol, no confidence
 * interval, Node's LiteRT.js build is the compat one): the page and `npm run bench` are.
 *   tsx tools/zoo/int8-report.ts [--arch ID[,ID]] [--runs N]
 */
import { fileURLToPath } from 'node:url';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { makeInput } from '../../src/suite/inputs.ts';
import { ARCHS, archById } from './archs/index.ts';
import { calibrationInput } from './calibrate.ts';
import { zooFiles } from './files.ts';
import type { Graph } from './ir.ts';
import { nhwc } from './layouts.ts';
import { nodeIndex, shapeOf } from './shapes.ts';
import { transpose } from './weights.ts';

const INPUT_SEED = 2026;

interface Timed {
  output: Float32Array;
  medianMs: number;
}

/** Loads `bytes` on `runtime` wasm (1 thread), runs it `runs` times after one untimed run. */
async function timed(
  graph: Graph,
  runtime: 'ort' | 'litert',
  bytes: Uint8Array,
  runs: number,
): Promise<Timed> {
  const name = graph.inputs[0] ?? '';
  const shape = [...shapeOf(nodeIndex(graph), name)];
  const image = makeInput(calibrationInput(graph, INPUT_SEED)).data as Float32Array;
  const nchw = runtime === 'ort' || shape.length !== 4;
  const adapter = await loadAdapter(runtime);
  const session = await adapter.load({
    model: {
      id: graph.name,
      format: runtime === 'ort' ? 'onnx' : 'tflite',
      outputs: [...graph.outputs],
      files: [{ path: 'model', bytes: bytes.slice().buffer as ArrayBuffer }],
    },
    backend: 'wasm',
    options: { threads: 1 },
  });
  const input = {
    name,
    dtype: 'float32' as const,
    shape: nchw ? shape : nhwc(shape),
    data: nchw ? image : transpose(image, shape, [0, 2, 3, 1]),
  };
  try {
    let [out] = await session.run([input]);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      [out] = await session.run([input]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const values = Float32Array.from(out?.data as Float32Array);
    const output = nchw || out?.shape.length !== 4 ? values : transpose(values, out.shape, [0, 3, 1, 2]);
    return { output, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN };
  } finally {
    await session.dispose();
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    aa += (a[i] ?? 0) ** 2;
    bb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(aa * bb);
}

export function top5Overlap(a: Float32Array, b: Float32Array): number {
  const top = (x: Float32Array) => [...x.keys()].sort((i, j) => (x[j] ?? 0) - (x[i] ?? 0)).slice(0, 5);
  const tb = top(b);
  return top(a).filter((i) => tb.includes(i)).length;
}

const mb = (b: Uint8Array | undefined) => ((b?.byteLength ?? 0) / 1e6).toFixed(2);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const archArg = argv[argv.indexOf('--arch') + 1];
  const archs = argv.includes('--arch') && archArg ? archArg.split(',').map(archById) : ARCHS;
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
  console.log(
    'arch | MB onnx f32→int8 | MB tflite f32→int8 | ORT cos, top5, ms f32→int8 | LiteRT cos, top5, ms f32→int8',
  );
  for (const arch of archs) {
    const graph = arch.build(arch.size);
    const files = await zooFiles(arch);
    const cells = [arch.id, `${mb(files['model.onnx'])}→${mb(files['model.int8.onnx'])}`];
    cells.push(`${mb(files['model.tflite'])}→${mb(files['model.int8.tflite'])}`);
    for (const [runtime, f32, int8] of [
      ['ort', files['model.onnx'], files['model.int8.onnx']],
      ['litert', files['model.tflite'], files['model.int8.tflite']],
    ] as const) {
      if (!f32 || !int8) throw new Error(`${arch.id}: missing files`);
      const a = await timed(graph, runtime, f32, runs);
      const b = await timed(graph, runtime, int8, runs);
      cells.push(
        `${cosine(a.output, b.output).toFixed(5)}, ${top5Overlap(a.output, b.output)}/5, ` +
          `${a.medianMs.toFixed(1)}→${b.medianMs.toFixed(1)}`,
      );
    }
    console.log(cells.join(' | '));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`int8-report: error: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
