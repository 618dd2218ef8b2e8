/**
 * The `--https` certificate: made once, reused while it names every host and is not expiring,
 * regenerated otherwise, and it really serves TLS for the names it lists.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateHosts, loadOrCreateCertificate, MAX_VALIDITY_DAYS } from '../../server/tls.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-tls-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hosts = certificateHosts(['192.168.1.23']);
const DAY = 86_400_000;

describe('loadOrCreateCertificate', () => {
  it('creates a certificate naming localhost, 127.0.0.1 and the LAN address, key mode 0600', async () => {
    const made = await loadOrCreateCertificate(join(dir, 'a'), hosts);
    expect(made.created).toBe(true);
    expect(made.hosts).toEqual(['localhost', '127.0.0.1', '192.168.1.23']);
    expect(made.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const x509 = new X509Certificate(readFileSync(join(dir, 'a', 'cert.pem')));
    expect(x509.subject).toContain('CN=localhost');
    expect(x509.checkIP('192.168.1.23')).toBe('192.168.1.23');
    expect(x509.checkHost('localhost')).toBe('localhost');
    const days = (new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()) / DAY;
    expect(days).toBeLessThanOrEqual(MAX_VALIDITY_DAYS);
    expect(days).toBeGreaterThan(MAX_VALIDITY_DAYS - 1);
    expect(statSync(join(dir, 'a', 'key.pem')).mode & 0o777).toBe(0o600);
  });

  it('reuses the cached certificate on the next start', async () => {
    const first = await loadOrCreateCertificate(join(dir, 'b'), hosts);
    const second = await loadOrCreateCertificate(join(dir, 'b'), hosts);
    expect(second.created).toBe(false);
    expect(second.fingerprint256).toBe(first.fingerprint256);
    expect(second.key).toBe(first.key);
    // A subset of its hosts is covered too.
    expect((await loadOrCreateCertificate(join(dir, 'b'), ['localhost'])).fingerprint256).toBe(
      first.fingerprint256,
    );
  });

  it('regenerates when a LAN address is new, saying why', async () => {
    const first = await loadOrCreateCertificate(join(dir, 'c'), hosts);
    const reasons: string[] = [];
    const moved = await loadOrCreateCertificate(join(dir, 'c'), certificateHosts(['10.0.0.7']), {
      onRenew: (reason) => reasons.push(reason),
    });
    expect(moved.created).toBe(true);
    expect(moved.fingerprint256).not.toBe(first.fingerprint256);
    expect(moved.hosts).toContain('10.0.0.7');
    expect(reasons.join()).toContain('10.0.0.7');
    // And the new one is what the folder holds now.
    expect((await loadOrCreateCertificate(join(dir, 'c'), certificateHosts(['10.0.0.7']))).created).toBe(
      false,
    );
  });

  it('regenerates one expiring within 7 days, and a corrupt or mismatched pair', async () => {
    const first = await loadOrCreateCertificate(join(dir, 'd'), hosts, { validityDays: 30 });
    const soon = new Date(first.validTo.getTime() - 6 * DAY);
    const renewed = await loadOrCreateCertificate(join(dir, 'd'), hosts, { now: soon });
    expect(renewed.created).toBe(true);
    expect(renewed.validTo.getTime()).toBeGreaterThan(first.validTo.getTime());

    writeFileSync(join(dir, 'd', 'cert.pem'), 'garbage');
    expect((await loadOrCreateCertificate(join(dir, 'd'), hosts)).created).toBe(true);

    const other = await loadOrCreateCertificate(join(dir, 'e'), hosts);
    writeFileSync(join(dir, 'd', 'key.pem'), other.key);
    const reasons: string[] = [];
    const fixed = await loadOrCreateCertificate(join(dir, 'd'), hosts, { onRenew: (r) => reasons.push(r) });
    expect(fixed.created).toBe(true);
    expect(reasons.join()).toMatch(/key does not match/);
  });

  it('serves HTTPS from Fastify that a client trusting only this certificate accepts', async () => {
    const tls = await loadOrCreateCertificate(join(dir, 'f'), hosts);
    const app = Fastify({ https: { key: tls.key, cert: tls.cert } });
    app.get('/healthz', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      const get = (options: { ca?: string; rejectUnauthorized?: boolean; servername?: string }) =>
        new Promise<{ status: number; body: string; fingerprint: string }>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port, path: '/healthz', agent: false, ...options },
            (res) => {
              const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
              let body = '';
              res.on('data', (chunk: Buffer) => {
                body += chunk.toString();
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
            },
          );
          req.on('error', reject);
          req.end();
        });
      const insecure = await get({ rejectUnauthorized: false });
      expect(insecure.status).toBe(200);
      expect(JSON.parse(insecure.body)).toEqual({ ok: true });
      expect(insecure.fingerprint).toBe(tls.fingerprint256);
      // Verified against the certificate itself: 127.0.0.1 and localhost are both names it holds.
      expect((await get({ ca: tls.cert })).status).toBe(200);
      expect((await get({ ca: tls.cert, servername: 'localhost' })).status).toBe(200);
      await expect(get({ ca: tls.cert, servername: 'example.org' })).rejects.toThrow(
        /altnames|example\.org/i,
      );
    } finally {
      await app.close();
    }
  });
});
