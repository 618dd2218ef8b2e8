/**
 * The model-file loader (src/measure/model-files.ts) in Node: real Web Crypto hashing of real
 * bytes, a store kept in a Map (Cache Storage does not exist in Node; the browser's store is
 * tested in tests/e2e/model-cache.spec.ts) and downloads counted per URL. Store first, download
 * otherwise, verify everything, refetch a damaged stored copy, never use a bad download, keep
 * working without a store — and the page's planned-bytes line (src/app/model-storage.ts).
 */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { plannedFiles, storageFigures } from '../../src/app/model-storage.ts';
import type { PlannedCase } from '../../src/app/plan.ts';
import { randomUuid } from '../../src/app/record.ts';
import {
  type LoadDeps,
  loadModelFiles,
  MODEL_CACHE_NAME,
  type ModelStore,
  mismatch,
  type StoreStatus,
  sha256Hex,
  storeFailure,
  storeKey,
  worseStatus,
} from '../../src/measure/model-files.ts';
import { sha256HexJs } from '../../src/measure/sha256.ts';
import type { CatalogFile, ModelEntry } from '../../src/suite/types.ts';

const BASE = 'http://models.test/models/';

function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

async function catalogFile(path: string, content: string): Promise<CatalogFile> {
  const bytes = bytesOf(content);
  return {
    path,
    bytes: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    from: 'test',
    license: 'MIT',
    generated: { arch: 'test', file: 'model.onnx' },
  };
}

/** A server of the given contents, counting downloads and whether each asked to bypass the HTTP cache. */
function network(contents: Record<string, string>) {
  const log: { path: string; fresh: boolean }[] = [];
  const fetchBytes = async (url: string, fresh: boolean) => {
    const path = url.slice(BASE.length);
    log.push({ path, fresh });
    const content = contents[path];
    if (content === undefined) throw new Error(`fetching ${url} failed: HTTP 404`);
    return bytesOf(content);
  };
  return { fetchBytes, log };
}

/** A store in a Map, with optional failures of each operation. */
function mapStore(fail: Partial<Record<'get' | 'put' | 'delete', Error>> = {}) {
  const entries = new Map<string, ArrayBuffer>();
  const store: ModelStore = {
    async get(key) {
      if (fail.get) throw fail.get;
      return entries.get(key)?.slice(0);
    },
    async put(key, bytes) {
      if (fail.put) throw fail.put;
      entries.set(key, bytes.slice(0));
    },
    async delete(key) {
      if (fail.delete) throw fail.delete;
      entries.delete(key);
    },
  };
  return { store, entries };
}

function deps(fetchBytes: LoadDeps['fetchBytes'], store?: ModelStore, now = () => 0): LoadDeps {
  return {
    fetchBytes,
    now,
    openStore: async () =>
      store ? { store, status: { state: 'ok' } } : { status: { state: 'unavailable', detail: 'no store' } },
  };
}

const decode = (b: ArrayBuffer) => new TextDecoder().decode(b);

describe('keys and checks', () => {
  it('keys a file by its content in the versioned cache', () => {
    expect(MODEL_CACHE_NAME).toBe('atlas-models-v1');
    expect(storeKey('AB'.repeat(32))).toBe(`/atlas-model-cache/sha256/${'ab'.repeat(32)}`);
  });

  it('hashes with sha256 and refuses a wrong size before hashing, or a wrong hash', async () => {
    expect(await sha256Hex(bytesOf('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const file = await catalogFile('m.onnx', 'model bytes');
    expect(await mismatch(file, bytesOf('model bytes'))).toBeUndefined();
    expect(await mismatch(file, bytesOf('model byte'))).toBe(`10 bytes, expected ${file.bytes}`);
    expect(await mismatch(file, bytesOf('model bytez'))).toMatch(/^sha256 [0-9a-f]{12}…, expected /);
  });

  it('hashes the same without Web Crypto (pages that are not a secure context have no crypto.subtle)', async () => {
    // Every padding case: empty, one block less the length, exactly one block, several blocks.
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 1_000_003]) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
      const expected = createHash('sha256').update(bytes).digest('hex');
      expect(sha256HexJs(bytes.buffer), `length ${length}`).toBe(expected);
    }
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    const uuid = Object.getOwnPropertyDescriptor(globalThis.crypto, 'randomUUID');
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(await sha256Hex(bytesOf('abc'))).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
      const ids = new Set(Array.from({ length: 50 }, () => randomUuid()));
      expect(ids.size).toBe(50);
      for (const id of ids)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      delete (globalThis.crypto as { subtle?: unknown }).subtle;
      delete (globalThis.crypto as { randomUUID?: unknown }).randomUUID;
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
      if (uuid) Object.defineProperty(globalThis.crypto, 'randomUUID', uuid);
    }
    expect(globalThis.crypto.subtle).toBeDefined();
    expect(typeof globalThis.crypto.randomUUID).toBe('function');
  });

  it('tells a full quota from blocked storage from other failures, and keeps the worst', () => {
    expect(storeFailure('storing x', new DOMException('no room', 'QuotaExceededError')).state).toBe('full');
    expect(storeFailure('opening', new DOMException('blocked', 'SecurityError')).state).toBe('unavailable');
    const other = storeFailure('reading x', new Error('disk\nbroke'));
    expect(other).toEqual({ state: 'error', detail: 'reading x: disk broke' });
    const ok: StoreStatus = { state: 'ok' };
    const full: StoreStatus = { state: 'full', detail: 'f' };
    expect(worseStatus(ok, full)).toBe(full);
    expect(worseStatus(full, { state: 'unavailable' })).toBe(full);
    expect(worseStatus(full, other)).toBe(other);
  });
});

describe('loading through the store', () => {
  it('downloads and stores on the first load, reads only the store on the next', async () => {
    const a = await catalogFile('a/model.json', '{"a":1}');
    const b = await catalogFile('a/weights.bin', 'weights');
    const net = network({ [a.path]: '{"a":1}', [b.path]: 'weights' });
    const { store, entries } = mapStore();

    const first = await loadModelFiles([a, b], BASE, deps(net.fetchBytes, store));
    expect(first.store).toEqual({ state: 'ok' });
    expect(first.files.map((f) => [f.path, f.source, decode(f.bytes)])).toEqual([
      [a.path, 'network', '{"a":1}'],
      [b.path, 'network', 'weights'],
    ]);
    // With a store the stored copy is the one kept: the downloads bypass the HTTP cache.
    expect(net.log).toEqual([
      { path: a.path, fresh: true },
      { path: b.path, fresh: true },
    ]);
    expect([...entries.keys()].sort()).toEqual([storeKey(a.sha256), storeKey(b.sha256)].sort());

    const second = await loadModelFiles([a, b], BASE, deps(net.fetchBytes, store));
    expect(net.log).toHaveLength(2);
    expect(second.files.map((f) => [f.source, decode(f.bytes), f.refetched])).toEqual([
      ['cache', '{"a":1}', undefined],
      ['cache', 'weights', undefined],
    ]);
  });

  it('times getting the bytes as load and nothing else (hashing is verify)', async () => {
    const a = await catalogFile('a.onnx', 'aaaa');
    const b = await catalogFile('b.onnx', 'bbbb');
    let t = 0;
    const net = network({ [a.path]: 'aaaa', [b.path]: 'bbbb' });
    const slow: LoadDeps['fetchBytes'] = async (url, fresh) => {
      t += 10;
      return net.fetchBytes(url, fresh);
    };
    const { store } = mapStore();
    const loaded = await loadModelFiles(
      [a, b],
      BASE,
      deps(slow, store, () => t),
    );
    expect(loaded.loadMs).toBe(20);
    // The fake clock does not move while hashing: verify time is apart from load time.
    expect(loaded.verifyMs).toBe(0);
    expect(loaded.files.every((f) => f.verifyMs === 0)).toBe(true);
  });

  it.each([
    ['a wrong size', 'tiny'],
    ['the right size but a wrong hash', 'model bytez'],
  ])('deletes a stored copy with %s, downloads it again and stores the good one', async (_, damage) => {
    const file = await catalogFile('m.onnx', 'model bytes');
    const net = network({ [file.path]: 'model bytes' });
    const { store, entries } = mapStore();
    entries.set(storeKey(file.sha256), bytesOf(damage));

    const loaded = await loadModelFiles([file], BASE, deps(net.fetchBytes, store));
    expect(loaded.files).toEqual([
      expect.objectContaining({ path: file.path, source: 'network', refetched: true }),
    ]);
    expect(decode(loaded.files[0]?.bytes ?? new ArrayBuffer(0))).toBe('model bytes');
    expect(net.log).toEqual([{ path: file.path, fresh: true }]);
    expect(decode(entries.get(storeKey(file.sha256)) ?? new ArrayBuffer(0))).toBe('model bytes');
  });

  it('never uses a download that does not match the catalog: an error naming the file, nothing stored', async () => {
    const file = await catalogFile('ppocr/det.onnx', 'model bytes');
    const net = network({ [file.path]: 'model bytez' });
    const { store, entries } = mapStore();
    await expect(loadModelFiles([file], BASE, deps(net.fetchBytes, store))).rejects.toThrow(
      /^model file ppocr\/det\.onnx does not match the catalog: sha256 /,
    );
    expect(entries.size).toBe(0);

    // A damaged stored copy whose download is bad too is the same error.
    entries.set(storeKey(file.sha256), bytesOf('x'));
    await expect(loadModelFiles([file], BASE, deps(net.fetchBytes, store))).rejects.toThrow(
      /model file ppocr\/det\.onnx does not match the catalog/,
    );
  });

  it('works from the network without a store, leaving the HTTP cache in use, and says why', async () => {
    const file = await catalogFile('m.onnx', 'model bytes');
    const net = network({ [file.path]: 'model bytes' });
    const loaded = await loadModelFiles([file], BASE, deps(net.fetchBytes));
    expect(loaded.store).toEqual({ state: 'unavailable', detail: 'no store' });
    expect(loaded.files.map((f) => f.source)).toEqual(['network']);
    expect(net.log).toEqual([{ path: file.path, fresh: false }]);
  });

  it('keeps the bytes when the store is full or fails to read, and says so', async () => {
    const file = await catalogFile('m.onnx', 'model bytes');
    const net = network({ [file.path]: 'model bytes' });
    const full = mapStore({ put: new DOMException('quota', 'QuotaExceededError') });
    const whenFull = await loadModelFiles([file], BASE, deps(net.fetchBytes, full.store));
    expect(whenFull.files.map((f) => f.source)).toEqual(['network']);
    expect(whenFull.store.state).toBe('full');
    expect(whenFull.store.detail).toContain('storing m.onnx');
    expect(full.entries.size).toBe(0);

    const broken = mapStore({ get: new Error('cache is broken') });
    const whenBroken = await loadModelFiles([file], BASE, deps(net.fetchBytes, broken.store));
    expect(whenBroken.files.map((f) => f.source)).toEqual(['network']);
    expect(whenBroken.store).toEqual({
      state: 'error',
      detail: 'reading m.onnx from the store: cache is broken',
    });
  });
});

describe("the page's planned bytes", () => {
  const model = (id: string, files: CatalogFile[]) => ({ id, files }) as unknown as ModelEntry;
  const planned = (m: ModelEntry, unsupported?: string): PlannedCase =>
    ({ spec: { model: m }, ...(unsupported ? { unsupported } : {}) }) as unknown as PlannedCase;

  it('counts each file once by content, and only for cases that will run', async () => {
    const a = await catalogFile('x/a.onnx', 'a'.repeat(300_000));
    const sameAsA = { ...a, path: 'y/a-copy.onnx' };
    const b = await catalogFile('x/b.bin', 'b'.repeat(200_000));
    const c = await catalogFile('z/c.tflite', 'c'.repeat(5_000_000));
    const files = plannedFiles([
      planned(model('one', [a])),
      planned(model('one', [a])),
      planned(model('two', [sameAsA, b])),
      planned(model('three', [c]), 'no WebGPU here'),
    ]);
    expect(files.map((f) => f.path)).toEqual([a.path, b.path]);
  });

  it('says how much is stored and how much to download', async () => {
    const a = await catalogFile('a', 'a'.repeat(5_100_000));
    const b = await catalogFile('b', 'b'.repeat(17_800_000));
    const ok: StoreStatus = { state: 'ok' };
    const some = storageFigures([a, b], new Set([a.sha256]), ok);
    expect(some).toMatchObject({
      plannedBytes: 22_900_000,
      storedBytes: 5_100_000,
      toDownloadBytes: 17_800_000,
    });
    expect(some.text).toBe(
      'This run uses 22.9 MB of model files: 5.1 MB already stored on this device, 17.8 MB to download.',
    );
    expect(storageFigures([a, b], new Set(), ok).text).toBe(
      'This run uses 22.9 MB of model files: none stored on this device yet, all 22.9 MB to download.',
    );
    expect(storageFigures([a, b], new Set([a.sha256, b.sha256]), ok).text).toBe(
      'This run uses 22.9 MB of model files, all already stored on this device.',
    );
    expect(storageFigures([a, b], new Set(), ok, 1_000_000).text).toContain('keep only 1.0 MB more');
    const none = storageFigures([a], new Set(), { state: 'unavailable', detail: 'not a secure context' });
    expect(none.text).toBe(
      'This run uses 5.1 MB of model files, downloaded each time: this browser cannot keep them (not a secure context).',
    );
    expect(storageFigures([], new Set(), ok).text).toBe('This run uses no model files.');
  });
});
