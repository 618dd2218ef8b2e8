/**
 * `npm run bench:static`: what the service-worker path costs a visitor. Serves the built page
 * (dist/, `npm run build` first) two ways on localhost — with the isolation headers, as a host
 * that reads `_headers` does, and with no headers at all, as GitHub Pages does (isolated by the
 * build's service worker after one reload) — and times, in headless Chromium, navigation start to
 * the page being ready to run (`window.atlas.state === 'ready'`, probe done), on a first visit
 * (fresh profile) and a second (same profile). Alternates the two paths; prints medians.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { quantile } from 'simple-statistics';
import { ISOLATION_HEADERS } from '../../server/headers.ts';
import { ROOT } from '../../server/main.ts';
import { CHROMIUM_ARGS, findChromium } from '../browser/chromium.ts';

async function host(
  headers: Readonly<Record<string, string>>,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  await app.register(fastifyStatic, {
    root: join(ROOT, 'dist'),
    setHeaders: (res) => {
      for (const [k, v] of Object.entries(headers)) res.header(k, v);
    },
  });
  const url = (await app.listen({ port: 0, host: 'localhost' })).replace(/127\.0\.0\.1|\[::1\]/, 'localhost');
  return { app, url };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  if (!existsSync(join(ROOT, 'dist', 'index.html')))
    throw new Error('no build in dist/: run `npm run build`');
  const found = findChromium();
  if (!found) throw new Error('no Chromium found');
  const browser = await chromium.launch({ executablePath: found.path, args: [...CHROMIUM_ARGS] });
  const paths = { headers: await host(ISOLATION_HEADERS), 'service worker': await host({}) };
  const times: Record<string, number[]> = {};
  const record = (key: string, ms: number) => {
    times[key] = [...(times[key] ?? []), ms];
  };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, { url }] of Object.entries(paths)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        for (const visit of ['first visit', 'second visit']) {
          const started = Date.now();
          await page.goto(`${url}/`);
          await page.waitForFunction(() => window.atlas?.state === 'ready', null, { timeout: 60_000 });
          const isolated = await page.evaluate(() => window.crossOriginIsolated);
          if (!isolated) throw new Error(`${name}: the page was not isolated`);
          record(`${name} · ${visit}`, Date.now() - started);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const { app } of Object.values(paths)) await app.close();
  }
  console.log(
    `Page ready (probe done), ms — median [min–max] of ${rounds} rounds, headless Chromium, localhost:`,
  );
  for (const [key, t] of Object.entries(times))
    console.log(`  ${key.padEnd(30)} ${quantile(t, 0.5).toFixed(0)} [${Math.min(...t)}–${Math.max(...t)}]`);
}

main().catch((error: unknown) => {
  console.error(`bench:static: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
