/**
 * `DELETE /api/runs/:id` with `Authorization: Bearer <token>`, the deletion token the run's 201
 * carried: removes the run, its cases and scenario results (200), and the summary follows. No or
 * a malformed token → 401, a token that is not this run's (or a run stored before tokens) → 403,
 * an unknown id → 404; nothing is removed on any of them.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiError, RunDeleted } from '../../src/schema/api.ts';
import type { Store } from '../store/database.ts';
import { deleteRun } from '../store/runs.ts';

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/i.exec(header ?? '');
  return match?.[1];
}

export async function deleteRoutes(
  app: FastifyInstance,
  options: { store: Store; onDeleted: (id: string) => void },
): Promise<void> {
  app.delete<{ Params: { id: string } }>('/api/runs/:id', async (request, reply) => {
    const id = request.params.id.slice(0, 100);
    const token = bearerToken(request.headers.authorization);
    if (!token)
      return reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer')
        .send({
          error: 'send the deletion token the upload answered with: Authorization: Bearer <token>',
        } satisfies ApiError);
    const outcome = await deleteRun(options.store, id, token);
    switch (outcome) {
      case 'missing':
        return reply.code(404).send({ error: `no run with id ${id}` } satisfies ApiError);
      case 'no-token-stored':
        return reply
          .code(403)
          .send({ error: 'this run was stored without a deletion token' } satisfies ApiError);
      case 'wrong-token':
        return reply.code(403).send({ error: 'this token does not delete this run' } satisfies ApiError);
      case 'deleted':
        options.onDeleted(id);
        return reply.code(200).send({ id, deleted: true } satisfies RunDeleted);
    }
  });
}
