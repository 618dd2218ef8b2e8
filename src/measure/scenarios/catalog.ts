/**
 * The scenarios a run can add: named, versioned, with their parameters at two sizes (`quick` for
 * a phone in a minute or two, `full` for tighter figures). Each placement names a model of the
 * suite catalog and a runtime/backend to run it on; the page's runner falls back to the next
 * listed backend of a role when the browser lacks one, and records what it used. Bump a
 * scenario's version whenever what it measures changes.
 */

/** A session a scenario wants: a role name, a model, a runtime and the backends to try in order. */
export interface RoleSpec {
  role: string;
  model: string;
  runtime: string;
  /** Backends in order of preference; the first the browser offers is used. */
  backends: readonly string[];
  /** WASM threads (1 keeps a session to one core, so co-running sessions do not fight over pthreads). */
  threads?: number;
}

export type ScenarioSize = 'quick' | 'full';

interface ScenarioBase {
  id: string;
  version: string;
  title: string;
  /** The question the scenario answers, one sentence, shown on the page. */
  question: string;
}

export interface ConcurrentScenario extends ScenarioBase {
  id: 'concurrent';
  /** Two sessions on different backends, and the first one's model again on the second's backend. */
  roles: readonly [RoleSpec, RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { inferences: number }>;
}
export interface SplitScenario extends ScenarioBase {
  id: 'split';
  /** The same model on two backends. */
  roles: readonly [RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { batch: number; ratios: readonly number[]; repeats: number }>;
}
export interface PipelineScenario extends ScenarioBase {
  id: 'pipeline';
  /** Stage models and the backends each stage may be placed on. */
  stages: readonly [RoleSpec, RoleSpec];
  sizes: Record<ScenarioSize, { items: number }>;
}
export interface InterferenceScenario extends ScenarioBase {
  id: 'interference';
  /** The measured sessions, one per backend. */
  roles: readonly RoleSpec[];
  /** `inferences` per level and session, measured in `rounds` alternating rounds. */
  sizes: Record<ScenarioSize, { inferences: number; rounds: number; gpuLoad: boolean }>;
}
export interface DynamicScenario extends ScenarioBase {
  id: 'dynamic';
  /** The backend sessions the dispatcher sends requests to. */
  roles: readonly RoleSpec[];
  sizes: Record<
    ScenarioSize,
    { requests: number; loads: readonly number[]; deadlineFactor: number; seed: number }
  >;
}
export interface SustainedScenario extends ScenarioBase {
  id: 'sustained';
  roles: readonly [RoleSpec];
  sizes: Record<ScenarioSize, { durationMs: number; windowMs: number }>;
}

export type ScenarioDefinition =
  | ConcurrentScenario
  | SplitScenario
  | PipelineScenario
  | InterferenceScenario
  | DynamicScenario
  | SustainedScenario;

/**
 * MediaPipe's BlazeFace short-range detector (128×128) as a raw `.tflite`: LiteRT.js runs it on
 * WASM (XNNPACK) and WebGPU, fast enough on both that a phone finishes the quick sizes in a
 * minute or two (MobileNetV2 took 1.2 s per inference on a software WebGPU).
 */
const DETECTOR = 'face-detection-short';

export const SCENARIOS: readonly ScenarioDefinition[] = Object.freeze([
  {
    id: 'concurrent',
    version: '1',
    title: 'Two models at once',
    question:
      'Do two models running at the same time on different backends slow each other down, and does that beat running them one after the other or both on one backend?',
    roles: [
      { role: 'faces', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
      { role: 'voice', model: 'silero-vad', runtime: 'ort', backends: ['wasm'], threads: 1 },
      { role: 'faces-cpu', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
    ],
    sizes: { quick: { inferences: 12 }, full: { inferences: 60 } },
  },
  {
    id: 'split',
    version: '1',
    title: 'One batch split across two backends',
    question:
      'Does splitting a batch between the CPU and the GPU finish sooner than the faster one alone, and at what ratio?',
    roles: [
      { role: 'cpu', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
      { role: 'gpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
    ],
    sizes: {
      quick: { batch: 8, ratios: [0, 0.125, 0.25, 0.5, 0.75, 0.875, 1], repeats: 2 },
      full: { batch: 32, ratios: [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1], repeats: 3 },
    },
  },
  {
    id: 'pipeline',
    version: '1',
    title: 'Two-stage pipeline',
    question:
      'Face detection then face landmarks: which placement of the two stages on backends gives the most frames per second, and the lowest latency?',
    stages: [
      {
        role: 'detect',
        model: 'face-detection-short',
        runtime: 'litert',
        backends: ['wasm', 'webgpu'],
        threads: 1,
      },
      {
        role: 'landmarks',
        model: 'face-landmark',
        runtime: 'litert',
        backends: ['wasm', 'webgpu'],
        threads: 1,
      },
    ],
    sizes: { quick: { items: 10 }, full: { items: 60 } },
  },
  {
    id: 'interference',
    // 2: alternating rounds with pooled samples and a confirmed, recorded background load.
    version: '2',
    title: 'Background load',
    question:
      'How much slower does inference get while other work keeps the CPU cores (or the GPU) busy, and does the fastest backend change?',
    roles: [
      { role: 'wasm', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
      { role: 'webgpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu'], threads: 1 },
    ],
    sizes: {
      quick: { inferences: 24, rounds: 4, gpuLoad: true },
      full: { inferences: 120, rounds: 6, gpuLoad: true },
    },
  },
  {
    id: 'dynamic',
    version: '1',
    title: 'Requests arriving at random',
    question:
      'With requests arriving as a Poisson process, which dispatch policy keeps the tail latency and deadline misses lowest as the load grows?',
    roles: [
      { role: 'wasm', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 },
      { role: 'webgpu', model: DETECTOR, runtime: 'litert', backends: ['webgpu', 'wasm'], threads: 1 },
    ],
    sizes: {
      quick: { requests: 120, loads: [0.3, 0.6, 0.8], deadlineFactor: 4, seed: 7 },
      full: { requests: 300, loads: [0.3, 0.5, 0.7, 0.8, 0.9, 1.0], deadlineFactor: 4, seed: 7 },
    },
  },
  {
    id: 'sustained',
    version: '1',
    title: 'Sustained load',
    question: 'Does latency drift over minutes of continuous inference (thermal throttling, memory growth)?',
    roles: [{ role: 'model', model: DETECTOR, runtime: 'litert', backends: ['wasm'], threads: 1 }],
    sizes: {
      quick: { durationMs: 15_000, windowMs: 3_000 },
      full: { durationMs: 180_000, windowMs: 15_000 },
    },
  },
] satisfies ScenarioDefinition[]);

export type ScenarioId = ScenarioDefinition['id'];

/** Looks a scenario up; throws with the known ids when there is none. */
export function scenarioById(id: string): ScenarioDefinition {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return found;
}
