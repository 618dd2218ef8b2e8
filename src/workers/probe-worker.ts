/**
 * Feature probe inside a dedicated worker, where every case runs: a worker can lack what the page
 * has (WebKitGTK has WebGL on the main thread only, unless its AllowWebGLInWorkers switch is on).
 * Answers one message with what it found, then the page terminates it.
 */
import { exposeSharedArrayBuffer } from '../measure/shared-array-buffer.ts';
import { webgl2Available } from '../measure/worker-webgl.ts';

export interface WorkerProbe {
  /** A WebGL2 context on an OffscreenCanvas works here. */
  webgl2: boolean;
  /** How the worker sees `SharedArrayBuffer` (after exposing it where the engine hides the name). */
  sharedArrayBuffer: ReturnType<typeof exposeSharedArrayBuffer>;
}

self.onmessage = async () => {
  const answer: WorkerProbe = {
    webgl2: await webgl2Available(),
    sharedArrayBuffer: exposeSharedArrayBuffer(),
  };
  self.postMessage(answer);
};
