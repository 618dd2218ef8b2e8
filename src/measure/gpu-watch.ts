/**
 * Watches the GPU allocations of one realm (the case's worker) for every library alike: wraps
 * WebGPU's `createBuffer`/`createTexture` and `destroy`, and WebGL's `bufferData`,
 * `texImage2D/3D`, `texStorage2D/3D` and `deleteBuffer`/`deleteTexture`, on the prototypes, before
 * any library loads; the sizes go into a {@link GpuLedger} (gpu-ledger.ts). The wrappers call the
 * originals with the same arguments and return what they return.
 */
import { GpuLedger, mipTexels, webglPixelBytes, webgpuTextureBytes } from './gpu-ledger.ts';

const INSTALLED = Symbol.for('webml-atlas/gpu-watch');

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `proto[name]` with a function that calls `after` with the call's this, arguments and result. */
function wrap(
  proto: Record<string, unknown> | undefined,
  name: string,
  after: (self: object, args: unknown[], result: unknown) => void,
): void {
  const original = proto?.[name];
  if (!proto || typeof original !== 'function') return;
  proto[name] = function (this: object, ...args: unknown[]) {
    const result = (original as Method).apply(this, args);
    try {
      after(this, args, result);
    } catch {
      // Accounting never breaks the library's call.
    }
    return result;
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

// WebGL binding queries: target → the parameter naming the object bound there.
const BUFFER_BINDING: Record<number, number> = {
  0x8892: 0x8894, // ARRAY_BUFFER
  0x8893: 0x8895, // ELEMENT_ARRAY_BUFFER
  0x88eb: 0x88ed, // PIXEL_PACK_BUFFER
  0x88ec: 0x88ef, // PIXEL_UNPACK_BUFFER
  0x8f36: 0x8f36, // COPY_READ_BUFFER
  0x8f37: 0x8f37, // COPY_WRITE_BUFFER
  0x8a11: 0x8a28, // UNIFORM_BUFFER
  0x8c8e: 0x8c8f, // TRANSFORM_FEEDBACK_BUFFER
};
function textureBinding(target: number): number | undefined {
  if (target === 0x0de1) return 0x8069; // TEXTURE_2D
  if (target >= 0x8515 && target <= 0x851a) return 0x8514; // cube faces → TEXTURE_BINDING_CUBE_MAP
  if (target === 0x8513) return 0x8514; // TEXTURE_CUBE_MAP (texStorage2D)
  if (target === 0x806f) return 0x806a; // TEXTURE_3D
  if (target === 0x8c1a) return 0x8c1d; // TEXTURE_2D_ARRAY
  return undefined;
}

interface GlContext {
  getParameter(p: number): unknown;
}

function bound(gl: object, binding: number | undefined): object | undefined {
  if (binding === undefined) return undefined;
  const value = (gl as GlContext).getParameter(binding);
  return value && typeof value === 'object' ? value : undefined;
}

/** Width and height of a TexImageSource (ImageBitmap, ImageData, canvas, video, …). */
function sourceSize(source: unknown): [number, number] | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const s = source as { width?: unknown; height?: unknown; videoWidth?: unknown; videoHeight?: unknown };
  const w = num(s.videoWidth) ?? num(s.width);
  const h = num(s.videoHeight) ?? num(s.height);
  return w !== undefined && h !== undefined ? [w, h] : undefined;
}

function watchWebgl(ledger: GpuLedger, proto: Record<string, unknown> | undefined): void {
  wrap(proto, 'bufferData', (gl, args) => {
    const [target, data, , srcOffset, length] = args;
    const buffer = bound(gl, BUFFER_BINDING[num(target) ?? -1]);
    if (!buffer) return;
    let bytes = num(data);
    if (bytes === undefined && ArrayBuffer.isView(data)) {
      const element = 'BYTES_PER_ELEMENT' in data ? (data.BYTES_PER_ELEMENT as number) : 1;
      const elements = num(length) || data.byteLength / element - (num(srcOffset) ?? 0);
      bytes = elements * element;
    } else if (bytes === undefined && data instanceof ArrayBuffer) bytes = data.byteLength;
    if (bytes !== undefined) ledger.allocate(buffer, bytes);
  });
  wrap(proto, 'texImage2D', (gl, args) => {
    const [target, level, internalformat] = args.map(num);
    if (target === undefined || internalformat === undefined) return;
    const texture = bound(gl, textureBinding(target));
    if (!texture) return;
    // (target, level, internalformat, width, height, border, format, type, …) or (…, format, type, source).
    const full = args.length >= 8 && typeof args[3] === 'number';
    const size = full ? [num(args[3]), num(args[4])] : sourceSize(args[5]);
    const format = num(full ? args[6] : args[3]);
    const type = num(full ? args[7] : args[4]);
    const px = webglPixelBytes(internalformat, format, type);
    const [w, h] = size ?? [];
    if (px === undefined || w === undefined || h === undefined) return;
    ledger.allocate(texture, w * h * px, `${target}:${level ?? 0}`);
  });
  wrap(proto, 'texImage3D', (gl, args) => {
    const [target, level, internalformat, w, h, d, , format, type] = args.map(num);
    if (target === undefined || internalformat === undefined) return;
    const texture = bound(gl, textureBinding(target));
    const px = webglPixelBytes(internalformat, format, type);
    if (!texture || px === undefined || w === undefined || h === undefined || d === undefined) return;
    ledger.allocate(texture, w * h * d * px, `${target}:${level ?? 0}`);
  });
  wrap(proto, 'texStorage2D', (gl, args) => {
    const [target, levels, internalformat, w, h] = args.map(num);
    if (target === undefined || internalformat === undefined) return;
    const texture = bound(gl, textureBinding(target));
    const px = webglPixelBytes(internalformat);
    if (!texture || px === undefined || levels === undefined || w === undefined || h === undefined) return;
    const faces = target === 0x8513 ? 6 : 1;
    ledger.allocate(texture, mipTexels(levels, w, h) * px * faces, 'storage');
  });
  wrap(proto, 'texStorage3D', (gl, args) => {
    const [target, levels, internalformat, w, h, d] = args.map(num);
    if (target === undefined || internalformat === undefined) return;
    const texture = bound(gl, textureBinding(target));
    const px = webglPixelBytes(internalformat);
    if (!texture || px === undefined || [levels, w, h, d].some((v) => v === undefined)) return;
    const texels = mipTexels(levels as number, w as number, h as number, d as number, target === 0x806f);
    ledger.allocate(texture, texels * px, 'storage');
  });
  wrap(proto, 'deleteBuffer', (_gl, [buffer]) => {
    if (buffer && typeof buffer === 'object') ledger.free(buffer);
  });
  wrap(proto, 'deleteTexture', (_gl, [texture]) => {
    if (texture && typeof texture === 'object') ledger.free(texture);
  });
}

function watchWebgpu(
  ledger: GpuLedger,
  scope: Record<string, { prototype?: Record<string, unknown> } | undefined>,
) {
  wrap(scope.GPUDevice?.prototype, 'createBuffer', (_device, [desc], buffer) => {
    const size = num((desc as { size?: unknown } | undefined)?.size);
    if (buffer && typeof buffer === 'object' && size !== undefined) ledger.allocate(buffer, size);
  });
  wrap(scope.GPUDevice?.prototype, 'createTexture', (_device, [desc], texture) => {
    if (!texture || typeof texture !== 'object' || !desc) return;
    const bytes = webgpuTextureBytes(desc as Parameters<typeof webgpuTextureBytes>[0]);
    if (bytes !== undefined) ledger.allocate(texture, bytes);
  });
  for (const name of ['GPUBuffer', 'GPUTexture']) {
    wrap(scope[name]?.prototype, 'destroy', (self) => ledger.free(self));
  }
}

/** Installs the wrappers in `scope` (the worker's global) once and returns its ledger. */
export function watchGpu(scope: object = globalThis): GpuLedger {
  const holder = scope as { [INSTALLED]?: GpuLedger };
  const existing = holder[INSTALLED];
  if (existing) return existing;
  const ledger = new GpuLedger();
  const globals = scope as Record<string, { prototype?: Record<string, unknown> } | undefined>;
  watchWebgpu(ledger, globals);
  watchWebgl(ledger, globals.WebGL2RenderingContext?.prototype);
  watchWebgl(ledger, globals.WebGLRenderingContext?.prototype);
  Object.defineProperty(holder, INSTALLED, { value: ledger });
  return ledger;
}
