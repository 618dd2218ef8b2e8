/**
 * Conformance of every runtime adapter to the contract in src/measure/adapter.ts, on real models
 * in Node (on each format's reference backend): outputs come back as CPU arrays named and shaped
 * as the catalog says, repeated runs agree, an unknown backend is `UnsupportedError` (not a crash),
 * the session reports its backend and version, and dispose works.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/measure/adapter.ts';
import { RUNTIMES, type RuntimeId, runtimeById } from '../../src/runtimes/index.ts';
import { loadAdapter } from '../../src/runtimes/loaders.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { elementCount, makeInputs } from '../../src/suite/inputs.ts';
import { modelSource, referenceBackendFor } from '../../tools/models/references.ts';

/** The smallest catalog model each runtime can read. */
function smallestModelFor(runtimeId: RuntimeId) {
  const runtime = runtimeById(runtimeId);
  const candidates = MODELS.filter((m) => runtime.formats.includes(m.format));
  return [...candidates].sort(
    (a, b) => a.files.reduce((n, f) => n + f.bytes, 0) - b.files.reduce((n, f) => n + f.bytes, 0),
  )[0];
}

it('every runtime in the registry loads an adapter that names itself by the same id', async () => {
  for (const runtime of RUNTIMES) expect((await loadAdapter(runtime.id)).id).toBe(runtime.id);
});

describe.each(RUNTIMES.map((r) => r.id))('adapter %s', (runtimeId) => {
  const model = smallestModelFor(runtimeId);
  if (!model) throw new Error(`no catalog model for ${runtimeId}`);
  const reference = referenceBackendFor(model.format);

  // MediaPipe Tasks need a browser (OffscreenCanvas, its WASM loader): tests/e2e/mediapipe.spec.ts
  // runs this same check on every task model in Chromium.
  it.skipIf(reference.computedIn === 'browser')(
    'runs a real model and returns every output, read back, with the catalog shapes',
    async () => {
      const adapter = await loadAdapter(runtimeId);
      expect(adapter.id).toBe(runtimeId);
      const session = await adapter.load({
        model: modelSource(model),
        backend: reference.backend,
        options: reference.options,
      });
      try {
        const info = session.info();
        expect(info.actualBackend).toBe(reference.backend);
        expect(info.libraryVersion).toMatch(/@\d+\.\d+\.\d+/);
        const inputs = makeInputs(model.inputs);
        const first = await session.run(inputs);
        expect(first.map((o) => o.name)).toEqual(model.outputs);
        for (const out of first) expect(out.data.length).toBe(elementCount(out.shape));
        const second = await session.run(inputs);
        expect(second.map((o) => Array.from(o.data.slice(0, 16), Number))).toEqual(
          first.map((o) => Array.from(o.data.slice(0, 16), Number)),
        );
      } finally {
        await session.dispose();
      }
    },
  );

  it('refuses a backend it does not have with UnsupportedError', async () => {
    const adapter = await loadAdapter(runtimeId);
    await expect(
      adapter.load({ model: modelSource(model), backend: 'no-such-backend', options: {} }),
    ).rejects.toBeInstanceOf(UnsupportedError);
  });
});

it('an unknown runtime id is a clear error', async () => {
  await expect(loadAdapter('nope')).rejects.toThrow(/no adapter for runtime "nope"/);
});
