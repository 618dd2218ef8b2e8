/**
 * A runtime adapter that runs no library: every call follows a script on a fake clock, so the
 * protocol's samples, stop reasons and checks come out exact. Also the smallest model entry and
 * reference the protocol needs.
 */
import type { LoadedModel, OutputTensor, RuntimeAdapter, SessionInfo } from '../../../src/measure/adapter.ts';
import { withoutStore } from '../../../src/measure/model-files.ts';
import type { ProtocolHooks } from '../../../src/measure/protocol.ts';
import type { InputTensor } from '../../../src/suite/inputs.ts';
import type { Budget, ModelEntry, ModelReference } from '../../../src/suite/types.ts';

/** A clock that moves only when told to. */
export class FakeClock {
  t = 0;
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface AdapterScript {
  /** ms that `load()` (the library's init) takes. */
  initMs?: number;
  /** ms each `run()` takes, by call (the first inference is call 0); the last value repeats. */
  runMs: readonly number[];
  /** The values of output `y` ([2]) by call; the last one repeats. Default: the reference's. */
  outputs?: readonly (readonly [number, number])[];
  /** The backend the library reports (default: the one requested). */
  actualBackend?: string;
  notes?: string[];
  loadError?: Error;
  runError?: Error;
  disposeError?: Error;
}

/** What the protocol did to the fake library. */
export interface AdapterLog {
  runs: number;
  disposed: number;
  /** Every input fed to `run()`, by call. */
  feeds: (readonly InputTensor[])[];
}

/** The reference output of the fixture model: `y` = [1, 2]. */
export const REFERENCE_Y = [1, 2] as const;

export const fakeReference: ModelReference = {
  model: 'fake',
  computedWith: 'script',
  outputs: [{ name: 'y', shape: [2], indices: [0, 1], values: [...REFERENCE_Y], mean: 1.5 }],
};

export const fakeModel: ModelEntry = {
  id: 'fake',
  task: 'test',
  description: 'a scripted model',
  source: 'generated',
  format: 'onnx',
  files: [
    {
      path: 'fake/model.onnx',
      bytes: 4,
      // The sha256 of the four zero bytes the fake fetch returns.
      sha256: 'df3f619804a92fdb4057192dc43dd748ea778adc52bc498ce80524c014b81119',
      from: 'test',
      license: 'MIT',
      generated: { arch: 'fake', file: 'model.onnx' },
    },
  ],
  inputs: [{ name: 'x', dtype: 'float32', shape: [1, 2], fill: { kind: 'constant', value: 1 } }],
  outputs: ['y'],
  check: { maxAbsDiff: 0.01 },
};

export function budget(overrides: Partial<Budget> = {}): Budget {
  return {
    warmupRuns: 0,
    warmupMs: 0,
    minRuns: 1,
    maxRuns: 1,
    budgetMs: 0,
    targetCiHalfWidth: 0.02,
    caseTimeoutMs: 60_000,
    ...overrides,
  };
}

function at<T>(list: readonly T[], i: number): T {
  const value = list[Math.min(i, list.length - 1)];
  if (value === undefined) throw new Error('empty script');
  return value;
}

export function scriptedAdapter(
  clock: FakeClock,
  script: AdapterScript,
): { adapter: RuntimeAdapter; log: AdapterLog } {
  const log: AdapterLog = { runs: 0, disposed: 0, feeds: [] };
  const adapter: RuntimeAdapter = {
    // Any runtime id will do: the protocol never looks at it.
    id: 'ort',
    async load(request) {
      if (script.loadError) throw script.loadError;
      clock.advance(script.initMs ?? 0);
      const info: SessionInfo = {
        actualBackend: script.actualBackend ?? request.backend,
        libraryVersion: 'scripted 1.0',
        options: { ...request.options },
        notes: [...(script.notes ?? [])],
      };
      const session: LoadedModel = {
        async run(inputs) {
          const call = log.runs++;
          log.feeds.push(inputs);
          clock.advance(at(script.runMs, call));
          if (script.runError) throw script.runError;
          const y = script.outputs ? at(script.outputs, call) : REFERENCE_Y;
          const out: OutputTensor = { name: 'y', dtype: 'float32', shape: [2], data: Float32Array.from(y) };
          return [out];
        },
        info: () => info,
        async dispose() {
          log.disposed++;
          if (script.disposeError) throw script.disposeError;
        },
      };
      return session;
    },
  };
  return { adapter, log };
}

/** Protocol hooks on the fake clock: fetching a file takes `fetchMs`. */
export function fakeHooks(clock: FakeClock, fetchMs = 0): Partial<ProtocolHooks> {
  return {
    now: clock.now,
    loadFiles: withoutStore(async () => {
      clock.advance(fetchMs);
      return new ArrayBuffer(4);
    }),
  };
}
