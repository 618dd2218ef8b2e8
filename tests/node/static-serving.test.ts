/**
 * What the server sends for files: the built page from dist/ and the model files from their own
 * folder at /models/ (the build no longer copies them), both cross-origin isolated, hashed assets
 * cached for good and everything else revalidated; the Vite dev/preview servers send the same
 * isolation headers; and building the app raises no framework deprecation warning.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { API_HEADERS, ISOLATION_HEADERS, PAGE_HEADERS } from '../../server/headers.ts';
import { openStore, type Store } from '../../server/store/database.ts';
import viteConfig from '../../vite.config.ts';

const MODEL_BYTES = Buffer.from([0x08, 0x07, 0x12, 0x04, 0x61, 0x74, 0x6c, 0x73]);

describe('static files', () => {
  let root: string;
  let store: Store;
  let app: FastifyInstance;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'atlas-static-'));
    const dist = join(root, 'dist');
    const models = join(root, 'models');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    mkdirSync(join(models, 'ppocr'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>atlas</title>\n');
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'export {};\n');
    writeFileSync(join(models, 'ppocr', 'cls.onnx'), MODEL_BYTES);
    writeFileSync(join(root, 'secret.txt'), 'not for the web');
    store = await openStore({ dialect: 'sqlite', target: join(root, 'atlas.db') });
    process.on('warning', onWarning);
    app = await buildApp({
      store,
      rateLimit: { max: 0, windowMs: 60_000 },
      ipHashSalt: 'salt',
      distDir: dist,
      modelsDir: models,
    });
    await app.ready();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves model files from the models folder at /models/, isolated and revalidated', async () => {
    const res = await app.inject({ method: 'GET', url: '/models/ppocr/cls.onnx' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(MODEL_BYTES)).toBe(true);
    expect(res.headers).toMatchObject(lowerCased(PAGE_HEADERS));
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = res.headers.etag;
    expect(etag).toBeTruthy();
    const again = await app.inject({
      method: 'GET',
      url: '/models/ppocr/cls.onnx',
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers byte ranges of a model file', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/models/ppocr/cls.onnx',
      headers: { range: 'bytes=2-4' },
    });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.equals(MODEL_BYTES.subarray(2, 5))).toBe(true);
  });

  it('keeps /models/ inside the models folder and 404s a missing model', async () => {
    const missing = await app.inject({ method: 'GET', url: '/models/ppocr/none.onnx' });
    expect(missing.statusCode).toBe(404);
    for (const url of ['/models/../secret.txt', '/models/%2e%2e/secret.txt', '/models/..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.payload, url).not.toContain('not for the web');
    }
  });

  it('serves the page revalidated and hashed assets as immutable, both isolated', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers).toMatchObject(lowerCased(PAGE_HEADERS));
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers).toMatchObject(lowerCased(PAGE_HEADERS));
  });

  it('gives every page a Content-Security-Policy and nosniff, as one plain frozen header set', async () => {
    expect(Object.isFrozen(PAGE_HEADERS)).toBe(true);
    expect(PAGE_HEADERS).toMatchObject(ISOLATION_HEADERS);
    for (const url of ['/', '/dashboard', '/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp, url).toMatch(/object-src 'none'/);
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });

  it('keeps the API cross-origin readable, under a policy that allows nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/runs/00000000-0000-4000-8000-000000000000' });
    expect(res.headers).toMatchObject(lowerCased(API_HEADERS));
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('builds without a framework deprecation warning', () => {
    const deprecations = warnings.filter((w) => /Deprecation/.test(w.name));
    expect(deprecations.map((w) => `${(w as { code?: string }).code}: ${w.message}`)).toEqual([]);
  });
});

describe('the Vite servers', () => {
  it('send the same isolation headers as the server, from the one definition', () => {
    expect(viteConfig.server?.headers).toEqual(ISOLATION_HEADERS);
    expect(viteConfig.preview?.headers).toEqual(ISOLATION_HEADERS);
  });

  it('do not copy the model folder into the build', () => {
    expect(viteConfig.build?.copyPublicDir).toBe(false);
  });
});

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
