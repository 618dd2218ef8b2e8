/**
 * Background GPU load for the interference scenario: a WebGPU compute shader (a long chain of
 * multiply-adds over a 4 MB buffer) submitted back to back until the page terminates this worker.
 * Posts `{ ready: true }` once the loop runs, `{ error }` when WebGPU is missing, and the number
 * of dispatches done every second.
 */
const SHADER = `
@group(0) @binding(0) var<storage, read_write> data: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= arrayLength(&data)) { return; }
  var x = data[i];
  for (var k = 0u; k < 512u; k++) { x = x * 1.0001 + 0.0001; }
  data[i] = x;
}`;

async function run(): Promise<void> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) {
    self.postMessage({ error: 'WebGPU is not available (no adapter)' });
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
  let dispatches = 0;
  let last = performance.now();
  self.postMessage({ ready: true });
  for (;;) {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(elements / 64);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    dispatches++;
    if (performance.now() - last > 1000) {
      self.postMessage({ dispatches });
      last = performance.now();
    }
  }
}

run().catch((error: unknown) =>
  self.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
