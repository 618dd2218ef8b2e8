/**
 * "What matters most here: the library, the number format or the GPU?" — the comparison of the
 * first mobile study behind Atlas, for one network on one device (group): the spread between
 * libraries at float32 (slowest ÷ fastest library, each by its best correct CPU case), the gain of
 * each reduced number format within each library (its best float32 CPU median ÷ its best CPU
 * median in that format; on the GPU, its best float32 GPU median ÷ its best GPU median in that
 * format), and the gain of the best GPU backend within each library (best float32 CPU ÷ best
 * float32 GPU). Pure: the page, `npm run bench`'s report and the dashboard feed it
 * their own measurements (only correct ones) and print the result their way.
 */

/** Number formats as the catalog names what a variant stores (float32 when it says none). */
export type StoredFormat = 'float32' | 'float16' | 'int8' | 'uint8';

/** One correct measurement: which network, library, backend and number format, and how fast. */
export interface FactorInput {
  network: string;
  runtime: string;
  backend: string;
  /** What the file stores. */
  stored: StoredFormat;
  /**
   * What the arithmetic runs in on this backend (TF.js weight quantization stores uint8, computes
   * float32; a float16 `.tflite` computes float32 on LiteRT.js wasm, float16 on its WebGPU).
   */
  computed: StoredFormat;
  medianMs: number;
  /** The model files' size, bytes (the load a user pays). */
  bytes?: number;
  /**
   * A weights-only entry standing for its network at float32 (no float32 file of its format
   * exists, src/suite/catalog.ts `rankingNetworks`): its library's float32 baseline, not a format.
   */
  standIn?: boolean;
}

/** Backends that run on the GPU; everything else (wasm, cpu) counts as CPU. */
const GPU_BACKENDS: ReadonlySet<string> = new Set(['webgl', 'webgpu', 'webnn']);

export const isGpuBackend = (backend: string): boolean => GPU_BACKENDS.has(backend);

/** One reduced format in one library, beside that library's float32 on the same side (CPU or GPU). */
export interface FormatGain {
  stored: StoredFormat;
  computed: StoredFormat;
  /** The backend of its best median. */
  backend: string;
  medianMs: number;
  /** Its library's float32 median on the same side (CPU or GPU) ÷ this median (> 1: faster). */
  gain: number;
  /** Its files' size ÷ the float32 files' size, where both are known. */
  sizeRatio?: number;
}

/** One library on one network. */
export interface LibraryFactors {
  runtime: string;
  /**
   * Best float32 median on a CPU backend, and which backend; `stored` names the weights' format
   * when that is a stand-in's (float16 weights computed in float32), absent for a float32 file.
   */
  cpu?: { backend: string; medianMs: number; bytes?: number; stored?: StoredFormat };
  /** Best float32 median on a GPU backend, and its gain over `cpu`. */
  gpu?: { backend: string; medianMs: number; gain?: number };
  /** Each reduced format measured on a CPU backend, with its gain over `cpu`. */
  formats: FormatGain[];
  /** Each reduced format measured on a GPU backend, with its gain over `gpu`. */
  gpuFormats: FormatGain[];
}

export type Factor = 'library' | 'number format' | 'GPU';

/** The three factors for one network, and which one buys the most speed. */
export interface ThreeFactors {
  network: string;
  libraries: LibraryFactors[];
  /** Slowest ÷ fastest library at float32 on the CPU (two or more libraries). */
  librarySpread?: { fastest: string; slowest: string; ratio: number };
  /**
   * The largest gain of a format a library computes in (int8; float16 where a GPU path computes
   * it), `onGpu` when it is a GPU backend's gain over that library's float32 on the GPU.
   */
  bestFormat?: { runtime: string; stored: StoredFormat; computed: StoredFormat; gain: number; onGpu?: true };
  /** The largest GPU gain in any library. */
  bestGpu?: { runtime: string; backend: string; gain: number };
  /** The factor with the largest speed-up (none when fewer than two are measured, or none gains). */
  verdict?: Factor;
}

function best<T extends { medianMs: number }>(items: readonly T[]): T | undefined {
  return items.reduce<T | undefined>(
    (a, b) => (a === undefined || b.medianMs < a.medianMs ? b : a),
    undefined,
  );
}

/** A row computed on float32 arithmetic from float32 weights, or a stand-in for them. */
const isBaseline = (r: FactorInput): boolean => r.stored === 'float32' || r.standIn === true;

function libraryFactors(runtime: string, rows: readonly FactorInput[]): LibraryFactors {
  const float32 = rows.filter(isBaseline);
  const cpuBest = best(float32.filter((r) => !isGpuBackend(r.backend)));
  const gpuBest = best(float32.filter((r) => isGpuBackend(r.backend)));
  const cpu = cpuBest && {
    backend: cpuBest.backend,
    medianMs: cpuBest.medianMs,
    ...(cpuBest.bytes === undefined ? {} : { bytes: cpuBest.bytes }),
    ...(cpuBest.stored === 'float32' ? {} : { stored: cpuBest.stored }),
  };
  const gpu = gpuBest && {
    backend: gpuBest.backend,
    medianMs: gpuBest.medianMs,
    ...(cpu ? { gain: cpu.medianMs / gpuBest.medianMs } : {}),
  };
  // A size ratio is to a float32 file's size, never to a stand-in's float16 one.
  const sizeBase = [cpuBest, gpuBest].find((r) => r?.stored === 'float32' && r.bytes !== undefined)?.bytes;
  const formatGains = (onGpu: boolean, base: FactorInput | undefined): FormatGain[] => {
    if (!base) return [];
    const reduced = rows.filter((r) => !isBaseline(r) && isGpuBackend(r.backend) === onGpu);
    return [...new Set(reduced.map((r) => r.stored))].sort().flatMap((stored) => {
      const b = best(reduced.filter((r) => r.stored === stored));
      if (!b) return [];
      return [
        {
          stored,
          computed: b.computed,
          backend: b.backend,
          medianMs: b.medianMs,
          gain: base.medianMs / b.medianMs,
          ...(b.bytes !== undefined && sizeBase ? { sizeRatio: b.bytes / sizeBase } : {}),
        },
      ];
    });
  };
  return {
    runtime,
    ...(cpu ? { cpu } : {}),
    ...(gpu ? { gpu } : {}),
    formats: formatGains(false, cpuBest),
    gpuFormats: formatGains(true, gpuBest),
  };
}

/** The three factors of one network from its correct measurements. */
export function threeFactors(network: string, rows: readonly FactorInput[]): ThreeFactors {
  const runtimes = [...new Set(rows.map((r) => r.runtime))].sort();
  const libraries = runtimes.map((rt) =>
    libraryFactors(
      rt,
      rows.filter((r) => r.runtime === rt),
    ),
  );
  const withCpu = libraries
    .filter((l) => l.cpu)
    .sort((a, b) => (a.cpu?.medianMs ?? 0) - (b.cpu?.medianMs ?? 0));
  const [fastest, slowest] = [withCpu[0], withCpu[withCpu.length - 1]];
  const librarySpread =
    withCpu.length >= 2 && fastest?.cpu && slowest?.cpu
      ? {
          fastest: fastest.runtime,
          slowest: slowest.runtime,
          ratio: slowest.cpu.medianMs / fastest.cpu.medianMs,
        }
      : undefined;
  // Only a format the library computes in can change its speed: a weights-only format (TF.js
  // weight quantization, float16 weights dequantized on a CPU backend) computes in float32, so its
  // "gain" is noise and stays in the table (for its size) but out of the verdict.
  const formatGains = libraries.flatMap((l) => [
    ...l.formats.filter((f) => f.computed !== 'float32').map((f) => ({ runtime: l.runtime, ...f })),
    ...l.gpuFormats
      .filter((f) => f.computed !== 'float32')
      .map((f) => ({ runtime: l.runtime, ...f, onGpu: true as const })),
  ]);
  const topFormat = formatGains.reduce<(typeof formatGains)[number] | undefined>(
    (a, b) => (a === undefined || b.gain > a.gain ? b : a),
    undefined,
  );
  const gpuGains = libraries.flatMap((l) =>
    l.gpu?.gain === undefined ? [] : [{ runtime: l.runtime, backend: l.gpu.backend, gain: l.gpu.gain }],
  );
  const topGpu = gpuGains.reduce<(typeof gpuGains)[number] | undefined>(
    (a, b) => (a === undefined || b.gain > a.gain ? b : a),
    undefined,
  );
  const candidates: [Factor, number][] = [];
  if (librarySpread) candidates.push(['library', librarySpread.ratio]);
  if (topFormat) candidates.push(['number format', topFormat.gain]);
  if (topGpu) candidates.push(['GPU', topGpu.gain]);
  const winner = candidates.length >= 2 ? candidates.reduce((a, b) => (b[1] > a[1] ? b : a)) : undefined;
  return {
    network,
    libraries,
    ...(librarySpread ? { librarySpread } : {}),
    ...(topFormat
      ? {
          bestFormat: {
            runtime: topFormat.runtime,
            stored: topFormat.stored,
            computed: topFormat.computed,
            gain: topFormat.gain,
            ...('onGpu' in topFormat ? { onGpu: true as const } : {}),
          },
        }
      : {}),
    ...(topGpu ? { bestGpu: topGpu } : {}),
    ...(winner && winner[1] > 1 ? { verdict: winner[0] } : {}),
  };
}

/** The three factors of every network measured in a reduced format or on two libraries, by network id. */
export function allThreeFactors(rows: readonly FactorInput[]): ThreeFactors[] {
  const networks = [...new Set(rows.map((r) => r.network))].sort();
  return networks
    .map((n) =>
      threeFactors(
        n,
        rows.filter((r) => r.network === n),
      ),
    )
    .filter((t) => t.librarySpread || t.bestFormat || t.bestGpu);
}
