/** GET /health: the service is up and its database answers. Public, for load balancers and monitors. */
import type { FastifyInstance } from 'fastify';

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        security: [],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              database: { type: 'string' },
              engine: { type: 'string' },
              latencyMs: { type: 'number' },
            },
          },
          503: {
            type: 'object',
            properties: { status: { type: 'string' }, database: { type: 'string' }, engine: { type: 'string' }, error: { type: 'string' } },
          },
        },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      try {
        await app.db.raw('SELECT 1');
        return { status: 'ok', database: 'ok', engine: app.dbEngine, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
      } catch (error) {
        app.log.error({ err: error }, 'health check: database unreachable');
        return reply
          .status(503)
          .send({ status: 'unavailable', database: 'unreachable', engine: app.dbEngine, error: 'database did not answer' });
      }
    },
  );
}
