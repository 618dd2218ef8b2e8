/**
 * Background GPU load for the interference scenario: a WebGPU compute shader (a chain of
 * multiply-adds over a 4 MB buffer) submitted back to back while the page wants it
 * (`{ run: true | false }`). Posts `{ ready: true }` once the device and pipeline exist,
 * `{ error }` when WebGPU is missing, and after every submission and completion its cumulative
 * counts (`{ submitted, dispatches, running }`), so the page can confirm the loop runs before it
 * measures, see that it stopped (`running: false` once the last dispatch finished) and record
 * how much work was done.
 */
import type { GpuLoadReport, LoadCommand } from './load-messages.ts';

const SHADER = `
@group(0) @binding(0) var<storage, read_write> data: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= arrayLength(&data)) { return; }
  var x = data[i];
  for (var k = 0u; k < 128u; k++) { x = x * 1.0001 + 0.0001; }
  data[i] = x;
}`;

let submitted = 0;
let dispatches = 0;
let wanted = false;
let looping = false;
let dispatchOnce: (() => Promise<void>) | undefined;

const report = (extra: Partial<GpuLoadReport> = {}) =>
  self.postMessage({ submitted, dispatches, running: looping, ...extra } satisfies GpuLoadReport);

async function loop(): Promise<void> {
  if (!dispatchOnce) return;
  looping = true;
  while (wanted) {
    await dispatchOnce();
  }
  looping = false;
  report();
}

self.addEventListener('message', (event: MessageEvent<LoadCommand>) => {
  wanted = event.data.run === true;
  if (wanted && !looping) void loop().catch(fail);
  else if (!wanted && !looping) report();
});

function fail(error: unknown): void {
  looping = false;
  report({ error: error instanceof Error ? error.message : String(error) });
}

async function setUp(): Promise<void> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) {
    report({ error: 'WebGPU is not available (no adapter)' });
    return;
  }
  const device = await adapter.requestDevice();
  const elements = 1 << 20;
  const buffer = device.createBuffer({ size: elements * 4, usage: GPUBufferUsage.STORAGE });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: 'main' },
  });
  const group = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer } }],
  });
  dispatchOnce = async () => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(elements / 64);
    pass.end();
    device.queue.submit([encoder.finish()]);
    submitted++;
    report();
    await device.queue.onSubmittedWorkDone();
    dispatches++;
    report();
  };
  report({ ready: true });
  if (wanted && !looping) void loop().catch(fail);
}

setUp().catch(fail);
