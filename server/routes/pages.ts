/**
 * The server-side routes of the built pages that are not plain files: `/dashboard`, `/privacy`
 * and `/runs/:id` (the page reads the id from its own path).
 */
import type { FastifyInstance } from 'fastify';

export async function pageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/dashboard', (_request, reply) => reply.sendFile('dashboard.html'));
  app.get('/privacy', (_request, reply) => reply.sendFile('privacy.html'));
  app.get('/runs/:id', (_request, reply) => reply.sendFile('run.html'));
}
