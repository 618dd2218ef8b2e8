/**
 * The scenario side of the API: `GET /api/scenarios` lists stored scenario results newest first
 * (filters: scenario id, device group or model; keyset paging), `GET /api/scenarios/summary`
 * answers the study's questions per scenario × device group × browser. Queries are validated the
 * way `/api/runs` validates its own (400 listing every problem).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../src/schema/api.ts';
import type { Store } from '../store/database.ts';
import { decodeScenarioCursor, listScenarioResults, scenarioSummary } from '../store/scenarios.ts';

const text = z.string().trim().min(1).max(200).optional();
const listQuery = z.object({
  scenario: text,
  device: text,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
const summaryQuery = z.object({ scenario: text, device: text });

function badQuery(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return reply.code(400).send({ error: 'bad query', issues } satisfies ApiError);
}

/** Registers the two scenario routes over `store`. */
export async function scenarioRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  app.get('/api/scenarios', async (request, reply) => {
    const parsed = listQuery.safeParse(request.query);
    if (!parsed.success) return badQuery(reply, parsed.error);
    const { limit, cursor, ...filters } = parsed.data;
    if (cursor) {
      try {
        decodeScenarioCursor(cursor);
      } catch (error) {
        return reply.code(400).send({ error: (error as Error).message } satisfies ApiError);
      }
    }
    return listScenarioResults(store, filters, limit, cursor);
  });

  app.get('/api/scenarios/summary', async (request, reply) => {
    const parsed = summaryQuery.safeParse(request.query);
    if (!parsed.success) return badQuery(reply, parsed.error);
    return scenarioSummary(store, parsed.data);
  });
}
