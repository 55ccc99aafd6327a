/** Saved views of the orders grid over HTTP, each admin's own. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { errors, idParams, TAGS } from './orders.routes';
import type { ViewFilters } from './views.service';

export default async function viewRoutes(app: FastifyInstance) {
  const read = { access: 'sales.read' } as const;

  app.get(
    '/api/sales/order-views',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Your saved views of the orders grid',
        response: { 200: { type: 'array', items: { $ref: 'SalesOrderView#' } } },
      },
    },
    (request) => app.sales.views.list(request),
  );

  // Reading orders is enough to keep one's own views of them.
  app.post<{ Body: { name: string; filters: ViewFilters } }>(
    '/api/sales/order-views',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Save a view (filters and sort) under a name; your view of the same name is replaced',
        body: { $ref: 'SalesOrderViewBody#' },
        response: { 200: { $ref: 'SalesOrderView#' }, ...errors(400, 409) },
      },
    },
    (request) => app.sales.views.save(request, request.body),
  );

  app.delete<{ Params: { id: number } }>(
    '/api/sales/order-views/:id',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Delete one of your saved views',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      await app.sales.views.delete(request, request.params.id);
      return reply.status(204).send();
    },
  );
}
