/**
 * Builders of valid `atlas.run/1` records for server and browser tests: a fresh id each time, `n`
 * cases with plausible timings, and overrides for what a test is about; `buildRun` makes a run on
 * a named phone from case specs (the dashboard tests).
 */
import { randomUUID } from 'node:crypto';
import { type Case, caseSchema, type MeasuredCase, type Run } from '../../src/schema/run.ts';

export function okCase(
  model: string,
  runtime: string,
  backend: string,
  medianMs: number,
  options: Case['options'] = {},
): MeasuredCase {
  return {
    model,
    runtime,
    backend,
    options,
    status: 'ok',
    timings: {
      loadMs: 12,
      initMs: 30,
      firstMs: medianMs * 3,
      warm: {
        n: 10,
        medianMs,
        meanMs: medianMs * 1.01,
        minMs: medianMs * 0.97,
        p90Ms: medianMs * 1.05,
        stdevMs: medianMs * 0.02,
        ci95Ms: [medianMs * 0.98, medianMs * 1.02],
        samplesMs: Array.from({ length: 10 }, (_, i) => medianMs * (0.97 + i * 0.008)),
        stop: 'converged',
      },
    },
    check: { ok: true, metric: 'maxAbsDiff', value: 0, tolerance: 0.001 },
  };
}

export function makeRun(overrides: Partial<Run> = {}, caseCount = 20): Run {
  const backends = ['wasm', 'webgpu', 'webgl', 'cpu'];
  const cases: Case[] = Array.from({ length: caseCount }, (_, i) =>
    okCase(`model-${i % 5}`, i % 2 ? 'tfjs' : 'ort', backends[i % 4] as string, 1 + i, {
      threads: 1 + (i % 2),
    }),
  );
  return {
    schema: 'atlas.run/1',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: { version: '0.1.0' },
    suite: { id: 'quick', version: '1' },
    source: 'browser',
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: { brands: [{ brand: 'Google Chrome', version: '156' }], mobile: true, platform: 'Android' },
      hardwareConcurrency: 8,
      deviceMemory: 8,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: true, webnn: false },
      gpu: { vendor: 'qualcomm', architecture: 'adreno-7xx' },
    },
    cases,
    ...overrides,
  };
}

/** A case of a `buildRun` record: ok with this median unless a status says otherwise. */
export interface CaseSpec {
  model: string;
  runtime: string;
  backend: string;
  medianMs?: number;
  status?: Case['status'];
  error?: string;
}

function specTimings(medianMs: number): NonNullable<Case['timings']> {
  const samplesMs = [0.98, 0.99, 1, 1, 1.01, 1.02].map((f) => f * medianMs);
  return {
    loadMs: 5,
    initMs: 3,
    firstMs: medianMs * 2,
    warm: {
      n: samplesMs.length,
      medianMs,
      meanMs: medianMs,
      minMs: medianMs * 0.98,
      p90Ms: medianMs * 1.01,
      stdevMs: medianMs * 0.01,
      ci95Ms: [medianMs * 0.99, medianMs * 1.01],
      samplesMs,
      stop: 'converged',
    },
  };
}

/** A valid atlas.run/1 record made on a phone called `deviceModel`, with a fresh id. */
export function buildRun(deviceModel: string, cases: readonly CaseSpec[]): Run {
  return {
    schema: 'atlas.run/1',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: { version: '0.0.0-test' },
    suite: { id: 'quick', version: '1' },
    source: 'automation',
    env: {
      userAgent: `Mozilla/5.0 (Linux; Android 15; ${deviceModel}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36`,
      uaData: {
        brands: [{ brand: 'Google Chrome', version: '150' }],
        mobile: true,
        platform: 'Android',
        model: deviceModel,
      },
      hardwareConcurrency: 8,
      crossOriginIsolated: true,
      features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: false, webnn: false },
    },
    cases: cases.map((c) =>
      caseSchema.parse({
        model: c.model,
        runtime: c.runtime,
        backend: c.backend,
        options: {},
        status: c.status ?? 'ok',
        ...(c.error ? { error: c.error } : {}),
        ...(c.medianMs !== undefined && (c.status ?? 'ok') === 'ok'
          ? { timings: specTimings(c.medianMs) }
          : {}),
      }),
    ),
  };
}
