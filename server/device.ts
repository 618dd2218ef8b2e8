/**
 * Derives, at ingest, the device fields results are grouped by: the browser's identity (name,
 * version, engine, OS, mobile, model: src/report/browser-identity.ts, the same the page's device
 * card shows), GPU vendor/architecture, emulated or real, and one human-readable device group.
 * Firefox or Safari on a device land in the same device group as Chrome on it.
 */
import { createHash } from 'node:crypto';
import { identifyBrowser } from '../src/report/browser-identity.ts';
import type { DeviceFields } from '../src/schema/api.ts';
import { HOST_DEVICE, type Run } from '../src/schema/run.ts';

const nonEmpty = (value: string | undefined | null): string | null => (value?.trim() ? value.trim() : null);

export function deriveDevice(run: Run): DeviceFields {
  const { env } = run;
  const { browser, browserVersion, engine, os, osVersion, mobile, deviceModel } = identifyBrowser(env);
  // Device emulation and host CPU quotas both make host timings: never grouped with real devices.
  const emulated = run.emulation !== undefined;
  const emulatedDevice = run.emulation && run.emulation.device !== HOST_DEVICE ? run.emulation.device : null;
  const gpuVendor = nonEmpty(env.gpu?.vendor);
  const gpuArchitecture = nonEmpty(env.gpu?.architecture);
  const kind = deviceModel ? `${deviceModel} · ${os}` : `${os} ${mobile ? 'phone/tablet' : 'desktop'}`;
  // A software fallback adapter (SwiftShader) is the browser's, not the device's: left out of
  // the group, so browsers without WebGPU on the same device share it.
  const software = env.gpu?.isFallbackAdapter === true || /swiftshader/i.test(gpuArchitecture ?? '');
  const gpu = software ? '' : [gpuVendor, gpuArchitecture].filter(Boolean).join(' ');
  const real = gpu && !deviceModel ? `${kind} · ${gpu}` : kind;
  const throttle = run.emulation?.cpuThrottle ? ` with CPU ÷${run.emulation.cpuThrottle}` : '';
  const deviceGroup = emulatedDevice
    ? `emulated ${emulatedDevice}${throttle}`
    : emulated
      ? `${real}${throttle} (host quota)`
      : real;
  return {
    browser,
    browserVersion,
    engine,
    os,
    osVersion,
    mobile,
    deviceModel,
    gpuVendor,
    gpuArchitecture,
    gpuFallback: env.gpu?.isFallbackAdapter ?? null,
    emulated,
    emulatedDevice,
    deviceGroup,
  };
}

/**
 * A coarse device signature (user agent, cores, memory, GPU) used only to count distinct devices.
 * It is a hash of what the record already holds: no IP, no new identifier.
 */
export function deviceKey(run: Run): string {
  const { env } = run;
  const traits = [
    env.userAgent,
    env.hardwareConcurrency,
    env.deviceMemory ?? '',
    env.gpu?.description ?? '',
    env.webglRenderer ?? '',
  ];
  return createHash('sha256').update(traits.join('|')).digest('hex').slice(0, 16);
}
