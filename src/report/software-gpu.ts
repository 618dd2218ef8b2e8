/**
 * Whether this device's GPU APIs run on a software rasteriser (SwiftShader, llvmpipe, lavapipe,
 * Microsoft's Basic Render Driver) or a WebGPU fallback adapter: their GPU cases say nothing about
 * GPU speed, so the planner gives them a short fixed budget (src/app/plan.ts) and the record says
 * so. Pure: reads the probed `env` (adapter info, WebGL renderer), shared by the page and server.
 */
import type { Env } from '../schema/run.ts';

/** Renderer and adapter names of software implementations, as browsers report them. */
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|software rasterizer|basic render driver/i;

/** The GPU APIs a backend runs on (a backend absent here runs on the CPU). */
const GPU_API_OF_BACKEND: Readonly<Record<string, 'webgpu' | 'webgl'>> = Object.freeze({
  webgpu: 'webgpu',
  webgl: 'webgl',
});

export type SoftwareGpu = NonNullable<Env['softwareGpu']>;

/** Which GPU APIs are software here and why; undefined when neither is (or neither exists). */
export function detectSoftwareGpu(
  env: Pick<Env, 'gpu' | 'webglRenderer' | 'features'>,
): SoftwareGpu | undefined {
  const reasons: string[] = [];
  let webgpu = false;
  if (env.gpu) {
    const names = [env.gpu.vendor, env.gpu.architecture, env.gpu.device, env.gpu.description]
      .filter(Boolean)
      .join(' ');
    const named = SOFTWARE_NAMES.exec(names);
    if (env.gpu.isFallbackAdapter) {
      webgpu = true;
      reasons.push('WebGPU gave a fallback adapter');
    } else if (named) {
      webgpu = true;
      reasons.push(`the WebGPU adapter is ${named[0]}`);
    }
  }
  const rendererName =
    env.features.webgl2 && env.webglRenderer ? SOFTWARE_NAMES.exec(env.webglRenderer) : null;
  if (rendererName) reasons.push(`the WebGL renderer is ${rendererName[0]}`);
  const webgl = rendererName !== null;
  if (!webgpu && !webgl) return undefined;
  return { ...(webgpu ? { webgpu } : {}), ...(webgl ? { webgl } : {}), why: reasons.join('; ') };
}

/** Whether a backend runs on a software GPU on this device. */
export function onSoftwareGpu(backend: string, softwareGpu: SoftwareGpu | undefined): boolean {
  const api = Object.hasOwn(GPU_API_OF_BACKEND, backend) ? GPU_API_OF_BACKEND[backend] : undefined;
  return api !== undefined && softwareGpu?.[api] === true;
}
