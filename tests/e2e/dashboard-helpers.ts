/**
 * What the dashboard specs share: posting a run through the API, finding the device group the
 * server derived for it, runs of MobileNetV2 on three libraries and in three engines, and unique tags so each test reads only its own runs.
 */
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { RunList, ScenarioList } from '../../src/schema/api.ts';
import type { Run } from '../../src/schema/run.ts';
import { type CaseSpec, threeEngineRuns } from '../support/records.ts';

export async function post(request: APIRequestContext, run: Run): Promise<void> {
  const response = await request.post('/api/runs', { data: run });
  expect(response.status(), await response.text()).toBe(201);
}

/** The device group the server derived for runs of `model` made on a phone named `deviceModel`. */
export async function deviceGroupOf(
  request: APIRequestContext,
  model: string,
  deviceModel: string,
): Promise<string> {
  const list = (await (
    await request.get(`/api/runs?model=${encodeURIComponent(model)}&limit=50`)
  ).json()) as RunList;
  const run = list.runs.find((r) => r.device.deviceModel === deviceModel);
  expect(run, `a listed run made on ${deviceModel}`).toBeDefined();
  return run?.device.deviceGroup ?? '';
}

export const tag = () => Math.random().toString(36).slice(2, 8);
export const rows = (page: Page) => page.locator('#results-table tbody tr');
/** The device group the server derived for scenario results made on a phone named `deviceModel`. */
export async function scenarioGroupOf(request: APIRequestContext, deviceModel: string): Promise<string> {
  const list = (await (
    await request.get(`/api/scenarios?device=${encodeURIComponent(deviceModel)}`)
  ).json()) as ScenarioList;
  expect(list.results.length, `scenario results made on ${deviceModel}`).toBeGreaterThan(0);
  return list.results[0]?.deviceGroup ?? '';
}

/** MobileNetV2 on three libraries (one case wrong), for the ranking views. */
export function mobilenetCases(): CaseSpec[] {
  return [
    { model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'wasm', medianMs: 12 },
    { model: 'zoo-mobilenet-v2-onnx', runtime: 'ort', backend: 'webgpu', medianMs: 5 },
    { model: 'zoo-mobilenet-v2-tfjs', runtime: 'tfjs', backend: 'wasm', medianMs: 20 },
    { model: 'zoo-mobilenet-v2-tfjs', runtime: 'tfjs', backend: 'webgl', medianMs: 7.5 },
    { model: 'zoo-mobilenet-v2-tflite', runtime: 'litert', backend: 'wasm', medianMs: 11.85 },
    // A wrong answer has no say, however fast it would have been.
    { model: 'zoo-mobilenet-v2-tflite', runtime: 'litert', backend: 'webgpu', status: 'wrong' },
  ];
}

/** The same three-library runs made in Chromium, Firefox and Safari on one machine. */
export async function postThreeEngines(request: APIRequestContext, model: string): Promise<void> {
  for (const run of threeEngineRuns(model)) await post(request, run);
}
