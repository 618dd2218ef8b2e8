/**
 * Watches the WebAssembly of one realm (the case's worker) for every library alike: wraps
 * `WebAssembly.Memory`, `Module`, `Instance`, `compile(Streaming)` and `instantiate(Streaming)` so
 * every memory a library creates or an instance exports is kept (the WASM heap is their summed
 * size), and every compile/instantiate call's span is noted (cold-start.ts). The wrappers return
 * what the originals return, so `instanceof` and the libraries' own checks see no difference.
 */
import type { Interval } from './cold-start.ts';

export interface WasmHeap {
  bytes: number;
  memories: number;
}

export interface WasmWatch {
  /** Summed size of every memory seen so far; undefined when there is none. */
  heap(): WasmHeap | undefined;
  /** Compile/instantiate calls so far, on `now`'s clock (a call still running is left out). */
  calls(): Interval[];
}

type Namespace = typeof WebAssembly;
const INSTALLED = Symbol.for('webml-atlas/wasm-watch');

/**
 * Wraps the members of `ns` (the realm's `WebAssembly`; a copy in tests) once; a second call on
 * the same namespace returns the first watch.
 */
export function watchWasm(ns: Namespace, now: () => number = () => performance.now()): WasmWatch {
  const holder = ns as Namespace & { [INSTALLED]?: WasmWatch };
  const existing = holder[INSTALLED];
  if (existing) return existing;

  const memories = new Set<WebAssembly.Memory>();
  const calls: Interval[] = [];
  const OriginalMemory = ns.Memory;
  const keepMemory = (value: unknown) => {
    if (value instanceof OriginalMemory) memories.add(value);
  };
  const keepExports = (instance: unknown) => {
    if (!(instance instanceof ns.Instance)) return;
    for (const value of Object.values(instance.exports)) keepMemory(value);
  };
  const keepResult = (result: unknown) => {
    if (result instanceof ns.Instance) keepExports(result);
    else if (result && typeof result === 'object' && 'instance' in result) keepExports(result.instance);
    return result;
  };
  // Memories handed in through the imports (Emscripten's threaded builds create theirs in JS).
  const keepImports = (imports: unknown) => {
    if (!imports || typeof imports !== 'object') return;
    for (const module of Object.values(imports)) {
      if (module && typeof module === 'object') for (const value of Object.values(module)) keepMemory(value);
    }
  };
  const timedSync = <T>(fn: () => T): T => {
    const start = now();
    try {
      return fn();
    } finally {
      calls.push({ start, end: now() });
    }
  };
  const timedAsync = <T>(fn: () => Promise<T>): Promise<T> => {
    const start = now();
    return fn().finally(() => {
      calls.push({ start, end: now() });
    });
  };

  const construct =
    <C extends abstract new (...args: never[]) => object>(
      after: (made: InstanceType<C>) => void,
      timed: boolean,
    ) =>
    (target: C, args: unknown[], newTarget: unknown): object => {
      const make = () => Reflect.construct(target as never, args, newTarget as never) as InstanceType<C>;
      const made = timed ? timedSync(make) : make();
      after(made);
      return made;
    };
  ns.Memory = new Proxy(OriginalMemory, { construct: construct((m) => keepMemory(m), false) });
  ns.Module = new Proxy(ns.Module, { construct: construct(() => {}, true) });
  const OriginalInstance = ns.Instance;
  ns.Instance = new Proxy(OriginalInstance, { construct: construct((i) => keepExports(i), true) });

  const instantiate = ns.instantiate.bind(ns) as (...args: unknown[]) => Promise<unknown>;
  ns.instantiate = ((source: unknown, imports?: unknown) => {
    keepImports(imports);
    return timedAsync(() => instantiate(source, imports)).then(keepResult);
  }) as Namespace['instantiate'];
  const compile = ns.compile.bind(ns);
  ns.compile = ((source: BufferSource) => timedAsync(() => compile(source))) as Namespace['compile'];
  if (typeof ns.instantiateStreaming === 'function') {
    const streaming = ns.instantiateStreaming.bind(ns) as (...args: unknown[]) => Promise<unknown>;
    ns.instantiateStreaming = ((source: unknown, imports?: unknown) => {
      keepImports(imports);
      return timedAsync(() => streaming(source, imports)).then(keepResult);
    }) as Namespace['instantiateStreaming'];
  }
  if (typeof ns.compileStreaming === 'function') {
    const compileStreaming = ns.compileStreaming.bind(ns);
    ns.compileStreaming = ((source: Response | PromiseLike<Response>) =>
      timedAsync(() => compileStreaming(source))) as Namespace['compileStreaming'];
  }

  const watch: WasmWatch = {
    heap() {
      // Zero-page memories hold nothing (the page's own SharedArrayBuffer probe makes one in
      // engines that hide the global): a heap is only what some memory actually holds.
      let bytes = 0;
      let held = 0;
      for (const m of memories) {
        const size = m.buffer.byteLength;
        if (size > 0) {
          bytes += size;
          held++;
        }
      }
      return held ? { bytes, memories: held } : undefined;
    },
    calls: () => calls.map((c) => ({ ...c })),
  };
  Object.defineProperty(holder, INSTALLED, { value: watch });
  return watch;
}
