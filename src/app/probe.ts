/**
 * Environment probe: what this browser and device offer, feature-detected rather than guessed.
 * High-entropy client hints (device model, OS version) are read only after the user consents.
 */
import { simd, threads } from 'wasm-feature-detect';
import { exposeSharedArrayBuffer } from '../measure/shared-array-buffer.ts';
import { detectSoftwareGpu } from '../report/software-gpu.ts';
import type { Env } from '../schema/run.ts';

interface UaDataLike {
  brands: { brand: string; version: string }[];
  mobile: boolean;
  platform: string;
  getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>>;
}

function uaData(): UaDataLike | undefined {
  return (navigator as Navigator & { userAgentData?: UaDataLike }).userAgentData;
}

async function probeUaData(consented: boolean): Promise<Env['uaData']> {
  const data = uaData();
  if (!data) return undefined;
  const base = {
    brands: data.brands.map((b) => ({ brand: b.brand, version: b.version })),
    mobile: data.mobile,
    platform: data.platform,
  };
  if (!consented) return base;
  try {
    const high = await data.getHighEntropyValues(['model', 'platformVersion', 'architecture']);
    const text = (key: string) =>
      typeof high[key] === 'string' && high[key] ? { [key]: high[key] as string } : {};
    return { ...base, ...text('model'), ...text('platformVersion'), ...text('architecture') };
  } catch {
    return base;
  }
}

function probeWebgl(): { webgl2: boolean; renderer?: string } {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return { webgl2: false };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { webgl2: true, renderer };
  } catch {
    return { webgl2: false };
  }
}

async function probeWebgpu(): Promise<Env['gpu'] | undefined> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return undefined;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return undefined;
    // `info` and `isFallbackAdapter` are newer than this TypeScript's DOM types.
    const withInfo = adapter as GPUAdapter & {
      info?: GPUAdapterInfo & { isFallbackAdapter?: boolean };
      isFallbackAdapter?: boolean;
    };
    const info = withInfo.info ?? ({} as Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean });
    const fallback = info.isFallbackAdapter ?? withInfo.isFallbackAdapter;
    const text = (value: string | undefined) => (value ? value.slice(0, 200) : undefined);
    const gpuInfo: NonNullable<Env['gpu']> = { shaderF16: adapter.features.has('shader-f16') };
    const vendor = text(info.vendor);
    const architecture = text(info.architecture);
    const device = text(info.device);
    const description = text(info.description);
    if (vendor) gpuInfo.vendor = vendor;
    if (architecture) gpuInfo.architecture = architecture;
    if (device) gpuInfo.device = device;
    if (description) gpuInfo.description = description;
    if (fallback !== undefined) gpuInfo.isFallbackAdapter = fallback;
    return gpuInfo;
  } catch {
    return undefined;
  }
}

interface WorkerProbe {
  webgl2: boolean;
  sharedArrayBuffer: Env['features']['sharedArrayBuffer'];
}

/** What a dedicated worker (where every case runs) offers; undefined if the worker never answered. */
function probeWorker(timeoutMs = 5000): Promise<WorkerProbe | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('../workers/probe-worker.ts', import.meta.url), {
        type: 'module',
        name: 'probe',
      });
    } catch {
      resolve(undefined);
      return;
    }
    const done = (answer: WorkerProbe | undefined) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    worker.onerror = () => done(undefined);
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<WorkerProbe> | null;
      const source = data?.sharedArrayBuffer;
      done(
        typeof data?.webgl2 === 'boolean' &&
          (source === 'global' || source === 'wasm-memory' || source === 'none')
          ? { webgl2: data.webgl2, sharedArrayBuffer: source }
          : undefined,
      );
    };
    worker.postMessage('probe');
  });
}

/** Probes everything the record's `env` holds. */
export async function probeEnvironment(consented: boolean): Promise<Env> {
  // Before the threads test: an engine that hides the name but shares memory gets it back.
  const sharedArrayBuffer = exposeSharedArrayBuffer();
  // WebGL first, on its own: WebKitGTK gives one WebGL context at a time to a page and its workers.
  const webgl = probeWebgl();
  const [wasmSimd, wasmThreads, gpu, ua, worker] = await Promise.all([
    simd(),
    threads(),
    probeWebgpu(),
    probeUaData(consented),
    probeWorker(),
  ]);
  const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const env: Env = {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency || 1,
    crossOriginIsolated: self.crossOriginIsolated === true,
    ...(self.crossOriginIsolated === true
      ? {
          isolatedBy: navigator.serviceWorker?.controller
            ? ('service-worker' as const)
            : ('headers' as const),
        }
      : {}),
    features: {
      wasmSimd,
      wasmThreads: wasmThreads && typeof SharedArrayBuffer !== 'undefined',
      webgl2: webgl.webgl2,
      webgpu: gpu !== undefined,
      webnn: 'ml' in navigator,
      sharedArrayBuffer,
      ...(worker ? { workerWebgl2: worker.webgl2 } : {}),
    },
  };
  if (ua) env.uaData = ua;
  if (memory !== undefined) env.deviceMemory = memory;
  if (gpu) env.gpu = gpu;
  if (webgl.renderer) env.webglRenderer = webgl.renderer.slice(0, 200);
  const softwareGpu = detectSoftwareGpu(env);
  if (softwareGpu) env.softwareGpu = softwareGpu;
  return env;
}
