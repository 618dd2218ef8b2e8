/**
 * The read side of the API: one stored run as sent, the paged list with filters, the summary of
 * who is fastest where, and the store's health.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../src/schema/api.ts';
import type { Store } from '../store/database.ts';
import { decodeCursor, getRunRecord, listRuns, ping } from '../store/runs.ts';
import type { LiveSummary } from '../store/summary.ts';

const text = z.string().trim().min(1).max(200).optional();
const listQuery = z.object({
  model: text,
  runtime: text,
  backend: text,
  device: text,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export async function readRoutes(
  app: FastifyInstance,
  options: { store: Store; summary: LiveSummary },
): Promise<void> {
  const { store, summary } = options;

  app.get<{ Params: { id: string } }>('/api/runs/:id', async (request, reply) => {
    const record = await getRunRecord(store, request.params.id.slice(0, 100));
    if (record === undefined)
      return reply
        .code(404)
        .send({ error: `no run with id ${request.params.id.slice(0, 100)}` } satisfies ApiError);
    return reply.type('application/json; charset=utf-8').send(record);
  });

  app.get('/api/runs', async (request, reply) => {
    const parsed = listQuery.safeParse(request.query);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      return reply.code(400).send({ error: 'bad query', issues } satisfies ApiError);
    }
    const { limit, cursor, ...filters } = parsed.data;
    if (cursor) {
      try {
        decodeCursor(cursor);
      } catch (error) {
        return reply.code(400).send({ error: (error as Error).message } satisfies ApiError);
      }
    }
    return listRuns(store, filters, limit, cursor);
  });

  app.get('/api/summary', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(await summary.json()),
  );

  app.get('/healthz', async (_request, reply) => {
    try {
      await ping(store);
      return { ok: true, store: store.dialect };
    } catch (error) {
      return reply
        .code(503)
        .send({ ok: false, error: `the store does not answer: ${(error as Error).message}` });
    }
  });
}
