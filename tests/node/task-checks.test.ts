/**
 * The task checks hold on the real models: the measurement protocol runs the PP-OCR models and
 * Silero VAD through the real ORT adapter (onnxruntime-web wasm in Node) on their rendered /
 * synthetic inputs, and the recogniser reads the rendered string. Needs the real model files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withoutStore } from '../../src/measure/model-files.ts';
import { runProtocol } from '../../src/measure/protocol.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import type { Case } from '../../src/schema/run.ts';
import { modelById } from '../../src/suite/catalog.ts';
import { referenceFor } from '../../src/suite/references.ts';
import type { Budget, ModelEntry, TextFill } from '../../src/suite/types.ts';
import { MODELS_DIR } from '../../tools/models/references.ts';

const BUDGET: Budget = {
  warmupRuns: 0,
  warmupMs: 0,
  minRuns: 1,
  maxRuns: 1,
  budgetMs: 0,
  targetCiHalfWidth: 0.02,
  caseTimeoutMs: 60_000,
};

async function runCase(model: ModelEntry, withReference = true): Promise<Case> {
  expect(existsSync(join(MODELS_DIR, model.files[0]?.path ?? '')), 'run `npm run models` first').toBe(true);
  const reference = withReference ? referenceFor(model.id) : undefined;
  return runProtocol(
    {
      model,
      runtime: 'ort',
      backend: 'wasm',
      options: { threads: 1 },
      budget: BUDGET,
      modelsBaseUrl: pathToFileURL(`${MODELS_DIR}/`).href,
      ...(reference ? { reference } : {}),
    },
    await loadAdapter('ort'),
    {
      loadFiles: withoutStore(async (url) => {
        const b = readFileSync(fileURLToPath(url));
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      }),
    },
  );
}

/** The model with its first input's text lines replaced. */
function withText(model: ModelEntry, text: string): ModelEntry {
  const [input, ...rest] = model.inputs;
  if (!input || input.fill.kind !== 'text') throw new Error(`${model.id} has no text input`);
  const fill: TextFill = { ...input.fill, lines: input.fill.lines.map((l) => ({ ...l, text })) };
  return { ...model, inputs: [{ ...input, fill }, ...rest] };
}

describe('task checks on the real models (ORT wasm in Node)', () => {
  it('ppocr-rec reads the rendered "ATLAS 2026"', { timeout: 60_000 }, async () => {
    const result = await runCase(modelById('ppocr-rec'));
    expect(result.status, result.error).toBe('ok');
    expect(result.check?.ok).toBe(true);
    expect(result.taskCheck).toEqual({ ok: true, kind: 'ctcText', detail: 'read "ATLAS 2026"' });
  });

  it('ppocr-rec reads other rendered text too, and a wrong expectation makes the case wrong', {
    timeout: 60_000,
  }, async () => {
    const rec = modelById('ppocr-rec');
    const other = withText(rec, 'ZEBRA 1234');
    if (other.taskCheck?.kind !== 'ctcText') throw new Error('ppocr-rec has no ctcText check');
    const read = await runCase(
      { ...other, taskCheck: { ...other.taskCheck, expected: 'ZEBRA 1234' } },
      false,
    );
    expect(read.taskCheck).toMatchObject({ ok: true, detail: 'read "ZEBRA 1234"' });

    if (rec.taskCheck?.kind !== 'ctcText') throw new Error('ppocr-rec has no ctcText check');
    const wrong = await runCase({ ...rec, taskCheck: { ...rec.taskCheck, expected: 'ATLAS 2027' } });
    expect(wrong.check?.ok).toBe(true);
    expect(wrong.status).toBe('wrong');
    expect(wrong.error).toMatch(/task check ctcText failed: read "ATLAS 2026", expected "ATLAS 2027"/);
  });

  it('ppocr-cls says the rendered line is upright', { timeout: 60_000 }, async () => {
    const result = await runCase(modelById('ppocr-cls'));
    expect(result.status, result.error).toBe('ok');
    expect(result.taskCheck).toMatchObject({ ok: true, kind: 'argmax' });
  });

  it('ppocr-det lights up the rendered lines, and not a blank page', { timeout: 120_000 }, async () => {
    const det = modelById('ppocr-det');
    const result = await runCase(det);
    expect(result.status, result.error).toBe('ok');
    expect(result.taskCheck).toMatchObject({ ok: true, kind: 'textRegions' });
    // Ink the colour of the paper: the same line boxes, nothing drawn in them.
    const [input, ...rest] = det.inputs;
    if (input?.fill.kind !== 'text') throw new Error('ppocr-det has no text input');
    const blank = await runCase(
      { ...det, inputs: [{ ...input, fill: { ...input.fill, ink: input.fill.paper } }, ...rest] },
      false,
    );
    expect(blank.taskCheck?.ok).toBe(false);
  });

  it('silero-vad gives a low speech probability on silence', { timeout: 60_000 }, async () => {
    const result = await runCase(modelById('silero-vad'));
    expect(result.status, result.error).toBe('ok');
    expect(result.taskCheck).toMatchObject({ ok: true, kind: 'maxBelow' });
  });
});
