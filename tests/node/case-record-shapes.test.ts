/**
 * Every kind of case the measurement protocol writes is a valid case of the record schema: the
 * real ORT adapter (onnxruntime-web wasm in Node) on a real model for `ok` (timings and check)
 * and `error` after measuring (timings, no reference), and the protocol's own failure paths for
 * `error` before measuring and `unsupported` (which must carry no timings). Needs the model files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuntimeAdapter } from '../../src/measure/adapter.ts';
import { withoutStore } from '../../src/measure/model-files.ts';
import { type CaseSpec, runProtocol } from '../../src/measure/protocol.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { type Case, caseSchema } from '../../src/schema/run.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { referenceFor } from '../../src/suite/references.ts';
import type { Budget } from '../../src/suite/types.ts';
import { MODELS_DIR } from '../../tools/models/references.ts';

const BUDGET: Budget = {
  warmupRuns: 0,
  warmupMs: 0,
  minRuns: 2,
  maxRuns: 2,
  budgetMs: 0,
  targetCiHalfWidth: 0.02,
  caseTimeoutMs: 60_000,
};
const model = modelById('ppocr-cls');

function spec(overrides: Partial<CaseSpec> = {}): CaseSpec {
  return {
    model,
    runtime: 'ort',
    backend: 'wasm',
    options: { threads: 1 },
    budget: BUDGET,
    modelsBaseUrl: pathToFileURL(`${MODELS_DIR}/`).href,
    ...overrides,
  };
}

const fromDisk = {
  loadFiles: withoutStore(async (url: string) => {
    const b = readFileSync(fileURLToPath(url));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }),
};

/** The case parsed by the schema, or the schema's complaint as a failure. */
function expectValid(record: Case): void {
  const parsed = caseSchema.safeParse(JSON.parse(JSON.stringify(record)));
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
}

/** An adapter whose library runs on another backend than asked: the protocol says unsupported. */
const fallingBack = (real: RuntimeAdapter): RuntimeAdapter => ({
  id: real.id,
  async load(request) {
    const session = await real.load(request);
    return {
      run: (inputs) => session.run(inputs),
      info: () => ({ ...session.info(), actualBackend: 'cpu' }),
      dispose: () => session.dispose(),
    };
  },
});

describe('the cases the protocol writes are valid records', () => {
  it('ok, with timings and a check', { timeout: 60_000 }, async () => {
    expect(existsSync(join(MODELS_DIR, model.files[0]?.path ?? '')), 'run `npm run models` first').toBe(true);
    const reference = referenceFor(model.id);
    const record = await runProtocol(
      spec(reference ? { reference } : {}),
      await loadAdapter('ort'),
      fromDisk,
    );
    expect(record.status).toBe('ok');
    expect(record.timings?.warm.n).toBe(2);
    expect(record.check?.ok).toBe(true);
    expectValid(record);
  });

  it('error after measuring (no reference output): timings, no check', { timeout: 60_000 }, async () => {
    const record = await runProtocol(spec(), await loadAdapter('ort'), fromDisk);
    expect(record.status).toBe('error');
    expect(record.timings).toBeDefined();
    expect(record.check).toBeUndefined();
    expectValid(record);
  });

  it('error before measuring: no timings', async () => {
    const record = await runProtocol(spec({ fault: 'throw' }), await loadAdapter('ort'), fromDisk);
    expect(record).toMatchObject({ status: 'error', error: 'injected fault' });
    expect(record.timings).toBeUndefined();
    expectValid(record);
  });

  it('unsupported (the library fell back to another backend): no timings or checks', {
    timeout: 60_000,
  }, async () => {
    const record = await runProtocol(spec(), fallingBack(await loadAdapter('ort')), fromDisk);
    expect(record.status).toBe('unsupported');
    expect(record.error).toBe('requested wasm but the library ran on cpu');
    expect(record).not.toHaveProperty('timings');
    expect(record).not.toHaveProperty('check');
    expectValid(record);
  });
});
