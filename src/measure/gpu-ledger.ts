/**
 * The GPU allocation accounting of one case, pure: a ledger of bytes per GPU object (and per part
 * of one, e.g. a texture's mip level), freed where the API says so (`destroy()`, `deleteBuffer`,
 * `deleteTexture`), with the live total and its peak; and the byte sizes of WebGPU textures and
 * WebGL buffer/texture uploads. gpu-watch.ts wraps the allocation calls of the case's worker and
 * feeds this ledger. What is never freed explicitly stays counted (garbage collection of GPU
 * objects is not observable).
 */

export interface GpuFigures {
  /** Bytes allocated and not freed now. */
  liveBytes: number;
  /** The largest `liveBytes` so far. */
  peakBytes: number;
  /** Allocation calls counted. */
  allocations: number;
}

export class GpuLedger {
  private readonly parts = new WeakMap<object, Map<string, number>>();
  private live = 0;
  private peak = 0;
  private count = 0;

  /** `bytes` now held by `part` of `key`; a second allocation of the same part replaces the first. */
  allocate(key: object, bytes: number, part = ''): void {
    if (!Number.isFinite(bytes) || bytes < 0) return;
    let map = this.parts.get(key);
    if (!map) {
      map = new Map();
      this.parts.set(key, map);
    }
    this.live += bytes - (map.get(part) ?? 0);
    map.set(part, bytes);
    this.count += 1;
    this.peak = Math.max(this.peak, this.live);
  }

  /** Everything `key` held is freed (a second free, or one of an unknown object, changes nothing). */
  free(key: object): void {
    const map = this.parts.get(key);
    if (!map) return;
    for (const bytes of map.values()) this.live -= bytes;
    this.parts.delete(key);
  }

  figures(): GpuFigures | undefined {
    return this.count ? { liveBytes: this.live, peakBytes: this.peak, allocations: this.count } : undefined;
  }
}

/** Bytes per texel of WebGPU's uncompressed formats, by prefix of the format name. */
function webgpuTexelBytes(format: string): number | undefined {
  if (format === 'stencil8' || /^r8/.test(format)) return 1;
  if (/^(rg8|r16|depth16)/.test(format)) return 2;
  if (/^(rgba8|bgra8|rg16|r32|rgb10a2|rg11b10|rgb9e5|depth24plus|depth32float$)/.test(format)) return 4;
  if (format === 'depth32float-stencil8') return 8;
  if (/^(rgba16|rg32)/.test(format)) return 8;
  if (/^rgba32/.test(format)) return 16;
  return undefined; // compressed or unknown: not counted
}

type Extent = number[] | { width: number; height?: number; depthOrArrayLayers?: number };

/** The bytes of a WebGPU texture as created (all mip levels and samples); undefined for a format we do not size. */
export function webgpuTextureBytes(desc: {
  size: Extent;
  format: string;
  mipLevelCount?: number;
  sampleCount?: number;
  dimension?: string;
}): number | undefined {
  const texel = webgpuTexelBytes(desc.format);
  if (texel === undefined) return undefined;
  const [w, h, d] = Array.isArray(desc.size)
    ? [desc.size[0] ?? 1, desc.size[1] ?? 1, desc.size[2] ?? 1]
    : [desc.size.width, desc.size.height ?? 1, desc.size.depthOrArrayLayers ?? 1];
  return (
    mipTexels(desc.mipLevelCount ?? 1, w, h, d, desc.dimension === '3d') * texel * (desc.sampleCount ?? 1)
  );
}

// WebGL enums (the values are the specification's).
const TYPE_BYTES: Record<number, number> = {
  0x1400: 1, // BYTE
  0x1401: 1, // UNSIGNED_BYTE
  0x1402: 2, // SHORT
  0x1403: 2, // UNSIGNED_SHORT
  0x1404: 4, // INT
  0x1405: 4, // UNSIGNED_INT
  0x1406: 4, // FLOAT
  0x140b: 2, // HALF_FLOAT
  0x8d61: 2, // HALF_FLOAT_OES
};
/** Packed types: the bytes of a whole pixel. */
const PACKED_PIXEL_BYTES: Record<number, number> = {
  0x8033: 2, // UNSIGNED_SHORT_4_4_4_4
  0x8034: 2, // UNSIGNED_SHORT_5_5_5_1
  0x8363: 2, // UNSIGNED_SHORT_5_6_5
  0x8368: 4, // UNSIGNED_INT_2_10_10_10_REV
  0x8c3b: 4, // UNSIGNED_INT_10F_11F_11F_REV
  0x8c3e: 4, // UNSIGNED_INT_5_9_9_9_REV
  0x84fa: 4, // UNSIGNED_INT_24_8
  0x8dad: 8, // FLOAT_32_UNSIGNED_INT_24_8_REV
};
const FORMAT_CHANNELS: Record<number, number> = {
  0x1902: 1, // DEPTH_COMPONENT
  0x1903: 1, // RED
  0x1906: 1, // ALPHA
  0x1907: 3, // RGB
  0x1908: 4, // RGBA
  0x1909: 1, // LUMINANCE
  0x190a: 2, // LUMINANCE_ALPHA
  0x8227: 2, // RG
  0x8228: 2, // RG_INTEGER
  0x84f9: 1, // DEPTH_STENCIL (with a packed type)
  0x8d94: 1, // RED_INTEGER
  0x8d98: 3, // RGB_INTEGER
  0x8d99: 4, // RGBA_INTEGER
};
/** Sized internal formats: bytes per pixel. */
const SIZED_BYTES: Record<number, number> = {
  0x8229: 1, // R8
  0x822b: 2, // RG8
  0x8051: 3, // RGB8
  0x8058: 4, // RGBA8
  0x822d: 2, // R16F
  0x822f: 4, // RG16F
  0x881a: 8, // RGBA16F
  0x822e: 4, // R32F
  0x8230: 8, // RG32F
  0x8815: 12, // RGB32F
  0x8814: 16, // RGBA32F
  0x8235: 4, // R32I
  0x8236: 4, // R32UI
  0x8d82: 16, // RGBA32I
  0x8d70: 16, // RGBA32UI
  0x81a5: 2, // DEPTH_COMPONENT16
  0x81a6: 3, // DEPTH_COMPONENT24
  0x8cac: 4, // DEPTH_COMPONENT32F
  0x88f0: 4, // DEPTH24_STENCIL8
};

/** Bytes per pixel of a WebGL texture: its sized internal format, else its format × type. */
export function webglPixelBytes(internalformat: number, format?: number, type?: number): number | undefined {
  const sized = SIZED_BYTES[internalformat];
  if (sized !== undefined) return sized;
  if (type !== undefined && PACKED_PIXEL_BYTES[type] !== undefined) return PACKED_PIXEL_BYTES[type];
  const channels = FORMAT_CHANNELS[format ?? internalformat];
  const bytes = type === undefined ? 1 : TYPE_BYTES[type];
  return channels === undefined || bytes === undefined ? undefined : channels * bytes;
}

/** Texels of a mip chain of `levels` levels from w × h × d (d layers, or depth when `is3d`). */
export function mipTexels(levels: number, w: number, h: number, d = 1, is3d = false): number {
  let texels = 0;
  for (let level = 0; level < levels; level++) {
    const m = (n: number) => Math.max(1, n >> level);
    texels += m(w) * m(h) * (is3d ? m(d) : d);
  }
  return texels;
}
