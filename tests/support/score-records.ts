/**
 * Records of the scored phone suite for server and browser tests: every reference model of
 * `src/suite/score-references/phone-<version>.json` with a correct case at `factor` × the
 * reference median in each class asked for, so the run gets a score of exactly 100 / factor
 * (the file's numbers are read, never copied: the reference will be re-measured).
 */

import { scoreReferenceFor } from '../../src/report/score.ts';
import type { Case, Run } from '../../src/schema/run.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { suiteById } from '../../src/suite/suites.ts';
import { buildRun, type CaseSpec } from './records.ts';

export const PHONE = suiteById('phone');
const found = scoreReferenceFor(PHONE);
if (!found) throw new Error('the phone suite has no score reference');
export const PHONE_REFERENCE = found;

const RUNTIME_OF_FORMAT: Record<string, string> = {
  onnx: 'ort',
  'tfjs-graph': 'tfjs',
  'tfjs-layers': 'tfjs',
  tflite: 'litert',
  'mediapipe-task': 'mediapipe',
};

/** The runtime that loads a model's file. */
export const runtimeOf = (model: string): string => RUNTIME_OF_FORMAT[modelById(model).format] ?? 'ort';

/** Case specs of every reference model: CPU cases on `wasm`, GPU cases on `webgl`. */
export function phoneSpecs(factor: { cpu?: number; gpu?: number }): CaseSpec[] {
  const specs: CaseSpec[] = [];
  for (const [scoreClass, backend] of [
    ['cpu', 'wasm'],
    ['gpu', 'webgl'],
  ] as const) {
    const f = factor[scoreClass];
    if (f === undefined) continue;
    for (const [model, ms] of Object.entries(PHONE_REFERENCE.medians[scoreClass]))
      specs.push({ model, runtime: runtimeOf(model), backend, medianMs: ms * f });
  }
  return specs;
}

/** Adds the output check the page records on a correct case (buildRun's cases have none). */
function checked(c: Case): Case {
  return c.status === 'ok'
    ? { ...c, check: { ok: true, metric: 'maxAbsDiff', value: 0, tolerance: 1e-3 } }
    : c;
}

/**
 * A phone-suite run on an Android phone `device` (its own device group), optionally reporting a
 * WebGPU adapter of `gpuVendor`, with every reference model at `factor` × its reference median
 * (score 100 / factor in each class given) plus `extra` cases.
 */
export function scoredRun(
  device: string,
  factor: { cpu?: number; gpu?: number },
  options: { gpuVendor?: string; extra?: CaseSpec[] } = {},
): Run {
  const run = buildRun(device, [...phoneSpecs(factor), ...(options.extra ?? [])]);
  return {
    ...run,
    suite: { id: PHONE.id, version: PHONE.version },
    env: { ...run.env, ...(options.gpuVendor ? { gpu: { vendor: options.gpuVendor } } : {}) },
    cases: run.cases.map(checked),
  };
}
