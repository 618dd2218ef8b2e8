/**
 * Sets up TensorFlow.js's WASM backend in the browser: its three `.wasm` binaries are emitted by
 * Vite and served from our own origin (never a CDN), and the thread count it really uses is
 * reported (TF.js picks min(4, max(1, cores / 2)) threads itself).
 */
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const absolute = (url: string): string => new URL(url, self.location.href).href;

/** Points TF.js at our copies of its binaries; returns a getter for the options as applied. */
export function prepareTfjsWasm(): { readonly threads: number } {
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
