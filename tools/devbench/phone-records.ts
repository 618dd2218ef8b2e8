/**
 * Synthetic runs of the scored phone suite for the generated store (`npm run bench:generate --
 * --suite phone`): the server-records device profiles, every model of the suite's score
 * reference on its library's CPU backend (WASM) and best GPU backend there (WebGPU when the
 * profile has it, else WebGL where the library has one), medians scaled from the reference's by
 * the profile's speed with seeded noise, and a few failed cases, so most runs get a CPU score,
 * WebGPU devices a GPU score, and some runs none — as a real store would hold.
 */
import { referenceRuntimeFor } from '../../src/runtimes/index.ts';
import type { Case, Run } from '../../src/schema/run.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { SCORE_REFERENCES } from '../../src/suite/score-references.ts';
import { suiteById } from '../../src/suite/suites.ts';
import type { RuntimeId } from '../../src/suite/types.ts';
import { pick, pickProfile, type SyntheticRunOptions } from './server-records.ts';
import { syntheticCase } from './synthetic-case.ts';

const PHONE = suiteById('phone');
const REFERENCE = SCORE_REFERENCES.find((r) => r.suite === PHONE.id && r.suiteVersion === PHONE.version);

/** One ok case of the suite, timed around `medianMs` like the other synthetic records. */
function timed(model: string, runtime: string, backend: string, medianMs: number): Case {
  return syntheticCase(
    { model, runtime, backend, options: {} },
    { medianMs, spread: 0.03, loadMs: 40, initMs: 60, firstFactor: 3, warmupRuns: 1, checkValue: 0 },
  );
}

function failed(model: string, runtime: string, backend: string, error: string): Case {
  return { model, runtime, backend, options: {}, status: 'error', error };
}

/** One run of the phone suite on a random profile (`options.cases` is ignored: the suite decides). */
export function syntheticPhoneRun(rand: () => number, options: SyntheticRunOptions): Run {
  if (!REFERENCE) throw new Error('the phone suite has no score reference');
  const profile = pickProfile(rand);
  const noise = () => Math.exp((rand() - 0.5) * 0.3);
  const cases: Case[] = [];
  for (const model of Object.keys(REFERENCE.medians.cpu)) {
    const runtime = referenceRuntimeFor(modelById(model).format).id;
    const cpuMs = (REFERENCE.medians.cpu[model] ?? 10) * profile.slowdown * 0.8 * noise();
    cases.push(
      rand() < 0.02
        ? failed(model, runtime, 'wasm', 'RuntimeError: out of memory')
        : timed(model, runtime, 'wasm', cpuMs),
    );
    const gpuBackends: readonly string[] = PHONE.backends?.[runtime as RuntimeId] ?? [];
    const backend =
      profile.webgpu && gpuBackends.includes('webgpu')
        ? 'webgpu'
        : gpuBackends.includes('webgl')
          ? 'webgl'
          : undefined;
    if (!backend) {
      cases.push({
        model,
        runtime,
        backend: 'webgpu',
        options: {},
        status: 'unsupported',
        error: 'navigator.gpu is not available',
      });
      continue;
    }
    const gpuMs = (REFERENCE.medians.gpu[model] ?? 10) * profile.slowdown * 0.1 * noise();
    cases.push(
      rand() < 0.02
        ? failed(model, runtime, backend, 'GPU device lost')
        : timed(model, runtime, backend, gpuMs),
    );
  }
  const memory = pick(rand, profile.memory);
  return {
    schema: 'atlas.run/1',
    id: options.id,
    createdAt: options.createdAt,
    app: { version: '0.1.0' },
    suite: { id: PHONE.id, version: PHONE.version },
    source: profile.emulation ? 'automation' : 'browser',
    ...(profile.emulation ? { emulation: profile.emulation } : {}),
    env: {
      ...profile.env,
      hardwareConcurrency: pick(rand, profile.cores),
      ...(memory === undefined ? {} : { deviceMemory: memory }),
    },
    cases,
  };
}
