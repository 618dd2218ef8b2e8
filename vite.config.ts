/**
 * Vite build of the page, its workers and the methodology page. Every server Vite runs (dev and
 * preview) sends the cross-origin isolation headers, so WASM threads work everywhere.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { tfjsWasmThreads } from './tools/vite/tfjs-wasm-threads.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Headers that make the page cross-origin isolated (SharedArrayBuffer, WASM threads). */
export const ISOLATION_HEADERS = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
  plugins: [tfjsWasmThreads()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  optimizeDeps: {
    // tfjs-backend-wasm is patched by tfjsWasmThreads(), which pre-bundling would bypass.
    exclude: ['onnxruntime-web', '@tensorflow/tfjs-backend-wasm'],
    include: [
      'comlink',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-converter',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        main: 'index.html',
        methodology: 'methodology.html',
        harness: 'harness-check.html',
        dashboard: 'dashboard.html',
        run: 'run.html',
        references: 'references.html',
      },
    },
  },
});
