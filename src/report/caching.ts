/**
 * What caching did for one case on this visit, from its record: whether the model came from the
 * page's model store or the HTTP cache or was downloaded, the same for the library's code, and the
 * bytes that crossed the network — in a few words for the results table's "First answer" cell,
 * and in a sentence for its hover text. Pure: the page's table and the run page both use it.
 */
import type { Case } from '../schema/run.ts';
import { formatBytes } from './format.ts';

/** One part of what a case fetched: all of it from a cache, or some of it downloaded (bytes sent, where said). */
export type Arrival = { cached: true; where: string } | { cached: false; sentBytes?: number };

const fromCache = (via: string | undefined) => via === 'http-cache' || via === 'revalidated';

const sumKnown = (values: (number | undefined)[]): number | undefined =>
  values.some((v) => v !== undefined) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : undefined;

/** The model files: from the model store, the HTTP cache, or downloaded; undefined where the record does not say. */
export function modelArrival(c: Case): Arrival | undefined {
  const files = c.modelFiles ?? [];
  const sent = c.coldStart?.model?.transferBytes;
  if (files.length === 0) {
    if (sent === undefined) return undefined;
    return sent === 0 ? { cached: true, where: 'a cache' } : { cached: false, sentBytes: sent };
  }
  if (files.every((f) => f.source === 'cache')) return { cached: true, where: 'this device’s model store' };
  if (files.every((f) => f.source === 'cache' || fromCache(f.via)))
    return { cached: true, where: 'the HTTP cache' };
  const bytes = sent ?? sumKnown(files.map((f) => f.transferBytes));
  return bytes === undefined ? { cached: false } : { cached: false, sentBytes: bytes };
}

/** The library's code fetched before the first answer: all from the HTTP cache, or some downloaded. */
export function libraryArrival(c: Case): Arrival | undefined {
  const library = c.coldStart?.library;
  if (!library || library.files.length === 0) return undefined;
  if (library.files.every((f) => fromCache(f.via))) return { cached: true, where: 'the HTTP cache' };
  if (library.files.every((f) => f.via === undefined) && library.transferBytes === undefined)
    return undefined;
  const bytes = library.transferBytes ?? sumKnown(library.files.map((f) => f.transferBytes));
  return bytes === undefined ? { cached: false } : { cached: false, sentBytes: bytes };
}

/**
 * "from cache", "downloaded 23.6 MB", "downloaded 9.8 MB (model from cache)"; undefined when the
 * record does not say where the files came from (older records).
 */
export function cachingText(c: Case): string | undefined {
  const model = modelArrival(c);
  const library = libraryArrival(c);
  const parts = [model, library].filter((a): a is Arrival => a !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.every((a) => a.cached)) return 'from cache';
  const sent = sumKnown(parts.map((a) => (a.cached ? 0 : a.sentBytes)));
  const downloaded = sent === undefined ? 'downloaded' : `downloaded ${formatBytes(sent)}`;
  if (model?.cached) return `${downloaded} (model from cache)`;
  if (library?.cached) return `${downloaded} (code from cache)`;
  return downloaded;
}

/** The same in a sentence, for the hover text. */
export function cachingDetail(c: Case): string | undefined {
  const say = (what: string, a: Arrival | undefined) =>
    a === undefined
      ? undefined
      : a.cached
        ? `${what} from ${a.where}`
        : `${what} downloaded${a.sentBytes === undefined ? '' : ` (${formatBytes(a.sentBytes)} over the network)`}`;
  const parts = [say('model', modelArrival(c)), say('library code', libraryArrival(c))].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * The whole run in a sentence, for the page's summary (in view on a phone, unlike the table's
 * column): how many cases read their model from a cache, and the bytes downloaded in all.
 */
export function runCachingText(cases: readonly Case[]): string | undefined {
  const said = cases.flatMap((c) => {
    const model = modelArrival(c);
    const library = libraryArrival(c);
    return model || library ? [{ model, library }] : [];
  });
  if (said.length === 0) return undefined;
  const modelCached = said.filter((s) => s.model?.cached).length;
  const withModel = said.filter((s) => s.model).length;
  const sent = said.reduce(
    (a, s) => a + [s.model, s.library].reduce((b, p) => b + (p && !p.cached ? (p.sentBytes ?? 0) : 0), 0),
    0,
  );
  const downloaded =
    sent > 0 ? `${formatBytes(sent)} downloaded in all (models and library code)` : 'nothing downloaded';
  return `On this visit ${modelCached} of ${withModel} case${withModel === 1 ? '' : 's'} read the model from a cache; ${downloaded}.`;
}
