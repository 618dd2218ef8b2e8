/**
 * Server settings from the environment, parsed once and frozen: store, ingest rate limit, and the
 * salt that turns client addresses into rate-limit keys (so no raw IP is ever kept).
 */
import { randomBytes } from 'node:crypto';
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
  });
}
