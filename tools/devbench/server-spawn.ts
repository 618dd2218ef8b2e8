/**
 * Starts `server-child.ts` in its own Node process and waits until it listens; used by the
 * durability test (which kill -9s it) and the server benchmarks (which keep the load generator
 * off the server's core). Also makes the stub build folder the server insists on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReady } from './server-child.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export interface SpawnOptions {
  databaseUrl: string;
  /** Build folder; a stub one (just index.html) is made when absent. */
  distDir?: string;
  /** Extra environment (RATE_LIMIT_MAX is 0 and LOG_LEVEL warn unless given here). */
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeArgs?: string[];
  /** Where the server's stdout (its request log) goes: a file descriptor, or dropped. */
  stdout?: number | 'ignore';
  /** Give up waiting for it to listen after this long (default 30 s). */
  timeoutMs?: number;
}

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves with the exit code or signal once the process has gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The tail of its stderr, for error messages. */
  stderr(): string;
  /** SIGTERM (graceful: finishes in-flight requests, closes the store) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, no goodbye, and wait for the exit. */
  kill(): Promise<void>;
}

/** A folder holding only a stub index.html, enough for the server to serve its API. */
export function stubDistDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stub</title>\n');
  return dir;
}

export async function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  const args = [
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    CHILD,
    '--database-url',
    options.databaseUrl,
    '--dist-dir',
    options.distDir ?? stubDistDir(),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn', ...options.env },
  });
  let errText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${options.timeoutMs ?? 30_000} ms:\n${errText}`));
    }, options.timeoutMs ?? 30_000);
    child.on('message', (message: Partial<ChildReady>) => {
      if (message?.ready && typeof message.port === 'number') {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${signal ?? code}) before listening:\n${errText}`));
    });
  });
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    exited,
    stderr: () => errText,
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
  };
}
