/**
 * Server settings from the environment, parsed once and frozen: store, ingest rate limit, the
 * salt that turns client addresses into rate-limit keys (so no raw IP is ever kept), and which
 * proxies' forwarded addresses are believed (TRUST_PROXY). A bad value stops the start.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';

export interface RateLimitConfig {
  /** Posts allowed per client per window; 0 turns the limit off. */
  max: number;
  windowMs: number;
}

export interface ServerConfig {
  databaseUrl: string | undefined;
  rateLimit: RateLimitConfig;
  /** Secret mixed into client-address hashes; random per process unless IP_HASH_SALT is set. */
  ipHashSalt: string;
  logLevel: string;
  /** Worker threads parsing and validating posted runs (0: on the request thread). */
  ingestWorkers: number;
  /** Fastify's `trustProxy`: whose X-Forwarded-For is believed (false: nobody's). */
  trustProxy: TrustProxy;
  /** Bearer token for /metrics; unset: /metrics answers only requests from this machine. */
  metricsToken: string | undefined;
}

/**
 * `false`: the client is the socket's peer, X-Forwarded-For is ignored (the default: a server
 * on the open internet). A hop count: believe that many proxies in front. A list of addresses
 * or CIDRs: believe forwarded addresses only from those peers. `true`: believe anyone (only
 * where nothing but the proxy can reach the server).
 */
export type TrustProxy = boolean | number | string[];

/** proxy-addr's names for whole ranges, accepted in a TRUST_PROXY list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === family) return true; // address/netmask
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: unset, `false` or `0` → false; `true`; a hop count; or a comma list of proxies. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length)
    throw new Error(
      `TRUST_PROXY must be false, true, a hop count (e.g. 1) or a comma list of proxy addresses or ` +
        `CIDRs (e.g. 127.0.0.1,10.0.0.0/8); these are neither: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  return entries;
}

/** One core stays with the request thread; a few workers are plenty. */
export const defaultIngestWorkers = (cores = availableParallelism()) => Math.max(0, Math.min(4, cores - 1));

function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Readonly<ServerConfig> {
  return Object.freeze({
    databaseUrl: env.DATABASE_URL || undefined,
    rateLimit: {
      max: nonNegativeInt('RATE_LIMIT_MAX', env.RATE_LIMIT_MAX, 120),
      windowMs: nonNegativeInt('RATE_LIMIT_WINDOW_MS', env.RATE_LIMIT_WINDOW_MS, 60_000),
    },
    ipHashSalt: env.IP_HASH_SALT || randomBytes(32).toString('hex'),
    logLevel: env.LOG_LEVEL || 'info',
    ingestWorkers: nonNegativeInt('INGEST_WORKERS', env.INGEST_WORKERS, defaultIngestWorkers()),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN || undefined,
  });
}
