/**
 * The cold-start accounting (src/measure/cold-start.ts) on hand-made Resource Timing entries, the
 * WebAssembly watch (src/measure/wasm-watch.ts) on real WebAssembly in Node (a copy of the
 * namespace, so the process's own stays untouched), and the record schema's new members: old
 * records stay valid, cases that never measured refuse them.
 */
import { describe, expect, it } from 'vitest';
import {
  arrivalOf,
  codeKind,
  coldStartOf,
  exclusiveMs,
  type TimingEntry,
  unionMs,
} from '../../src/measure/cold-start.ts';
import { watchWasm } from '../../src/measure/wasm-watch.ts';
import { caseSchema, type ModelFileRecord } from '../../src/schema/run.ts';

const ORIGIN = 'http://atlas.test';
const entry = (path: string, start: number, end: number, sizes: Partial<TimingEntry> = {}): TimingEntry => ({
  name: `${ORIGIN}${path}`,
  startTime: start,
  responseEnd: end,
  ...sizes,
});
const sent = (bytes: number): Partial<TimingEntry> => ({
  transferSize: bytes + 300,
  encodedBodySize: bytes,
  decodedBodySize: bytes,
});

describe('intervals', () => {
  it('counts overlapping spans once and ignores empty ones', () => {
    expect(unionMs([])).toBe(0);
    expect(
      unionMs([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
        { start: 20, end: 25 },
        { start: 30, end: 30 },
      ]),
    ).toBe(20);
    expect(
      unionMs([
        { start: 0, end: 100 },
        { start: 10, end: 20 },
      ]),
    ).toBe(100);
  });

  it('takes out of the first set the time covered by the second', () => {
    const calls = [{ start: 0, end: 100 }];
    expect(exclusiveMs(calls, [])).toBe(100);
    expect(exclusiveMs(calls, [{ start: 0, end: 60 }])).toBe(40);
    expect(
      exclusiveMs(calls, [
        { start: 10, end: 20 },
        { start: 15, end: 30 },
        { start: 90, end: 200 },
      ]),
    ).toBe(100 - 20 - 10);
    expect(exclusiveMs(calls, [{ start: 200, end: 300 }])).toBe(100);
  });
});

describe('who answered a request', () => {
  it('tells the server, the HTTP cache and a 304 apart, and says nothing without sizes', () => {
    expect(arrivalOf(entry('/a.js', 0, 1, sent(1000)))).toBe('network');
    expect(
      arrivalOf(entry('/a.js', 0, 1, { transferSize: 0, encodedBodySize: 1000, decodedBodySize: 1000 })),
    ).toBe('http-cache');
    expect(
      arrivalOf(entry('/a.js', 0, 1, { transferSize: 280, encodedBodySize: 1000, decodedBodySize: 1000 })),
    ).toBe('revalidated');
    expect(arrivalOf(entry('/a.js', 0, 1))).toBeUndefined();
    // An opaque entry: every size zero.
    expect(
      arrivalOf(entry('/a.js', 0, 1, { transferSize: 0, encodedBodySize: 0, decodedBodySize: 0 })),
    ).toBeUndefined();
  });

  it('sorts code by extension, scripts also by initiator', () => {
    expect(codeKind(entry('/x/ort.wasm?v=1', 0, 1))).toBe('wasm');
    expect(codeKind(entry('/x/ort.mjs', 0, 1))).toBe('js');
    expect(codeKind(entry('/x/chunk-abc.js#x', 0, 1))).toBe('js');
    expect(codeKind(entry('/x/glue', 0, 1, { initiatorType: 'script' }))).toBe('js');
    expect(codeKind(entry('/x/data.bin', 0, 1))).toBe('other');
  });
});

describe('coldStartOf', () => {
  const modelUrls = new Map([
    [`${ORIGIN}/models/m.onnx`, 'm.onnx'],
    [`${ORIGIN}/models/m.bin`, 'm.bin'],
  ]);
  const downloaded: ModelFileRecord[] = [
    { path: 'm.onnx', bytes: 1000, source: 'network', verifyMs: 3 },
    { path: 'm.bin', bytes: 5000, source: 'network', verifyMs: 7 },
  ];
  const entries: TimingEntry[] = [
    entry('/assets/ort-chunk.js', 10, 20, sent(400)),
    entry('/models/m.onnx', 30, 50, sent(1000)),
    entry('/models/m.bin?x=1', 40, 70, sent(5000)),
    entry('/assets/ort.wasm', 80, 130, sent(9000)),
    entry('/assets/ort.mjs', 90, 100, { transferSize: 0, encodedBodySize: 200, decodedBodySize: 200 }),
    // After the first answer (300): not part of the cold start.
    entry('/assets/late.wasm', 400, 450, sent(77)),
    // A Blob URL (a library's pthread glue) is not a download.
    { name: 'blob:http://atlas.test/1234', startTime: 95, responseEnd: 96 },
  ];

  it('splits library code from model files, sums bytes, counts overlapping downloads once', () => {
    const { coldStart, modelFiles } = coldStartOf({
      entries,
      modelUrls,
      wasmCalls: [{ start: 100, end: 160 }],
      firstEndMs: 300,
      verifyMs: 10,
      workerStartMs: 5,
      libraryImportMs: 15,
      modelFiles: downloaded,
    });
    expect(coldStart.firstAnswerMs).toBe(290);
    expect(coldStart.workerStartMs).toBe(5);
    expect(coldStart.libraryImportMs).toBe(15);
    const lib = coldStart.library;
    expect(lib?.jsBytes).toBe(600);
    expect(lib?.wasmBytes).toBe(9000);
    expect(lib?.otherBytes).toBeUndefined();
    expect(lib?.transferBytes).toBe(700 + 9300);
    expect(lib?.downloadMs).toBe(10 + 50);
    expect(lib?.instantiateMs).toBe(60);
    // The instantiate call overlapped the .wasm download until 130: 30 ms were compiling alone.
    expect(lib?.compileMs).toBe(30);
    expect(lib?.files.map((f) => [f.path, f.kind, f.via])).toEqual([
      ['/assets/ort-chunk.js', 'js', 'network'],
      ['/assets/ort.wasm', 'wasm', 'network'],
      ['/assets/ort.mjs', 'js', 'http-cache'],
    ]);
    expect(coldStart.model).toEqual({ bytes: 6000, transferBytes: 6600, downloadMs: 40 });
    expect(modelFiles.map((f) => [f.path, f.transferBytes, f.via, f.downloadMs])).toEqual([
      ['m.onnx', 1300, 'network', 20],
      ['m.bin', 5300, 'network', 30],
    ]);
    // Valid as a record member.
    expect(
      caseSchema.safeParse({
        model: 'm',
        runtime: 'ort',
        backend: 'wasm',
        status: 'ok',
        coldStart,
        modelFiles,
      }).success,
    ).toBe(true);
  });

  it('counts files from the store as nothing transferred and no download', () => {
    const stored = downloaded.map((f) => ({ ...f, source: 'cache' as const }));
    const { coldStart, modelFiles } = coldStartOf({
      entries: entries.filter((e) => !e.name.includes('/models/')),
      modelUrls,
      wasmCalls: [],
      firstEndMs: 300,
      verifyMs: 0,
      modelFiles: stored,
    });
    expect(coldStart.model).toEqual({ bytes: 6000, transferBytes: 0 });
    expect(coldStart.library?.instantiateMs).toBeUndefined();
    expect(coldStart.library?.compileMs).toBeUndefined();
    expect(modelFiles).toEqual(stored);
  });

  it('leaves unknown sizes absent, not zero', () => {
    const { coldStart } = coldStartOf({
      entries: [entry('/a.wasm', 0, 10), entry('/models/m.onnx', 0, 5)],
      modelUrls,
      wasmCalls: [],
      firstEndMs: 50,
      verifyMs: 0,
      modelFiles: [downloaded[0] as ModelFileRecord],
    });
    expect(coldStart.library?.wasmBytes).toBeUndefined();
    expect(coldStart.library?.transferBytes).toBeUndefined();
    expect(coldStart.library?.files[0]?.bytes).toBeUndefined();
    expect(coldStart.library?.downloadMs).toBe(10);
    expect(coldStart.model?.transferBytes).toBeUndefined();
    expect(coldStart.model?.downloadMs).toBe(5);
  });

  it('has no library part when the worker fetched no code and ran no WebAssembly', () => {
    const { coldStart } = coldStartOf({
      entries: [],
      modelUrls,
      wasmCalls: [],
      firstEndMs: 50,
      verifyMs: 60,
      modelFiles: [],
    });
    expect(coldStart).toEqual({ firstAnswerMs: 0 });
  });
});

/** A module exporting a one-page memory as "mem". */
const EXPORTS_MEMORY = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x07, 0x01, 0x03, 0x6d,
  0x65, 0x6d, 0x02, 0x00,
]);
/** A module importing its memory as env.m. */
const IMPORTS_MEMORY = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0a, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x6d, 0x02,
  0x00, 0x01,
]);
const PAGE = 65536;

/** A copy of the namespace to wrap, so the test process's WebAssembly stays as it was. */
function namespaceCopy(): typeof WebAssembly {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(WebAssembly)) as typeof WebAssembly;
}

describe('watchWasm', () => {
  it('sees no heap before any memory, then every memory made or exported, once each', async () => {
    let t = 0;
    const ns = namespaceCopy();
    const watch = watchWasm(ns, () => t++);
    expect(watch.heap()).toBeUndefined();
    const { instance } = await ns.instantiate(EXPORTS_MEMORY);
    expect(watch.heap()).toEqual({ bytes: PAGE, memories: 1 });
    // A memory made in JS and handed in, and an instance made synchronously: both kept, none twice.
    const memory = new ns.Memory({ initial: 2, maximum: 10 });
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(memory).toBeInstanceOf(ns.Memory);
    new ns.Instance(new ns.Module(IMPORTS_MEMORY), { env: { m: memory } });
    await ns.instantiate(IMPORTS_MEMORY, { env: { m: memory } });
    expect(watch.heap()).toEqual({ bytes: 3 * PAGE, memories: 2 });
    // Growing shows in the next reading; nothing shrinks.
    (instance.exports.mem as WebAssembly.Memory).grow(3);
    memory.grow(1);
    expect(watch.heap()).toEqual({ bytes: 7 * PAGE, memories: 2 });
    // instantiate ×2, Module, Instance: four timed calls, each with a non-negative span.
    const calls = watch.calls();
    expect(calls).toHaveLength(4);
    for (const c of calls) expect(c.end).toBeGreaterThanOrEqual(c.start);
  });

  it('does not count a memory of zero pages (a feature probe holds nothing): no heap rather than 0', () => {
    const ns = namespaceCopy();
    const watch = watchWasm(ns);
    new ns.Memory({ initial: 0, maximum: 0, shared: true });
    expect(watch.heap()).toBeUndefined();
    new ns.Memory({ initial: 1 });
    expect(watch.heap()).toEqual({ bytes: PAGE, memories: 1 });
  });

  it('leaves a memory nobody instantiated with out of nothing, and installs once per namespace', async () => {
    const ns = namespaceCopy();
    const watch = watchWasm(ns);
    expect(watchWasm(ns)).toBe(watch);
    await ns.compile(EXPORTS_MEMORY);
    // Compiling makes no memory; only an instance has one.
    expect(watch.heap()).toBeUndefined();
    expect(watch.calls()).toHaveLength(1);
    // The process's own namespace was not touched.
    expect(WebAssembly.Memory).not.toBe(ns.Memory);
  });

  it('times a failing call and passes its error on', async () => {
    const ns = namespaceCopy();
    const watch = watchWasm(ns);
    await expect(ns.instantiate(new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(() => new ns.Module(new Uint8Array([1, 2, 3]))).toThrow();
    expect(watch.calls()).toHaveLength(2);
    expect(watch.heap()).toBeUndefined();
  });
});

describe('record schema', () => {
  const base = { model: 'm', runtime: 'ort', backend: 'wasm' };
  it('keeps a case without the new members valid and refuses them on a case that never measured', () => {
    expect(caseSchema.safeParse({ ...base, status: 'ok' }).success).toBe(true);
    const memory = { wasmHeapInitBytes: 10, wasmHeapPeakBytes: 20, wasmMemories: 1 };
    expect(caseSchema.safeParse({ ...base, status: 'ok', memory }).success).toBe(true);
    expect(caseSchema.safeParse({ ...base, status: 'unsupported', memory }).success).toBe(false);
    expect(
      caseSchema.safeParse({ ...base, status: 'timeout', coldStart: { firstAnswerMs: 1 } }).success,
    ).toBe(false);
    expect(caseSchema.safeParse({ ...base, status: 'ok', coldStart: { firstAnswerMs: -1 } }).success).toBe(
      false,
    );
  });
});
