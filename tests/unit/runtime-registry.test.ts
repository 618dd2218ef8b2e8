/**
 * The runtime registry (src/runtimes/index.ts) against the catalog and the stored references, and
 * the compile-time checks that keep it complete: a runtime id without a descriptor or a loader,
 * or a model format no runtime reads, must not type-check (the `@ts-expect-error` lines below
 * fail `tsc --noEmit` the day those checks stop working).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RuntimeAdapter } from '../../src/measure/adapter.ts';
import {
  BACKEND_IDS,
  isRuntimeId,
  type PlannerEnv,
  RUNTIME_TABLE,
  RUNTIMES,
  type RuntimeDescriptor,
  type RuntimeTable,
  referenceRuntimeFor,
  runtimeById,
  runtimesFor,
  type UnreadFormats,
} from '../../src/runtimes/index.ts';
import { type AdapterLoaders, loadAdapter } from '../../src/runtimes/loaders.ts';
import { MODELS, modelById } from '../../src/suite/catalog.ts';
import { referenceFor } from '../../src/suite/references.ts';

const CATALOG_FORMATS = [...new Set(MODELS.map((m) => m.format))];

/** A browser that has everything, so every variant is offered and none is marked. */
const FULL: PlannerEnv = {
  crossOriginIsolated: true,
  hardwareConcurrency: 4,
  features: { wasmSimd: true, wasmThreads: true, webgl2: true, webgpu: true, webnn: true },
};

describe('runtime registry', () => {
  it('lists every descriptor under its own id, in planning order', () => {
    expect(RUNTIMES.map((r) => r.id)).toEqual(['ort', 'tfjs', 'litert', 'mediapipe']);
    for (const runtime of RUNTIMES) {
      expect(RUNTIME_TABLE[runtime.id]).toBe(runtime);
      expect(runtimeById(runtime.id)).toBe(runtime);
      expect(isRuntimeId(runtime.id)).toBe(true);
    }
  });

  it('refuses names that are not runtime ids, including inherited property names', () => {
    for (const name of ['nope', 'toString', 'constructor', '__proto__', 'ORT', '']) {
      expect(isRuntimeId(name), name).toBe(false);
      expect(() => runtimeById(name)).toThrow(/unknown runtime .*known: ort, tfjs, litert, mediapipe/);
    }
  });

  it('loads no adapter for a name that is not a runtime id, naming the known ones', async () => {
    for (const name of ['nope', 'toString', '__proto__']) {
      await expect(loadAdapter(name), name).rejects.toThrow(
        `no adapter for runtime "${name}"; known: ort, tfjs, litert, mediapipe`,
      );
    }
  });

  it('has exactly one runtime for every format in the catalog, which is its reference runtime', () => {
    for (const format of CATALOG_FORMATS) {
      const readers = runtimesFor(format);
      expect(
        readers.map((r) => r.id),
        format,
      ).toHaveLength(1);
      expect(referenceRuntimeFor(format)).toBe(readers[0]);
    }
  });

  it('declares only formats the catalog has models for', () => {
    for (const runtime of RUNTIMES) {
      for (const format of runtime.formats) expect(CATALOG_FORMATS, runtime.id).toContain(format);
    }
  });

  it('makes each reference backend one of the runtime’s own variants', () => {
    for (const runtime of RUNTIMES) {
      const { backend, options } = runtime.reference;
      const offered = runtime.variants(FULL).map((v) => ({ backend: v.backend, options: v.options }));
      expect(offered, runtime.id).toContainEqual({ backend, options });
    }
  });

  it('agrees with the stored references on the backend that computed them', () => {
    for (const model of MODELS) {
      const stored = referenceFor(model.id);
      if (!stored) continue;
      // An entry whose reference is another's was computed on that entry's reference backend.
      const source = model.referenceOf ? modelById(model.referenceOf.model) : model;
      const { backend } = referenceRuntimeFor(source.format).reference;
      expect(stored.computedWith.replace(/\s*\(.*\)$/, ''), model.id).toMatch(new RegExp(` ${backend}$`));
    }
  });

  it('knows every backend a runtime offers, and only those (the CLI checks --backend with it)', () => {
    const offered = new Set(RUNTIMES.flatMap((r) => r.variants(FULL).map((v) => v.backend)));
    expect([...BACKEND_IDS].sort()).toEqual([...offered].sort());
  });

  it('computes in a browser only the references of a library that runs only there', () => {
    expect(RUNTIMES.filter((r) => r.reference.computedIn === 'browser').map((r) => r.id)).toEqual([
      'mediapipe',
    ]);
  });
});

// Compile-time checks: these lines are checked by `tsc --noEmit` (npm test's typecheck), not at
// runtime. Each `@ts-expect-error` fails the typecheck if the line below it starts compiling.
describe('the compiler checks the registry', () => {
  const variants = () => [];
  const reference = { backend: 'wasm', options: {}, computedIn: 'node' } as const;
  const ort = { id: 'ort', name: 'o', formats: ['onnx'], reference, variants } as const;
  const tfjs = {
    id: 'tfjs',
    name: 't',
    formats: ['tfjs-graph', 'tfjs-layers'],
    reference,
    variants,
  } as const;
  const litert = { id: 'litert', name: 'l', formats: ['tflite'], reference, variants } as const;

  it('names a format no runtime reads', () => {
    const table = {
      ort,
      tfjs,
      litert,
      mediapipe: { id: 'mediapipe', name: 'm', formats: [], reference, variants },
    } satisfies RuntimeTable;
    expectTypeOf<UnreadFormats<typeof table>>().toEqualTypeOf<'mediapipe-task'>();
    expect(Object.keys(table)).toHaveLength(RUNTIMES.length);
  });

  it('rejects a table without a descriptor for every runtime id, or one under another id', () => {
    // @ts-expect-error the mediapipe descriptor is missing
    const missing: RuntimeTable = { ort, tfjs, litert };
    const wrongKey: RuntimeTable = {
      ort,
      tfjs,
      litert,
      // @ts-expect-error the litert descriptor under the mediapipe key
      mediapipe: litert,
    };
    expect(Object.keys(missing)).not.toContain('mediapipe');
    expect(wrongKey.mediapipe.id).toBe('litert');
  });

  it('rejects loaders without one for every runtime id, or one loading another id’s adapter', () => {
    const load =
      <Id extends RuntimeDescriptor['id']>(id: Id) =>
      async (): Promise<RuntimeAdapter<Id>> => ({
        id,
        load: () => Promise.reject(new Error('not loaded in this test')),
      });
    // @ts-expect-error the mediapipe loader is missing
    const missing: AdapterLoaders = { ort: load('ort'), tfjs: load('tfjs'), litert: load('litert') };
    const crossed: AdapterLoaders = {
      ort: load('ort'),
      // @ts-expect-error the tfjs key loads the ort adapter
      tfjs: load('ort'),
      litert: load('litert'),
      mediapipe: load('mediapipe'),
    };
    expect(Object.keys(missing)).not.toContain('mediapipe');
    expect(Object.keys(crossed)).toHaveLength(RUNTIMES.length);
  });
});
