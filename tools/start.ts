/**
 * `npm start`: fetches models if missing, builds the page if stale, and serves it on PORT
 * (default 8080), printing the local and LAN URLs and a terminal QR code of the first LAN URL for
 * a phone on the same network. `--https` serves with a self-signed certificate (cached in
 * `data/tls/`), because WebGPU and WASM threads need a secure context off localhost; its SHA-256
 * fingerprint is printed so the certificate can be checked on the phone.
 */
import { existsSync } from 'node:fs';
import { Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { lanAddresses, ROOT, startServer } from '../server/main.ts';
import { certificateHosts, loadOrCreateCertificate } from '../server/tls.ts';
import { buildIfStale } from './build-if-stale.ts';

const USAGE = `usage: npm start -- [--port N] [--https]

  --port N   port to listen on (default: PORT or 8080)
  --https    serve HTTPS with a self-signed certificate kept in data/tls/ (for phones: WebGPU and
             WASM threads need a secure context anywhere but localhost)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      https: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad port "${values.port ?? process.env.PORT}"`);
  if (!existsSync(join(ROOT, 'public/models/manifest.json'))) {
    throw new Error('models are missing: run `npm run models` first (needs the npm registry once)');
  }
  await buildIfStale(ROOT);

  const lan = lanAddresses();
  const tls = values.https
    ? await loadOrCreateCertificate(join(ROOT, 'data', 'tls'), certificateHosts(lan), {
        onRenew: (reason) => console.log(`${reason}: making a new one`),
      })
    : undefined;
  const serverOptions = tls ? { https: { key: tls.key, cert: tls.cert } } : {};
  const { app } = await startServer(port, '0.0.0.0', serverOptions);

  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const scheme = tls ? 'https' : 'http';
  if (tls && !(app.server instanceof HttpsServer)) {
    await app.close();
    throw new Error('--https: startServer did not start an HTTPS server');
  }
  const lanUrls = lan.map((a) => `${scheme}://${a}:${actualPort}`);
  console.log(`WebML Atlas is running:\n  local: ${scheme}://localhost:${actualPort}`);
  for (const url of lanUrls) console.log(`  LAN:   ${url}`);
  if (tls) {
    console.log(
      `\nSelf-signed certificate ${tls.created ? 'made' : 'reused'} (data/tls/cert.pem, valid until ${tls.validTo.toISOString().slice(0, 10)}).`,
    );
    console.log(`  SHA-256 fingerprint: ${tls.fingerprint256}`);
    console.log('  The phone warns about it once; check that its fingerprint matches before you proceed.');
  }
  const first = lanUrls[0];
  if (first) {
    console.log(`\nScan to open ${first} on a phone on this network:\n`);
    console.log(await QRCode.toString(first, { type: 'terminal', small: true }));
  } else {
    console.log('\nNo LAN address found: a phone cannot reach this machine over the network.');
  }
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
