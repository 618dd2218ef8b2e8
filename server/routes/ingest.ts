/**
 * `POST /api/runs`: the contract's ingest. JSON only (415 otherwise), at most 2 MB (413), nested
 * at most 16 levels, validated with the same schema the page uses (400 listing every problem),
 * stored atomically before answering 201 (with the run's deletion token), idempotent on `id` (200
 * for an identical repeat, without a token; 409 for a different body), rate-limited per client by a salted hash of its address (429).
 */
import { createHash, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError, IngestAccepted } from '../../src/schema/api.ts';
import type { RateLimitConfig } from '../config.ts';
import { MAX_BODY_BYTES } from '../ingest/check.ts';
import type { BodyChecker } from '../ingest/pool.ts';
import type { Store } from '../store/database.ts';
import type { RunRows } from '../store/run-rows.ts';
import { deleteTokenHash } from '../store/runs.ts';

export { MAX_BODY_BYTES, MAX_DEPTH } from '../ingest/check.ts';

/** The body as the content-type parser left it: the text as sent, parsed later by the checker. */
interface RawJson {
  raw: string;
}

export interface IngestOptions {
  store: Store;
  rateLimit: RateLimitConfig;
  ipHashSalt: string;
  /** Told of every newly stored run (not of repeats). */
  onStored: (rows: RunRows) => void;
  /** Parses and validates bodies (on worker threads when it has them). */
  checker: BodyChecker;
}

function fail(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).send(body);
}

export async function ingestRoutes(app: FastifyInstance, options: IngestOptions): Promise<void> {
  // Keep the text as sent: it is stored as the original record, and parsed by the checker.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (_request, body, done) => done(null, { raw: body as string } satisfies RawJson),
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
      const checked = await options.checker.check(body.raw);
      if (!checked.ok) return fail(reply, checked.status, checked.body);
      const { rows } = checked;
      // 256 random bits; only its hash is stored, and only the answer that stored the run shows it.
      const deleteToken = randomBytes(32).toString('base64url');
      rows.runRow.delete_token_sha256 = deleteTokenHash(deleteToken);
      const outcome = await options.store.writer.write(rows);
      if (outcome === 'conflict') {
        return fail(reply, 409, { error: `a different run with id ${rows.id} is already stored` });
      }
      if (outcome === 'created') options.onStored(rows);
      const accepted: IngestAccepted = { id: rows.id, url: `/runs/${rows.id}` };
      if (outcome === 'duplicate') return reply.code(200).send(accepted);
      return reply.code(201).send({ ...accepted, deleteToken } satisfies IngestAccepted);
    },
  );
}
