/**
 * The device summary: browser, cores, memory, isolation and the features each backend needs —
 * shown by the page before a run and by the dashboard's page of one stored run. Text only.
 */
import type { Env } from '../schema/run.ts';
import { identifyBrowser } from './browser-identity.ts';

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

export function summaryRows(env: Env): [string, string][] {
  const who = identifyBrowser(env);
  const rows: [string, string][] = [
    ['Browser', `${who.browser} ${who.browserVersion} (${who.engine})`],
    [
      'Platform',
      [who.os, who.osVersion, who.deviceModel ? `· ${who.deviceModel}` : '', who.mobile ? '(mobile)' : '']
        .filter(Boolean)
        .join(' '),
    ],
    ['CPU cores', String(env.hardwareConcurrency)],
    ['Memory', env.deviceMemory === undefined ? 'not reported' : `≥ ${env.deviceMemory} GB`],
    [
      'Cross-origin isolated',
      `${yesNo(env.crossOriginIsolated)}${env.isolatedBy === 'service-worker' ? ' (by a service worker)' : ''}`,
    ],
    ['WASM SIMD / threads', `${yesNo(env.features.wasmSimd)} / ${yesNo(env.features.wasmThreads)}`],
    [
      'WebGL2',
      `${env.features.webgl2 ? (env.webglRenderer ?? 'yes') : 'no'}${
        env.features.workerWebgl2 === undefined ? '' : env.features.workerWebgl2 ? '' : ' (not in workers)'
      }`,
    ],
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
