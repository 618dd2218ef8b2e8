/**
 * `POST /api/runs`: the contract's ingest. JSON only (415 otherwise), at most 2 MB (413), nested
 * at most 16 levels, validated with the same schema the page uses (400 listing every problem),
 * stored atomically before answering 201, idempotent on `id` (200 for an identical repeat, 409
 * for a different body), rate-limited per client by a salted hash of its address (429).
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError, IngestAccepted } from '../../src/schema/api.ts';
import { validateRun } from '../../src/schema/run.ts';
import type { RateLimitConfig } from '../config.ts';
import { nestsDeeperThan } from '../json-limits.ts';
import type { Store } from '../store/database.ts';
import { type RunRows, runRows } from '../store/run-rows.ts';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 16;

/** The body as the JSON parser left it: the text as sent and its parsed value. */
interface RawJson {
  raw: string;
  value: unknown;
}

export interface IngestOptions {
  store: Store;
  rateLimit: RateLimitConfig;
  ipHashSalt: string;
  /** Told of every newly stored run (not of repeats). */
  onStored: (rows: RunRows) => void;
}

function fail(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).send(body);
}

export async function ingestRoutes(app: FastifyInstance, options: IngestOptions): Promise<void> {
  // Keep the text as sent (it is stored as the original record) next to its parsed value.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (_request, body, done) => {
      try {
        done(null, { raw: body as string, value: JSON.parse(body as string) } satisfies RawJson);
      } catch {
        const error = new Error('the body is not valid JSON') as Error & { statusCode: number };
        error.statusCode = 400;
        done(error, undefined);
      }
    },
  );

  if (options.rateLimit.max > 0) {
    await app.register(rateLimit, {
      global: false,
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.windowMs,
      keyGenerator: (request) =>
        createHash('sha256').update(`${options.ipHashSalt}:${request.ip}`).digest('hex'),
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: `too many runs from this client: at most ${context.max} per ${context.after}`,
      }),
    });
  }

  app.post(
    '/api/runs',
    {
      bodyLimit: MAX_BODY_BYTES,
      ...(options.rateLimit.max > 0 ? { config: { rateLimit: {} } } : {}),
    },
    async (request, reply) => {
      const body = request.body as RawJson | undefined;
      if (!body || typeof body !== 'object' || !('raw' in body)) {
        return fail(reply, 415, { error: 'send the run as application/json' });
      }
      if (nestsDeeperThan(body.value, MAX_DEPTH)) {
        return fail(reply, 400, { error: `the body nests deeper than ${MAX_DEPTH} levels`, issues: [] });
      }
      const checked = validateRun(body.value);
      if (!checked.ok)
        return fail(reply, 400, { error: 'not a valid atlas.run/1 record', issues: checked.issues });
      const rows = runRows(checked.run, body.raw, new Date());
      const outcome = await options.store.writer.write(rows);
      if (outcome === 'conflict') {
        return fail(reply, 409, { error: `a different run with id ${checked.run.id} is already stored` });
      }
      if (outcome === 'created') options.onStored(rows);
      const accepted: IngestAccepted = { id: checked.run.id, url: `/runs/${checked.run.id}` };
      return reply.code(outcome === 'created' ? 201 : 200).send(accepted);
    },
  );
}
