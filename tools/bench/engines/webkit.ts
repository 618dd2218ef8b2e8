/**
 * WebKit (the engine of Safari and of every iPhone browser) as WebKitGTK's MiniBrowser, driven
 * through the WebKitWebDriver this starts on a free local port, on a virtual display (Xvfb) when
 * there is none. MiniBrowser is given the WebKit switches Safari ships on (WebGL in workers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { MINIBROWSER, requireProgram, WEBKIT_DRIVER } from '../../browser/executables.ts';
import { stopProcess } from '../../browser/stop-process.ts';
import { ensureDisplay } from '../../browser/xvfb.ts';
import { type Engine, EngineError } from './types.ts';
import { connectWebDriver } from './webdriver.ts';

/**
 * WebKit feature switches passed to MiniBrowser. Safari has WebGL on `OffscreenCanvas` in
 * workers; WebKitGTK ships it off, which would measure a build no Safari user runs.
 */
export const SAFARI_FEATURES: readonly string[] = Object.freeze(['+AllowWebGLInWorkers']);

/** The capabilities WebKitWebDriver needs to start MiniBrowser with these switches. */
export function webkitCapabilities(
  miniBrowser: string,
  features: readonly string[],
): Record<string, unknown> {
  const args = ['--automation', ...(features.length ? [`--features=${features.join(',')}`] : [])];
  return { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowser, args } };
}

export async function launchWebKit(options: { features?: readonly string[] } = {}): Promise<Engine> {
  let driverPath: string;
  let miniBrowser: string;
  try {
    driverPath = requireProgram(WEBKIT_DRIVER);
    miniBrowser = requireProgram(MINIBROWSER);
  } catch (error) {
    throw new EngineError(error instanceof Error ? error.message : String(error));
  }
  const display = await ensureDisplay().catch((error: unknown) => {
    throw new EngineError(error instanceof Error ? error.message : String(error));
  });
  const port = await freePort();
  const driver = spawn(driverPath, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display.display },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  driver.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-2000);
  });
  const stopAll = async () => {
    await stopProcess(driver);
    await display.close();
  };
  const serverUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(serverUrl, driver, () => stderr);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const features = options.features ?? SAFARI_FEATURES;
  const engine = await connectWebDriver(serverUrl, webkitCapabilities(miniBrowser, features), {
    onClose: stopAll,
  });
  return {
    ...engine,
    label: `WebKitGTK MiniBrowser (${miniBrowser}${features.length ? ` --features=${features.join(',')}` : ''}) via WebKitWebDriver${display.started ? ', Xvfb' : ''}`,
  };
}

/** A TCP port free on 127.0.0.1 right now (for a WebDriver server to listen on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the WebKitWebDriver `child` answers `/status` at `serverUrl` (15 s), or says why not. */
export async function waitForStatus(
  serverUrl: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new EngineError(`WebKitWebDriver exited (${child.exitCode}): ${stderr().trim().slice(0, 300)}`);
    try {
      const response = await fetch(`${serverUrl}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new EngineError(`WebKitWebDriver did not answer at ${serverUrl} within 15 s`);
}
