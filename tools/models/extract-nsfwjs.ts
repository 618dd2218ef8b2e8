/**
 * Decoders for nsfwjs's bundled models. nsfwjs (4.x) ships each TF.js layers model as browserify
 * bundles instead of files: `model.min.js` exports the model.json as a JS object literal and each
 * `groupN-shardKofM.min.js` exports one base64 string of weight bytes. These functions read those
 * literals (never running the scripts) and return the plain files: a compact model.json and the
 * binary shards.
 */
import { ExtractError } from './extract-error.ts';
import { isLiteralObject, type JsLiteral, JsLiteralError, readJsLiteral } from './js-literal.ts';

/** `{1:[function(a,b,c){b.exports=` — the single module of a browserify standalone bundle. */
const MODULE_START = /\{1:\[function\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\)\s*\{\s*(\w+)\.exports\s*=/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The value a browserify bundle's one module assigns to `module.exports`. */
export function bundleExport(text: string, source: string): JsLiteral {
  const starts = [...text.matchAll(MODULE_START)].filter((m) => m[4] === m[2]);
  if (starts.length !== 1) {
    throw new ExtractError(
      `${source}: expected one browserify module "{1:[function(e,a,n){a.exports=…}" ` +
        `but found ${starts.length}; not an nsfwjs model bundle this decoder knows`,
    );
  }
  const start = starts[0] as RegExpMatchArray;
  let read: { value: JsLiteral; end: number };
  try {
    read = readJsLiteral(text, (start.index ?? 0) + start[0].length);
  } catch (error) {
    if (!(error instanceof JsLiteralError)) throw error;
    throw new ExtractError(`${source}: module.exports is not a plain literal (${error.message})`);
  }
  const after = text.slice(read.end).trimStart();
  if (!after.startsWith('}')) {
    throw new ExtractError(`${source}: unexpected code after the exported literal (offset ${read.end})`);
  }
  return read.value;
}

/**
 * model.json (UTF-8, compact, keys in source order) from an nsfwjs `model.min.js`: the exported
 * object must have `modelTopology` and `weightsManifest`; each weight path `p` becomes `p.bin`.
 */
export function decodeNsfwjsModel(text: string, source: string): Buffer {
  const model = bundleExport(text, source);
  if (!isLiteralObject(model) || !isLiteralObject(model.modelTopology)) {
    throw new ExtractError(`${source}: the exported value has no modelTopology object`);
  }
  const manifest = model.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new ExtractError(`${source}: the exported model has no weightsManifest`);
  }
  for (const group of manifest) {
    if (!isLiteralObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new ExtractError(`${source}: a weightsManifest group lacks paths or weights`);
    }
    group.paths = group.paths.map((p) => {
      if (typeof p !== 'string' || !/^[\w.-]+$/.test(p)) {
        throw new ExtractError(`${source}: weight path ${JSON.stringify(p)} is not a plain file name`);
      }
      return `${p}.bin`;
    });
  }
  return Buffer.from(JSON.stringify(model), 'utf8');
}

/** The weight bytes of an nsfwjs `groupN-shardKofM.min.js`: its exported base64 string, decoded. */
export function decodeNsfwjsShard(text: string, source: string): Buffer {
  const value = bundleExport(text, source);
  if (typeof value !== 'string') {
    throw new ExtractError(`${source}: the exported value is a ${typeof value}, not a base64 string`);
  }
  if (value.length === 0 || value.length % 4 !== 0 || !BASE64.test(value)) {
    throw new ExtractError(
      `${source}: the exported string is not canonical base64 (${value.length} characters)`,
    );
  }
  return Buffer.from(value, 'base64');
}
