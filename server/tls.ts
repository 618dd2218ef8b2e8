/**
 * The self-signed certificate `npm start -- --https` serves with, so a phone on the LAN gets a
 * secure context (WebGPU and WASM threads need one off localhost). Generated once into a folder
 * (`data/tls/` by default) and reused while it still names every current host and is not about
 * to expire; regenerated otherwise. The SHA-256 fingerprint lets a user check on the phone that
 * the certificate the browser warns about is this one.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsCertificate {
  /** PEM private key and certificate, as `https.createServer` takes them. */
  key: string;
  cert: string;
  /** SHA-256 fingerprint, colon-separated hex ("AB:CD:…"). */
  fingerprint256: string;
  validTo: Date;
  /** The hosts this certificate names (subjectAltName). */
  hosts: string[];
  /** Whether it was made now (false: reused from the folder). */
  created: boolean;
}

export interface CertificateOptions {
  /** Clock for tests. */
  now?: Date;
  /** Validity of a new certificate in days (Apple accepts at most 825). */
  validityDays?: number;
  /** Regenerate when the cached one expires within this many days. */
  renewWithinDays?: number;
}

const DAY_MS = 86_400_000;
export const MAX_VALIDITY_DAYS = 825;
const KEY_FILE = 'key.pem';
const CERT_FILE = 'cert.pem';

/** The hosts a LAN certificate names: localhost, 127.0.0.1, then the given addresses, deduplicated. */
export function certificateHosts(lanAddresses: readonly string[]): string[] {
  return [...new Set(['localhost', '127.0.0.1', ...lanAddresses])];
}

/** Why `cert`/`key` cannot serve `hosts` at `now`, or undefined when they can. */
export function certificateProblem(
  key: string,
  cert: string,
  hosts: readonly string[],
  now: Date,
  renewWithinDays: number,
): string | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return 'the key does not match the certificate';
  } catch (error) {
    return `unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
  if (new Date(x509.validFrom).getTime() > now.getTime()) return 'not valid yet';
  const remainingMs = new Date(x509.validTo).getTime() - now.getTime();
  if (remainingMs < renewWithinDays * DAY_MS) return `expires ${x509.validTo}`;
  const missing = hosts.filter((host) =>
    isIP(host) ? x509.checkIP(host) === undefined : x509.checkHost(host) === undefined,
  );
  return missing.length ? `does not name ${missing.join(', ')}` : undefined;
}

function describe(key: string, cert: string, created: boolean): TlsCertificate {
  const x509 = new X509Certificate(cert);
  const hosts = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .map((name) => name.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  return {
    key,
    cert,
    fingerprint256: x509.fingerprint256,
    validTo: new Date(x509.validTo),
    hosts,
    created,
  };
}

/** Makes a self-signed server certificate (CN localhost) naming every host. */
export async function createCertificate(
  hosts: readonly string[],
  options: { now?: Date; validityDays?: number } = {},
): Promise<{ key: string; cert: string }> {
  const now = options.now ?? new Date();
  const days = Math.min(options.validityDays ?? MAX_VALIDITY_DAYS, MAX_VALIDITY_DAYS);
  // Valid from an hour ago, so a phone whose clock runs a little behind still accepts it.
  const notBeforeDate = new Date(now.getTime() - 3_600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + days * DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

async function readPair(dir: string): Promise<{ key: string; cert: string } | undefined> {
  try {
    const [key, cert] = await Promise.all([
      readFile(join(dir, KEY_FILE), 'utf8'),
      readFile(join(dir, CERT_FILE), 'utf8'),
    ]);
    return { key, cert };
  } catch {
    return undefined;
  }
}

/** Writes a file by rename, so a crash never leaves half a key behind. */
async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode });
  await chmod(temp, mode);
  await rename(temp, path);
}

/**
 * The certificate cached in `dir` if it still covers `hosts` and does not expire within
 * `renewWithinDays` (default 7), else a new one written there (key mode 0600). `onRenew` hears why
 * a cached one was replaced.
 */
export async function loadOrCreateCertificate(
  dir: string,
  hosts: readonly string[],
  options: CertificateOptions & { onRenew?: (reason: string) => void } = {},
): Promise<TlsCertificate> {
  const now = options.now ?? new Date();
  const cached = await readPair(dir);
  if (cached) {
    const problem = certificateProblem(cached.key, cached.cert, hosts, now, options.renewWithinDays ?? 7);
    if (!problem) return describe(cached.key, cached.cert, false);
    options.onRenew?.(`the certificate in ${dir} ${problem}`);
  }
  const made = await createCertificate(hosts, {
    now,
    ...(options.validityDays === undefined ? {} : { validityDays: options.validityDays }),
  });
  await mkdir(dirname(dir), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(join(dir, KEY_FILE), made.key, 0o600);
  await writeAtomic(join(dir, CERT_FILE), made.cert, 0o644);
  return describe(made.key, made.cert, true);
}
