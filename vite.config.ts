/**
 * Vite build of the page, its workers and the methodology page. Every server Vite runs (dev and
 * preview) sends the server's cross-origin isolation headers (server/headers.ts), so WASM threads
 * work everywhere.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS } from './server/headers.ts';
import { tfjsWasmThreads } from './tools/vite/tfjs-wasm-threads.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Rolldown's build-profiling warnings (PLUGIN_TIMINGS tables) print on every build, `npm start`'s
 * included; they are for profiling the build, so they are off here (turn on to profile).
 */
const checks = { bundlerTimings: false };

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
  plugins: [tfjsWasmThreads()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()], rolldownOptions: { checks } },
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
        harness: 'harness-check.html',
        dashboard: 'dashboard.html',
        run: 'run.html',
        references: 'references.html',
      },
    },
  },
});
