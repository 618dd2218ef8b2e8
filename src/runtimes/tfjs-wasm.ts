/**
 * Sets up TensorFlow.js's WASM backend in the browser: its three `.wasm` binaries are emitted by
 * Vite and served from our own origin (never a CDN), and the thread count it really uses is
 * reported (TF.js picks min(4, max(1, cores / 2)) threads itself). Where that is one thread, the
 * single-threaded SIMD build is used: the threaded build would add a pthread pool that computes
 * nothing in parallel, and in Firefox its start-up sometimes never settled (docs/QUIRKS.md).
 */
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { env } from '@tensorflow/tfjs-core';

const absolute = (url: string): string => new URL(url, self.location.href).href;

/** Points TF.js at our copies of its binaries; returns a getter for the options as applied. */
/** TF.js's own choice of thread count (backend_wasm.ts), for a device with `cores` logical cores. */
export function tfjsThreadsFor(cores: number): number {
  return Math.min(4, Math.max(1, Math.floor((cores || 1) / 2)));
}

export function prepareTfjsWasm(): { readonly threads: number } {
  if (tfjsThreadsFor(navigator.hardwareConcurrency) <= 1) env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': absolute(plainUrl),
    'tfjs-backend-wasm-simd.wasm': absolute(simdUrl),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedUrl),
  });
  return {
    get threads() {
      return getThreadsCount();
    },
  };
}
