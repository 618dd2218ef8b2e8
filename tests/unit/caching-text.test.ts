/**
 * What caching did for a case, in the words under its first answer (src/report/caching.ts), on
 * record shapes the page writes: a first visit (all downloaded), a repeat visit with the model
 * from the page's store and part of the code downloaded again, all from caches, the HTTP cache
 * answering for the model, and an older record that does not say.
 */
import { describe, expect, it } from 'vitest';
import { cachingDetail, cachingText, runCachingText } from '../../src/report/caching.ts';
import type { Case } from '../../src/schema/run.ts';

type LibFile = { kind: 'js' | 'wasm'; via: 'network' | 'http-cache'; transferBytes: number; bytes: number };

function c(modelFiles: Case['modelFiles'], library?: LibFile[], modelSent?: number): Case {
  const bytes = (modelFiles ?? []).reduce((a, f) => a + f.bytes, 0);
  return {
    model: 'm',
    runtime: 'litert',
    backend: 'wasm',
    status: 'ok',
    ...(modelFiles ? { modelFiles } : {}),
    coldStart: {
      firstAnswerMs: 900,
      ...(library
        ? {
            library: {
              downloadMs: 10,
              transferBytes: library.reduce((a, f) => a + f.transferBytes, 0),
              files: library.map((f, i) => ({ path: `/lib${i}`, downloadMs: 1, ...f })),
            },
          }
        : {}),
      ...(modelFiles
        ? { model: { bytes, ...(modelSent === undefined ? {} : { transferBytes: modelSent }) } }
        : {}),
    },
  } as Case;
}

const MODEL_DOWNLOADED: Case['modelFiles'] = [
  { path: 'm.tflite', bytes: 13_968_416, source: 'network', via: 'network', transferBytes: 13_968_716 },
];
const MODEL_STORED: Case['modelFiles'] = [{ path: 'm.tflite', bytes: 13_968_416, source: 'cache' }];
const CODE_DOWNLOADED: LibFile[] = [
  { kind: 'js', via: 'network', transferBytes: 318_156, bytes: 317_856 },
  { kind: 'wasm', via: 'network', transferBytes: 9_446_134, bytes: 9_445_834 },
];
const CODE_CACHED: LibFile[] = [{ kind: 'js', via: 'http-cache', transferBytes: 0, bytes: 38_171 }];

describe('cachingText', () => {
  it('says how much a first visit downloaded, model and code together', () => {
    expect(cachingText(c(MODEL_DOWNLOADED, CODE_DOWNLOADED, 13_968_716))).toBe('downloaded 23.7 MB');
  });

  it('says the model came from the store when only the code was downloaded again', () => {
    const repeat = c(MODEL_STORED, [...CODE_CACHED, ...CODE_DOWNLOADED], 0);
    expect(cachingText(repeat)).toBe('downloaded 9.8 MB (model from cache)');
    expect(cachingDetail(repeat)).toBe(
      'model from this device’s model store; library code downloaded (9.8 MB over the network)',
    );
  });

  it('says "from cache" when nothing crossed the network, whichever cache answered', () => {
    expect(cachingText(c(MODEL_STORED, CODE_CACHED, 0))).toBe('from cache');
    const httpCache: Case['modelFiles'] = [
      { path: 'm.onnx', bytes: 1000, source: 'network', via: 'http-cache', transferBytes: 0 },
    ];
    expect(cachingText(c(httpCache, CODE_CACHED, 0))).toBe('from cache');
    expect(cachingDetail(c(httpCache))).toBe('model from the HTTP cache');
  });

  it('says the code came from the cache when only the model was downloaded', () => {
    expect(cachingText(c(MODEL_DOWNLOADED, CODE_CACHED, 13_968_716))).toBe(
      'downloaded 14.0 MB (code from cache)',
    );
  });

  it('says nothing for a record that does not say where its files came from', () => {
    expect(
      cachingText({ model: 'm', runtime: 'ort', backend: 'wasm', status: 'ok' } as Case),
    ).toBeUndefined();
  });
});

describe('runCachingText', () => {
  it('counts the cases whose model came from a cache and adds up what was downloaded', () => {
    const first = c(MODEL_DOWNLOADED, CODE_DOWNLOADED, 13_968_716);
    const second = c(MODEL_STORED, [...CODE_CACHED, ...CODE_DOWNLOADED], 0);
    expect(runCachingText([first, second])).toBe(
      'On this visit 1 of 2 cases read the model from a cache; 33.5 MB downloaded in all (models and library code).',
    );
    expect(runCachingText([c(MODEL_STORED, CODE_CACHED, 0)])).toBe(
      'On this visit 1 of 1 case read the model from a cache; nothing downloaded.',
    );
    expect(
      runCachingText([{ model: 'm', runtime: 'ort', backend: 'wasm', status: 'unsupported' } as Case]),
    ).toBeUndefined();
  });
});
