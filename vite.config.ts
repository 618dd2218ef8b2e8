/**
 * Vite build of the page, its workers and the methodology page. Every server Vite runs (dev and
 * preview) sends the server's cross-origin isolation headers (server/headers.ts), so WASM threads
 * work everywhere; the build adds what a static host needs (tools/vite/static-hosting.ts).
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS, PAGE_HEADERS } from './server/headers.ts';
import { staticHosting } from './tools/vite/static-hosting.ts';
import { tfjsWasmThreads } from './tools/vite/tfjs-wasm-threads.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Rolldown's build-profiling warnings (PLUGIN_TIMINGS tables) print on every build, `npm start`'s
 * included; they are for profiling the build, so they are off here (turn on to profile).
 */
const checks = { bundlerTimings: false };

/**
 * A worker's lazily loaded chunks (one per library) must never import from the worker's entry
 * chunk: WebKit evaluates a module worker's entry a second time when a chunk imports it, which
 * made a second copy of every shared module (an `UnsupportedError` that failed `instanceof`, a
 * second `Comlink.expose`). Modules shared by the entry and a chunk go into chunks of their own,
 * one per set of importers, so no library's code loads with another's.
 */
const WORKER_SHARED = {
  name: 'worker-shared',
  // Our own modules only (the libraries' chunks and Emscripten glue keep their own layout).
  test: (id: string) =>
    /[\\/]src[\\/]/.test(id) &&
    !/node_modules/.test(id) &&
    !/[\\/]src[\\/]workers[\\/][^\\/]+-worker\.ts$/.test(id),
  entriesAware: true,
};

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
  plugins: [tfjsWasmThreads(), staticHosting(PAGE_HEADERS)],
  worker: {
    format: 'es',
    plugins: () => [tfjsWasmThreads()],
    rolldownOptions: { checks, output: { codeSplitting: { groups: [WORKER_SHARED] } } },
  },
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
    // public/ holds only the model files (1.9 GB): the dev server serves them from there and so
    // does the app's server (server/app.ts, /models/), so a build touches only the app.
    copyPublicDir: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      checks,
      input: {
        main: 'index.html',
        methodology: 'methodology.html',
        privacy: 'privacy.html',
        harness: 'harness-check.html',
        dashboard: 'dashboard.html',
        run: 'run.html',
        references: 'references.html',
      },
    },
  },
});
