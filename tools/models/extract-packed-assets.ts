/**
 * Cuts files out of emscripten file_packager bundles, as the MediaPipe legacy solution packages
 * ship them: `*_packed_assets.data` is the files' bytes back to back and
 * `*_packed_assets_loader.js` passes their layout to `loadPackage({"files": [{"filename", "start",
 * "end"}, …], "remote_package_size": N})`. The layout literal is read, not run.
 */
import { ExtractError } from './extract-error.ts';
import { isLiteralObject, JsLiteralError, readJsLiteral } from './js-literal.ts';

export interface PackedFile {
  /** Absolute path inside the emscripten file system, e.g. `/third_party/…/face_landmark.tflite`. */
  filename: string;
  /** Byte range `[start, end)` in the `.data` file. */
  start: number;
  end: number;
}

export interface PackedLayout {
  files: PackedFile[];
  /** Size of the `.data` file the loader expects. */
  size: number;
}

const CALL = /loadPackage\s*\(\s*\{/g;

/** The layout a `*_packed_assets_loader.js` declares; `source` names it in errors. */
export function parsePackedLayout(loaderJs: string, source: string): PackedLayout {
  const calls = [...loaderJs.matchAll(CALL)];
  if (calls.length !== 1) {
    throw new ExtractError(
      `${source}: expected one loadPackage({…}) call (emscripten file_packager loader), found ${calls.length}`,
    );
  }
  const call = calls[0] as RegExpMatchArray;
  let meta: ReturnType<typeof readJsLiteral>['value'];
  try {
    meta = readJsLiteral(loaderJs, (call.index ?? 0) + call[0].length - 1).value;
  } catch (error) {
    if (!(error instanceof JsLiteralError)) throw error;
    throw new ExtractError(`${source}: loadPackage's argument is not a plain literal (${error.message})`);
  }
  if (!isLiteralObject(meta) || !Array.isArray(meta.files)) {
    throw new ExtractError(`${source}: loadPackage's argument has no files list`);
  }
  // file_packager's --lz4 option stores compressed chunks; the offsets are then not file bytes.
  if ('compressedData' in meta) {
    throw new ExtractError(
      `${source}: the package is LZ4-compressed (compressedData), which is not supported`,
    );
  }
  const size = meta.remote_package_size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
    throw new ExtractError(`${source}: remote_package_size is missing or not a byte count`);
  }
  const files = meta.files.map((entry, i): PackedFile => {
    if (!isLiteralObject(entry)) throw new ExtractError(`${source}: files[${i}] is not an object`);
    const { filename, start, end } = entry;
    if (
      typeof filename !== 'string' ||
      typeof start !== 'number' ||
      typeof end !== 'number' ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end < start ||
      end > size
    ) {
      throw new ExtractError(
        `${source}: files[${i}] is not {filename, start, end} within ${size} bytes: ${JSON.stringify(entry)}`,
      );
    }
    return { filename, start, end };
  });
  return { files, size };
}

/**
 * The bytes of the packed file `name` (its base name, or its full `filename` when base names
 * repeat). `data` must have exactly the size the loader declares.
 */
export function cutPackedAsset(
  layout: PackedLayout,
  data: Uint8Array,
  name: string,
  source: string,
): Uint8Array {
  if (data.byteLength !== layout.size) {
    throw new ExtractError(
      `${source}: the .data file has ${data.byteLength} bytes but its loader declares ${layout.size}`,
    );
  }
  const matches = layout.files.filter(
    (f) => f.filename === name || f.filename.slice(f.filename.lastIndexOf('/') + 1) === name,
  );
  if (matches.length !== 1) {
    const listed = layout.files.map((f) => f.filename).join(', ');
    throw new ExtractError(
      `${source}: ${matches.length === 0 ? 'no' : `${matches.length}`} packed file(s) named "${name}"; ` +
        `it holds ${listed}`,
    );
  }
  const { start, end } = matches[0] as PackedFile;
  return data.subarray(start, end);
}
