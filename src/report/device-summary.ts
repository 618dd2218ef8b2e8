/**
 * The device summary: browser, cores, memory, isolation and the features each backend needs —
 * shown by the page before a run and by the dashboard's page of one stored run. Text only.
 */
import type { Env } from '../schema/run.ts';

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** Browsers add a made-up "GREASE" brand (e.g. "Not:A-Brand") to client hints; it says nothing. */
const isGrease = (brand: string) => /not.?a.?brand/i.test(brand);

export function summaryRows(env: Env): [string, string][] {
  const rows: [string, string][] = [
    [
      'Browser',
      env.uaData?.brands
        .filter((b) => !isGrease(b.brand))
        .map((b) => `${b.brand} ${b.version}`)
        .join(', ') || env.userAgent,
    ],
    [
      'Platform',
      [env.uaData?.platform, env.uaData?.model, env.uaData?.platformVersion].filter(Boolean).join(' ') || '—',
    ],
    ['CPU cores', String(env.hardwareConcurrency)],
    ['Memory', env.deviceMemory === undefined ? 'not reported' : `≥ ${env.deviceMemory} GB`],
    ['Cross-origin isolated', yesNo(env.crossOriginIsolated)],
    ['WASM SIMD / threads', `${yesNo(env.features.wasmSimd)} / ${yesNo(env.features.wasmThreads)}`],
    ['WebGL2', env.features.webgl2 ? (env.webglRenderer ?? 'yes') : 'no'],
    [
      'WebGPU',
      env.gpu
        ? [
            env.gpu.vendor,
            env.gpu.architecture,
            env.gpu.description,
            env.gpu.isFallbackAdapter ? '(software fallback adapter)' : '',
          ]
            .filter(Boolean)
            .join(' ') || 'yes'
        : 'no',
    ],
    ['WebNN', yesNo(env.features.webnn)],
  ];
  return rows;
}

export function renderSummary(list: HTMLElement, env: Env): void {
  list.replaceChildren();
  for (const [label, value] of summaryRows(env)) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
}
