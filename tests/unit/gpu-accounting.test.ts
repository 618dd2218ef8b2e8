/**
 * GPU allocation accounting (src/measure/gpu-ledger.ts, gpu-watch.ts): wrapped calls are counted
 * with the sizes the APIs define, freed resources are subtracted where the API says so (WebGPU
 * `destroy()`, WebGL `deleteBuffer`/`deleteTexture`), re-uploads replace rather than add, and the
 * peak survives frees. Node has neither WebGPU nor WebGL, so the watch is installed on a scope of
 * stand-in classes with the same method names; the browser test checks a real WebGPU case.
 */
import { describe, expect, it } from 'vitest';
import { GpuLedger, mipTexels, webglPixelBytes, webgpuTextureBytes } from '../../src/measure/gpu-ledger.ts';
import { watchGpu } from '../../src/measure/gpu-watch.ts';

describe('GpuLedger', () => {
  it('adds allocations, subtracts frees, keeps the peak, and sees nothing before the first', () => {
    const ledger = new GpuLedger();
    expect(ledger.figures()).toBeUndefined();
    const a = {};
    const b = {};
    ledger.allocate(a, 100);
    ledger.allocate(b, 50);
    expect(ledger.figures()).toEqual({ liveBytes: 150, peakBytes: 150, allocations: 2 });
    ledger.free(a);
    ledger.free(a); // a second free changes nothing
    ledger.free({}); // nor does an unknown object
    expect(ledger.figures()).toEqual({ liveBytes: 50, peakBytes: 150, allocations: 2 });
    // Re-uploading the same part replaces its size; another part of the object adds.
    ledger.allocate(b, 20);
    ledger.allocate(b, 30, 'level 1');
    expect(ledger.figures()?.liveBytes).toBe(50);
    ledger.free(b);
    expect(ledger.figures()).toEqual({ liveBytes: 0, peakBytes: 150, allocations: 4 });
  });
});

describe('sizes', () => {
  it('sizes WebGPU textures with mip levels, layers, 3D depth and samples; not compressed ones', () => {
    expect(webgpuTextureBytes({ size: [4, 4], format: 'rgba8unorm' })).toBe(64);
    expect(
      webgpuTextureBytes({ size: { width: 4, height: 4 }, format: 'rgba32float', mipLevelCount: 3 }),
    ).toBe((16 + 4 + 1) * 16);
    expect(webgpuTextureBytes({ size: [8, 8, 6], format: 'r32float' })).toBe(8 * 8 * 6 * 4);
    expect(
      webgpuTextureBytes({ size: [8, 8, 8], format: 'r8unorm', dimension: '3d', mipLevelCount: 2 }),
    ).toBe(512 + 64);
    expect(webgpuTextureBytes({ size: [4, 4], format: 'bgra8unorm', sampleCount: 4 })).toBe(256);
    expect(webgpuTextureBytes({ size: [4, 4], format: 'bc1-rgba-unorm' })).toBeUndefined();
  });

  it('sizes WebGL pixels by sized internal format, else format × type, packed types whole', () => {
    expect(webglPixelBytes(0x8814)).toBe(16); // RGBA32F
    expect(webglPixelBytes(0x822e)).toBe(4); // R32F
    expect(webglPixelBytes(0x1908, 0x1908, 0x1406)).toBe(16); // RGBA FLOAT
    expect(webglPixelBytes(0x1908, 0x1908, 0x1401)).toBe(4); // RGBA UNSIGNED_BYTE
    expect(webglPixelBytes(0x1908, 0x1908, 0x8d61)).toBe(8); // RGBA HALF_FLOAT_OES
    expect(webglPixelBytes(0x1907, 0x1907, 0x8363)).toBe(2); // RGB UNSIGNED_SHORT_5_6_5
    expect(webglPixelBytes(0x9999, 0x9999, 0x1401)).toBeUndefined();
    expect(mipTexels(3, 8, 4)).toBe(32 + 8 + 2);
  });
});

/** Stand-ins with the real APIs' method names, so the watch wraps their prototypes. */
function scope() {
  class GPUBuffer {
    destroyed = false;
    destroy() {
      this.destroyed = true;
    }
  }
  class GPUTexture {
    destroy() {}
  }
  class GPUDevice {
    createBuffer(_desc: { size: number }) {
      return new GPUBuffer();
    }
    createTexture(_desc: object) {
      return new GPUTexture();
    }
  }
  class WebGL2RenderingContext {
    bindings = new Map<number, object | null>();
    calls = 0;
    bindBuffer(target: number, buffer: object | null) {
      this.bindings.set(target === 0x8892 ? 0x8894 : 0x8895, buffer);
    }
    bindTexture(_target: number, texture: object | null) {
      this.bindings.set(0x8069, texture);
    }
    getParameter(p: number) {
      return this.bindings.get(p) ?? null;
    }
    bufferData(..._args: unknown[]) {
      this.calls += 1;
    }
    texImage2D(..._args: unknown[]) {
      this.calls += 1;
    }
    texStorage2D(..._args: unknown[]) {}
    deleteBuffer(_b: object) {}
    deleteTexture(_t: object) {}
  }
  return { GPUBuffer, GPUTexture, GPUDevice, WebGL2RenderingContext };
}

describe('watchGpu', () => {
  it('counts WebGPU buffers and textures and subtracts destroyed ones, calling the originals', () => {
    const s = scope();
    const ledger = watchGpu(s);
    expect(watchGpu(s)).toBe(ledger);
    const device = new s.GPUDevice();
    const buffer = device.createBuffer({ size: 1024 });
    const texture = device.createTexture({ size: [16, 16], format: 'rgba8unorm' });
    expect(buffer).toBeInstanceOf(s.GPUBuffer);
    expect(ledger.figures()).toEqual({ liveBytes: 1024 + 1024, peakBytes: 2048, allocations: 2 });
    buffer.destroy();
    expect(buffer.destroyed).toBe(true);
    texture.destroy();
    expect(ledger.figures()).toEqual({ liveBytes: 0, peakBytes: 2048, allocations: 2 });
  });

  it('counts WebGL uploads into the bound buffer or texture, replaces re-uploads, subtracts deletes', () => {
    const s = scope();
    const ledger = watchGpu(s);
    const gl = new s.WebGL2RenderingContext();
    const buf = {};
    const tex = {};
    gl.bindBuffer(0x8892, buf);
    gl.bufferData(0x8892, new Float32Array(100), 0x88e4);
    gl.bufferData(0x8892, 256, 0x88e4); // re-specified: replaces
    gl.bindTexture(0x0de1, tex);
    // (target, level, internalformat, width, height, border, format, type, pixels)
    gl.texImage2D(0x0de1, 0, 0x8814, 8, 4, 0, 0x1908, 0x1406, null);
    gl.texImage2D(0x0de1, 1, 0x8814, 4, 2, 0, 0x1908, 0x1406, null);
    // (target, level, internalformat, format, type, source)
    gl.texImage2D(0x0de1, 2, 0x1908, 0x1908, 0x1401, { width: 2, height: 1 });
    expect(gl.calls).toBe(5);
    expect(ledger.figures()?.liveBytes).toBe(256 + 8 * 4 * 16 + 4 * 2 * 16 + 2 * 4);
    gl.deleteTexture(tex);
    expect(ledger.figures()?.liveBytes).toBe(256);
    gl.deleteBuffer(buf);
    expect(ledger.figures()?.liveBytes).toBe(0);
    // Nothing bound: nothing to attribute, nothing counted.
    gl.bindBuffer(0x8892, null);
    gl.bufferData(0x8892, 999, 0x88e4);
    expect(ledger.figures()?.liveBytes).toBe(0);
    expect(ledger.figures()?.peakBytes).toBe(256 + 512 + 128 + 8);
  });
});
