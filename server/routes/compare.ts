/**
 * The score side of the API: `GET /api/compare?run=ID` says how a stored run compares with every
 * device group (its score's percentile, the nearest groups) and with similar devices (the fastest
 * library/backend per model); `GET /api/scores` gives each device group's median score for the
 * dashboard. Queries are validated like the other routes' (400 listing every problem).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../src/schema/api.ts';
import { compareRun } from '../store/compare.ts';
import type { Store } from '../store/database.ts';
import { scoreGroups } from '../store/scores.ts';

/** Run ids are UUIDs (the record schema's `id`). */
const compareQuery = z.object({ run: z.uuid() });

export async function compareRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  app.get('/api/compare', async (request, reply) => {
    const parsed = compareQuery.safeParse(request.query);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      return reply.code(400).send({ error: 'bad query: run must be a run id', issues } satisfies ApiError);
    }
    const comparison = await compareRun(store, parsed.data.run);
    if (!comparison)
      return reply.code(404).send({ error: `no run with id ${parsed.data.run}` } satisfies ApiError);
    return comparison;
  });

  app.get('/api/scores', async () => scoreGroups(store));
}
