/**
 * The measurement protocol on its own: a scripted adapter on a fake clock (tests/unit/fakes), no
 * library. Samples, stop reasons, the fallback rule, the dispose note and the output check on the
 * first and last inferences come out exactly as the procedure in docs/methodology.md says.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/measure/adapter.ts';
import type { CaseObserver, FirstAnswerMarks } from '../../src/measure/case-observer.ts';
import { type CaseSpec, type ProgressEvent, runProtocol } from '../../src/measure/protocol.ts';
import type { Budget } from '../../src/suite/types.ts';
import {
  type AdapterScript,
  budget,
  FakeClock,
  fakeHooks,
  fakeModel,
  fakeReference,
  scriptedAdapter,
} from './fakes/scripted-adapter.ts';

function spec(b: Budget, overrides: Partial<CaseSpec> = {}): CaseSpec {
  return {
    model: fakeModel,
    runtime: 'scripted',
    backend: 'webgpu',
    options: { threads: 1 },
    budget: b,
    modelsBaseUrl: 'http://models.test/',
    reference: fakeReference,
    ...overrides,
  };
}

async function run(script: AdapterScript, b: Budget, overrides: Partial<CaseSpec> = {}, fetchMs = 0) {
  const clock = new FakeClock();
  const { adapter, log } = scriptedAdapter(clock, script);
  const phases: ProgressEvent['phase'][] = [];
  const record = await runProtocol(spec(b, overrides), adapter, {
    ...fakeHooks(clock, fetchMs),
    onProgress: (e) => phases.push(e.phase),
  });
  return { record, log, phases };
}

describe('protocol: phases and exact samples', () => {
  it('times load, init and the first inference apart, warms up unrecorded, keeps every sample', async () => {
    const { record, log, phases } = await run(
      { initMs: 30, runMs: [50, 20, 20, 7, 8, 9] },
      budget({ warmupRuns: 2, minRuns: 3, maxRuns: 3, budgetMs: 1e9, targetCiHalfWidth: 0 }),
      {},
      5,
    );
    expect(record.status).toBe('ok');
    expect(record.timings?.loadMs).toBe(5);
    expect(record.timings?.initMs).toBe(30);
    expect(record.timings?.firstMs).toBe(50);
    expect(record.timings?.warmupRuns).toBe(2);
    expect(record.timings?.warm.samplesMs).toEqual([7, 8, 9]);
    expect(record.timings?.warm.medianMs).toBe(8);
    expect(record.timings?.warm.stop).toBe('maxRuns');
    expect(log.runs).toBe(1 + 2 + 3);
    expect(log.disposed).toBe(1);
    expect(phases).toEqual(['load', 'init', 'first', 'warmup', 'measure', 'done']);
    expect(record.actualBackend).toBe('webgpu');
    expect(record.libraryVersion).toBe('scripted 1.0');
  });

  it('feeds the same deterministic inputs to every inference', async () => {
    const { log } = await run({ runMs: [1] }, budget({ warmupRuns: 1, minRuns: 2, maxRuns: 2 }));
    expect(log.feeds).toHaveLength(4);
    const [x] = log.feeds[0] ?? [];
    expect(x?.name).toBe('x');
    expect([...(x?.data as Float32Array)]).toEqual([1, 1]);
    for (const feed of log.feeds) expect(feed).toBe(log.feeds[0]);
  });

  it('warms up for at least warmupMs as well as at least warmupRuns', async () => {
    // 10 ms a run: runs end at 10, 20, 30 ms of warm-up; the loop stops once 25 ms have passed.
    const { record } = await run({ runMs: [10] }, budget({ warmupRuns: 1, warmupMs: 25 }));
    expect(record.timings?.warmupRuns).toBe(3);
    expect(record.timings?.warm.samplesMs).toEqual([10]);
  });
});

describe('protocol: the stopping rule decides how many samples', () => {
  it('stops as converged at exactly minRuns on constant samples', async () => {
    const { record } = await run(
      { runMs: [5] },
      budget({ minRuns: 4, maxRuns: 100, budgetMs: 1e9, targetCiHalfWidth: 0.02 }),
    );
    expect(record.timings?.warm.samplesMs).toEqual([5, 5, 5, 5]);
    expect(record.timings?.warm.stop).toBe('converged');
  });

  it('stops on budget once the measuring time is spent, counting only measured time', async () => {
    // Noisy 1, 2, 1, 2, … never converges; measured time reaches 10 ms after the 7th sample.
    // The first run and the warm-up (100 ms each) are not measuring time.
    const { record } = await run(
      { runMs: [100, 100, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2] },
      budget({ warmupRuns: 1, minRuns: 3, maxRuns: 100, budgetMs: 10, targetCiHalfWidth: 0.02 }),
    );
    expect(record.timings?.warm.samplesMs).toEqual([1, 2, 1, 2, 1, 2, 1]);
    expect(record.timings?.warm.stop).toBe('budget');
  });

  it('takes minRuns samples even when the budget is spent after the first', async () => {
    const { record } = await run(
      { runMs: [1, 2] },
      budget({ minRuns: 5, maxRuns: 100, budgetMs: 0, targetCiHalfWidth: 0.02 }),
    );
    expect(record.timings?.warm.samplesMs).toEqual([2, 2, 2, 2, 2]);
    expect(record.timings?.warm.stop).toBe('converged');
  });

  it('prefers converged over budget when both hold', async () => {
    const { record } = await run(
      { runMs: [3] },
      budget({ minRuns: 3, maxRuns: 100, budgetMs: 1, targetCiHalfWidth: 0.02 }),
    );
    expect(record.timings?.warm.samplesMs).toEqual([3, 3, 3]);
    expect(record.timings?.warm.stop).toBe('converged');
  });

  it('never takes more than maxRuns samples, below minRuns too', async () => {
    const { record } = await run(
      { runMs: [1, 2, 1, 2] },
      budget({ minRuns: 10, maxRuns: 3, budgetMs: 1e9, targetCiHalfWidth: 0.02 }),
    );
    expect(record.timings?.warm.samplesMs).toEqual([2, 1, 2]);
    expect(record.timings?.warm.stop).toBe('maxRuns');
  });
});

describe('protocol: unsupported, errors and dispose', () => {
  it('records a silent fallback to another backend as unsupported, without running it', async () => {
    const { record, log } = await run({ runMs: [1], actualBackend: 'wasm' }, budget(), { backend: 'webgpu' });
    expect(record.status).toBe('unsupported');
    expect(record.error).toBe('requested webgpu but the library ran on wasm');
    expect(record.actualBackend).toBe('wasm');
    expect(record.timings).toBeUndefined();
    expect(log.runs).toBe(0);
    expect(log.disposed).toBe(1);
  });

  it('records a backend the library refuses as unsupported with its reason', async () => {
    const { record, log } = await run(
      { runMs: [1], loadError: new UnsupportedError('no WebGPU adapter') },
      budget(),
    );
    expect(record.status).toBe('unsupported');
    expect(record.error).toBe('no WebGPU adapter');
    expect(log.disposed).toBe(0);
  });

  it('records a failing inference as error on one line and still disposes', async () => {
    const { record, log } = await run(
      { runMs: [1], runError: new Error('kernel\n  failed\tbadly') },
      budget(),
    );
    expect(record.status).toBe('error');
    expect(record.error).toBe('kernel failed badly');
    expect(log.disposed).toBe(1);
  });

  it('notes a failing dispose without changing the outcome', async () => {
    const { record, log } = await run(
      { runMs: [4], notes: ['library said so'], disposeError: new Error('context\nlost') },
      budget({ minRuns: 2, maxRuns: 2 }),
    );
    expect(log.disposed).toBe(1);
    expect(record.status).toBe('ok');
    expect(record.timings?.warm.samplesMs).toEqual([4, 4]);
    expect(record.notes).toEqual(['library said so', 'dispose failed: context lost']);
  });

  it('is an error, not ok, without a reference output', async () => {
    const clock = new FakeClock();
    const { reference: _, ...noReference } = spec(budget());
    const record = await runProtocol(
      noReference,
      scriptedAdapter(clock, { runMs: [1] }).adapter,
      fakeHooks(clock),
    );
    expect(record.status).toBe('error');
    expect(record.error).toMatch(/^no reference output for fake/);
  });
});

describe('protocol: the output check takes the worse of the first and the last inference', () => {
  const b = budget({ warmupRuns: 1, minRuns: 3, maxRuns: 3 });
  const good = [1, 2] as const;
  const off = (d: number) => [1 + d, 2] as const;

  it('is wrong when only the first inference is off', async () => {
    // calls: first, warm-up, 3 samples
    const { record } = await run({ runMs: [1], outputs: [off(0.5), good] }, b);
    expect(record.status).toBe('wrong');
    expect(record.check?.ok).toBe(false);
    expect(record.check?.value).toBe(0.5);
    expect(record.error).toBe('maxAbsDiff 0.500 > 0.01');
  });

  it('is wrong when only the last inference is off', async () => {
    const { record } = await run({ runMs: [1], outputs: [good, good, good, good, off(0.25)] }, b);
    expect(record.status).toBe('wrong');
    expect(record.check?.value).toBe(0.25);
  });

  it('ignores the warm-up and the middle samples, which are not checked', async () => {
    const { record } = await run({ runMs: [1], outputs: [good, off(1), off(1), off(1), good] }, b);
    expect(record.status).toBe('ok');
    expect(record.check?.value).toBe(0);
  });

  it('records the larger difference when both pass', async () => {
    const first = await run({ runMs: [1], outputs: [off(0.0078125), good] }, b);
    expect(first.record.status).toBe('ok');
    expect(first.record.check?.value).toBe(0.0078125);
    const last = await run({ runMs: [1], outputs: [off(0.00390625), good, good, good, off(0.0078125)] }, b);
    expect(last.record.status).toBe('ok');
    expect(last.record.check?.value).toBe(0.0078125);
  });

  it('records the larger difference when both fail', async () => {
    const lastWorse = await run({ runMs: [1], outputs: [off(0.5), off(1)] }, b);
    expect(lastWorse.record.status).toBe('wrong');
    expect(lastWorse.record.check?.value).toBe(1);
    expect(lastWorse.record.error).toBe('maxAbsDiff 1.00 > 0.01');
    const firstWorse = await run({ runMs: [1], outputs: [off(1), off(0.5)] }, b);
    expect(firstWorse.record.check?.value).toBe(1);
  });
});

describe('protocol: the case observer', () => {
  it('records the WASM heap after init and after the timed runs, and the breakdown at the first answer', async () => {
    const clock = new FakeClock();
    const { adapter } = scriptedAdapter(clock, { initMs: 30, runMs: [50, 7] });
    const marks: FirstAnswerMarks[] = [];
    // A heap that grows with time, as a library's does while it runs.
    const observer: CaseObserver = {
      heap: () => ({ bytes: 1000 + clock.now(), memories: 1 }),
      coldStart: (m) => {
        marks.push(m);
        return { coldStart: { firstAnswerMs: m.firstEndMs - m.verifyMs }, modelFiles: [...m.modelFiles] };
      },
    };
    const record = await runProtocol(
      spec(budget({ warmupRuns: 1, minRuns: 2, maxRuns: 2, budgetMs: 1e9 })),
      adapter,
      { ...fakeHooks(clock, 5), observer },
    );
    expect(record.status).toBe('ok');
    // Load 5 + init 30 + first 50 on the fake clock.
    expect(marks).toHaveLength(1);
    expect(marks[0]?.firstEndMs).toBe(85);
    expect([...(marks[0]?.modelUrls.entries() ?? [])]).toEqual(
      fakeModel.files.map((f) => [`http://models.test/${f.path}`, f.path]),
    );
    expect(record.coldStart).toEqual({ firstAnswerMs: 85 - (record.timings?.verifyMs ?? 0) });
    // Heap read after init (35) and after warm-up 7 + two runs of 7 (106).
    expect(record.memory).toEqual({ wasmHeapInitBytes: 1035, wasmHeapPeakBytes: 1106, wasmMemories: 1 });
  });

  it('records no memory figures when the observer sees no heap', async () => {
    const clock = new FakeClock();
    const { adapter } = scriptedAdapter(clock, { runMs: [1] });
    const observer: CaseObserver = {
      heap: () => undefined,
      coldStart: (m) => ({ coldStart: { firstAnswerMs: m.firstEndMs }, modelFiles: [...m.modelFiles] }),
    };
    const record = await runProtocol(spec(budget()), adapter, { ...fakeHooks(clock), observer });
    expect(record.status).toBe('ok');
    expect(record.memory).toBeUndefined();
    expect(record.coldStart).toBeDefined();
  });
});
